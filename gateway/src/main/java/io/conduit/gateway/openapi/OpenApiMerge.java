package io.conduit.gateway.openapi;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Merges a service's OpenAPI document into the public one: its public part ({@link PublicPart}: the {@code /api} paths
 * and the component schemas they reach), none of which is lost. A schema whose name is already taken by a different
 * schema is kept under the service's prefix ({@code Profile} of posts-service becomes {@code PostsProfile}) and every
 * {@code $ref} of the service's document to it is rewritten; a schema identical to the one already there (the shared
 * {@code ErrorBody}) is kept once.
 */
final class OpenApiMerge {

    static final String SCHEMA_REF = "#/components/schemas/";

    private OpenApiMerge() {
    }

    /**
     * Merges {@code service} (a document of the service named {@code serviceName}; changed) into {@code combined} (a
     * public document, as {@link PublicPart#restrict} leaves it; it stays one: what of the service is not public is
     * merged, then removed). A service's schema that is not public may take a prefixed name before it goes, but never
     * costs a public one its name, since {@code combined} holds only public schemas.
     */
    static void merge(JsonObject combined, JsonObject service, String serviceName) {
        JsonObject ours = child(child(combined, "components"), "schemas");
        JsonObject theirs = child(child(service, "components"), "schemas");
        Map<String, String> renamed = renames(ours, theirs, prefixOf(serviceName));
        JsonObject paths = child(combined, "paths");
        child(service, "paths").forEach(entry -> paths.put(entry.getKey(), rewriteRefs(entry.getValue(), renamed)));
        theirs.forEach(entry -> {
            String name = renamed.getOrDefault(entry.getKey(), entry.getKey());
            if (!ours.containsKey(name)) {
                ours.put(name, rewriteRefs(entry.getValue(), renamed));
            }
        });
        PublicPart.restrict(combined);
    }

    /**
     * The new name of each of {@code theirs} that collides with a different schema of {@code ours}. Different is
     * judged after the renaming of what a schema refers to, so this repeats until no new collision appears.
     */
    static Map<String, String> renames(JsonObject ours, JsonObject theirs, String prefix) {
        Map<String, String> renamed = new LinkedHashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String name : theirs.fieldNames()) {
                if (ours.containsKey(name) && !renamed.containsKey(name)
                        && !ours.getValue(name).equals(rewriteRefs(theirs.getValue(name), renamed))) {
                    renamed.put(name, freeName(prefix + name, ours, theirs, renamed));
                    changed = true;
                }
            }
        }
        return renamed;
    }

    /** "users-service" is "Users". */
    static String prefixOf(String serviceName) {
        String word = serviceName.split("[^A-Za-z0-9]", 2)[0];
        return word.isEmpty() ? "Service" : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String freeName(String wanted, JsonObject ours, JsonObject theirs, Map<String, String> renamed) {
        String name = wanted;
        for (int i = 2; ours.containsKey(name) || theirs.containsKey(name) || renamed.containsValue(name); i++) {
            name = wanted + i;
        }
        return name;
    }

    /** A copy of {@code json} whose schema {@code $ref}s point at the new names. */
    static Object rewriteRefs(Object json, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return json;
        }
        if (json instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            object.forEach(entry -> copy.put(entry.getKey(), entry.getKey().equals("$ref") && entry.getValue() instanceof String ref
                    ? rewriteRef(ref, renamed) : rewriteRefs(entry.getValue(), renamed)));
            return copy;
        }
        if (json instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(item -> copy.add(rewriteRefs(item, renamed)));
            return copy;
        }
        return json;
    }

    private static String rewriteRef(String ref, Map<String, String> renamed) {
        if (!ref.startsWith(SCHEMA_REF)) {
            return ref;
        }
        String rest = ref.substring(SCHEMA_REF.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String to = renamed.get(name);
        return to == null ? ref : SCHEMA_REF + to + (slash < 0 ? "" : rest.substring(slash));
    }

    /** The object under {@code key}, created when missing. */
    private static JsonObject child(JsonObject parent, String key) {
        if (!(parent.getValue(key) instanceof JsonObject)) {
            parent.put(key, new JsonObject());
        }
        return parent.getJsonObject(key);
    }
}
