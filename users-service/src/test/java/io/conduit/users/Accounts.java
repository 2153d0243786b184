package io.conduit.users;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;

/** Test fixtures: accounts registered through the real internal endpoint. */
public final class Accounts {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    public record Account(long id, String username, String email, String password, String token) {
    }

    private Accounts() {
    }

    public static String unique(String prefix) {
        return prefix + System.nanoTime() % 1_000_000_000L + "x" + COUNTER.incrementAndGet();
    }

    public static Account register() {
        String username = unique("user");
        String email = username + "@conduit.test";
        String password = "pw-" + username;
        Number id = Internal.given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", username, "email", email, "password", password)))
                .post("/internal/users")
                .then().statusCode(201)
                .extract().path("user.id");
        return new Account(id.longValue(), username, email, password, TestTokens.forUser(id.longValue()));
    }
}
