package io.conduit.gateway;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code $ref}s of an OpenAPI document. */
public final class JsonRefs {

    private JsonRefs() {
    }

    /** Every {@code $ref} in {@code json}, at any depth. */
    public static List<String> in(Object json) {
        List<String> refs = new ArrayList<>();
        if (json instanceof JsonObject object) {
            object.forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue() instanceof String ref) {
                    refs.add(ref);
                } else {
                    refs.addAll(in(e.getValue()));
                }
            });
        } else if (json instanceof JsonArray array) {
            array.forEach(item -> refs.addAll(in(item)));
        }
        return refs;
    }
}
