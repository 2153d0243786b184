package io.conduit.gateway.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What of an OpenAPI document is public: its {@code /api} paths (never an {@code /internal} one, nor any other), and
 * exactly the component schemas those paths reach, through their {@code $ref}s and the {@code $ref}s of what these
 * name in turn (a schema, or any other component: a response, a parameter, a request body). A schema that only an
 * {@code /internal} path uses ({@code Account}, {@code InternalProfile}) is not public, nor is one only such a schema
 * refers to. Other components ({@code securitySchemes}) are named, not referred to, and stay as they are.
 */
final class PublicPart {

    private static final String PUBLIC_PATHS = "/api/";
    private static final String COMPONENT_REF = "#/components/";

    private PublicPart() {
    }

    /** Removes from {@code document} every path outside {@code /api} and every schema no remaining path reaches. */
    static void restrict(JsonObject document) {
        if (document.getValue("paths") instanceof JsonObject paths) {
            List.copyOf(paths.fieldNames()).stream().filter(path -> !path.startsWith(PUBLIC_PATHS)).forEach(paths::remove);
        }
        if (document.getValue("components") instanceof JsonObject components
                && components.getValue("schemas") instanceof JsonObject schemas) {
            Set<String> reached = reachedSchemas(document);
            List.copyOf(schemas.fieldNames()).stream().filter(name -> !reached.contains(name)).forEach(schemas::remove);
        }
    }

    /** The names of the component schemas {@code document}'s paths reach. */
    static Set<String> reachedSchemas(JsonObject document) {
        Set<String> components = new HashSet<>();
        Set<String> schemas = new HashSet<>();
        Deque<Object> unread = new ArrayDeque<>();
        unread.push(document.getValue("paths") instanceof JsonObject paths ? paths : new JsonObject());
        while (!unread.isEmpty()) {
            forEachRef(unread.pop(), ref -> {
                if (!ref.startsWith(COMPONENT_REF)) {
                    return;
                }
                // "#/components/<kind>/<name>", possibly followed by a path inside that component.
                String[] kindAndName = ref.substring(COMPONENT_REF.length()).split("/", 3);
                if (kindAndName.length >= 2 && components.add(kindAndName[0] + "/" + kindAndName[1])) {
                    if (kindAndName[0].equals("schemas")) {
                        schemas.add(kindAndName[1]);
                    }
                    if (document.getValue("components") instanceof JsonObject all
                            && all.getValue(kindAndName[0]) instanceof JsonObject ofKind
                            && ofKind.getValue(kindAndName[1]) != null) {
                        unread.push(ofKind.getValue(kindAndName[1]));
                    }
                }
            });
        }
        return schemas;
    }

    /** Calls {@code action} with every {@code $ref} in {@code json}, at any depth. */
    private static void forEachRef(Object json, Consumer<String> action) {
        if (json instanceof JsonObject object) {
            object.forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue() instanceof String ref) {
                    action.accept(ref);
                } else {
                    forEachRef(entry.getValue(), action);
                }
            });
        } else if (json instanceof JsonArray array) {
            array.forEach(item -> forEachRef(item, action));
        }
    }
}
