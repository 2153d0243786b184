package io.conduit.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

class AccountBodyTest {

    @Test
    void replacesTheIdByATokenForIt() {
        Buffer account = Buffer.buffer("{\"user\":{\"id\":42,\"email\":\"a@b.c\",\"username\":\"ann\",\"bio\":null,\"image\":\"i.png\"}}");
        JsonObject user = AccountBody.withToken(account, id -> "token-for-" + id).orElseThrow().getJsonObject("user");
        assertEquals(new JsonObject().put("email", "a@b.c").put("token", "token-for-42").put("username", "ann")
                .put("bio", null).put("image", "i.png"), user);
    }

    @Test
    void takesAnAbsentBioOrImageAsNull() {
        Buffer account = Buffer.buffer("{\"user\":{\"id\":4200000000,\"email\":\"a@b.c\",\"username\":\"ann\"}}");
        JsonObject user = AccountBody.withToken(account, id -> "t" + id).orElseThrow().getJsonObject("user");
        assertEquals("t4200000000", user.getString("token"));
        assertTrue(user.containsKey("bio") && user.getValue("bio") == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "<html>oops</html>", "[]", "null", "42", "\"user\"", "{}",
        "{\"account\":{\"id\":1,\"email\":\"a@b.c\",\"username\":\"ann\"}}",
        "{\"user\":null}", "{\"user\":\"ann\"}", "{\"user\":[]}",
        "{\"user\":{\"email\":\"a@b.c\",\"username\":\"ann\"}}",
        "{\"user\":{\"id\":\"1\",\"email\":\"a@b.c\",\"username\":\"ann\"}}",
        "{\"user\":{\"id\":1.5,\"email\":\"a@b.c\",\"username\":\"ann\"}}",
        "{\"user\":{\"id\":1,\"username\":\"ann\"}}",
        "{\"user\":{\"id\":1,\"email\":\"a@b.c\",\"username\":7}}",
        "{\"user\":{\"id\":1,\"email\":\"a@b.c\",\"username\":\"ann\",\"bio\":{}}}"})
    void findsNoAccountInAnythingElse(String body) {
        assertTrue(AccountBody.withToken(Buffer.buffer(body), id -> "t").isEmpty(), body);
    }
}
