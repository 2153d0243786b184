package io.conduit.gateway.proxy;

import java.util.Optional;
import java.util.function.LongFunction;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Turns users-service's internal account ({@code {"user":{"id":…,"email":…,"username":…,"bio":…,"image":…}}}, the
 * answer of its {@code /internal/users} and {@code /internal/users/login}) into the public user body, which carries a
 * token for that id instead of the id itself.
 */
final class AccountBody {

    private AccountBody() {
    }

    /** The public body, or empty when {@code body} is not such an account (never an exception). */
    static Optional<JsonObject> withToken(Buffer body, LongFunction<String> tokenFor) {
        JsonObject account = accountIn(body);
        if (account == null
                || !(account.getValue("id") instanceof Number id) || !(id instanceof Integer || id instanceof Long)
                || !(account.getValue("email") instanceof String email)
                || !(account.getValue("username") instanceof String username)
                || !isTextOrNull(account.getValue("bio")) || !isTextOrNull(account.getValue("image"))) {
            return Optional.empty();
        }
        JsonObject user = new JsonObject()
                .put("email", email)
                .put("token", tokenFor.apply(id.longValue()))
                .put("username", username)
                .put("bio", account.getValue("bio"))
                .put("image", account.getValue("image"));
        return Optional.of(new JsonObject().put("user", user));
    }

    private static JsonObject accountIn(Buffer body) {
        Object json;
        try {
            json = body == null || body.length() == 0 ? null : body.toJsonValue();
        } catch (RuntimeException notJson) {
            return null;
        }
        return json instanceof JsonObject wrapper && wrapper.getValue("user") instanceof JsonObject account ? account : null;
    }

    private static boolean isTextOrNull(Object value) {
        return value == null || value instanceof String;
    }
}
