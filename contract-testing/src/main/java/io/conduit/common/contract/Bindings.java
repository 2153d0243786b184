package io.conduit.common.contract;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The values a contract names by placeholder, for one run: each user role's id and username, an id and a
 * username nobody has, and the internal caller token. The consumer turns the values it saw into placeholders
 * ({@link #placeholders}); the provider turns placeholders into the values of the users it created
 * ({@link #values}).
 * <p>
 * Placeholders: {@code {role.id}}, {@code {role.username}}, {@code {role.USERNAME}} (the username upper-cased),
 * {@code {nobody.id}}, {@code {nobody.username}}, {@code {internal-token}}, {@code {wrong-internal-token}}, and
 * {@code {N ids}} for a comma-separated list of N distinct ids nobody has.
 */
public final class Bindings {

    public record User(long id, String username) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, User> users = new LinkedHashMap<>();
    private final long nobodyId;
    private final String nobodyUsername;
    private final String internalToken;
    private final String wrongInternalToken;

    /**
     * @param internalToken the internal caller token the provider accepts
     * @param wrongInternalToken one it refuses
     */
    public Bindings(long nobodyId, String nobodyUsername, String internalToken, String wrongInternalToken) {
        this.nobodyId = nobodyId;
        this.nobodyUsername = nobodyUsername;
        this.internalToken = internalToken;
        this.wrongInternalToken = wrongInternalToken;
    }

    public Bindings user(String role, long id, String username) {
        users.put(role, new User(id, username));
        return this;
    }

    public User user(String role) {
        User user = users.get(role);
        if (user == null) {
            throw new IllegalArgumentException("no user has the role " + role + " in this contract state");
        }
        return user;
    }

    /** A token the provider does not accept. */
    public String wrongInternalToken() {
        return wrongInternalToken;
    }

    // --- consumer: values to placeholders ---

    /** {@code text} as a placeholder when it is one of the bound values as a whole, else unchanged. */
    public String placeholder(String text) {
        if (text.equals(internalToken)) {
            return "{internal-token}";
        }
        if (text.equals(wrongInternalToken())) {
            return "{wrong-internal-token}";
        }
        if (text.equals(Long.toString(nobodyId))) {
            return "{nobody.id}";
        }
        if (text.equals(nobodyUsername)) {
            return "{nobody.username}";
        }
        for (Map.Entry<String, User> e : users.entrySet()) {
            if (text.equals(Long.toString(e.getValue().id()))) {
                return "{" + e.getKey() + ".id}";
            }
            if (text.equals(e.getValue().username())) {
                return "{" + e.getKey() + ".username}";
            }
            if (text.equals(e.getValue().username().toUpperCase(Locale.ROOT))) {
                return "{" + e.getKey() + ".USERNAME}";
            }
        }
        return text;
    }

    /** A path with each segment, or a comma-separated query value with each item, turned into placeholders. */
    public String placeholders(String text, String separator) {
        String[] parts = text.split(java.util.regex.Pattern.quote(separator), -1);
        if (separator.equals(",") && parts.length > 2 && allUnbound(parts)) {
            return "{" + parts.length + " ids}";
        }
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            out.add(placeholder(part));
        }
        return String.join(separator, out);
    }

    private boolean allUnbound(String[] parts) {
        for (String part : parts) {
            if (!part.matches("\\d+") || !placeholder(part).equals(part)) {
                return false;
            }
        }
        return true;
    }

    /** A copy of {@code body} with bound ids (numbers) and usernames (strings) turned into placeholders. */
    public JsonNode placeholders(JsonNode body) {
        return mapLeaves(body, leaf -> {
            if (!leaf.isIntegralNumber() && !leaf.isTextual()) {
                return leaf;
            }
            String placeholder = placeholder(leaf.asText());
            return placeholder.equals(leaf.asText()) ? leaf : NODES.textNode(placeholder);
        });
    }

    /** A copy of {@code node} with every value that is neither an object nor an array replaced by {@code leaf}. */
    private static JsonNode mapLeaves(JsonNode node, UnaryOperator<JsonNode> leaf) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(mapLeaves(item, leaf)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), mapLeaves(field.getValue(), leaf));
            }
            return out;
        }
        return leaf.apply(node);
    }

    // --- provider: placeholders to values ---

    /** {@code text} with every placeholder replaced by its value. */
    public String values(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^{}]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String name) {
        if (name.equals("internal-token")) {
            return internalToken;
        }
        if (name.equals("wrong-internal-token")) {
            return wrongInternalToken();
        }
        if (name.endsWith(" ids")) {
            int count = Integer.parseInt(name.substring(0, name.length() - 4));
            return LongStream.range(0, count).map(i -> nobodyId + 1 + i).mapToObj(Long::toString)
                    .collect(Collectors.joining(","));
        }
        int dot = name.lastIndexOf('.');
        String role = name.substring(0, dot);
        String field = name.substring(dot + 1);
        User user = role.equals("nobody") ? new User(nobodyId, nobodyUsername) : user(role);
        return switch (field) {
            case "id" -> Long.toString(user.id());
            case "username" -> user.username();
            case "USERNAME" -> user.username().toUpperCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("unknown placeholder {" + name + "}");
        };
    }

    /** A copy of {@code body} with placeholders replaced: {@code {role.id}} by a number, others by text. */
    public JsonNode values(JsonNode body) {
        return mapLeaves(body, leaf -> {
            if (!leaf.isTextual()) {
                return leaf;
            }
            String text = leaf.asText();
            return text.matches("\\{[^{}]+\\.id}") ? NODES.numberNode(Long.parseLong(values(text)))
                    : NODES.textNode(values(text));
        });
    }
}
