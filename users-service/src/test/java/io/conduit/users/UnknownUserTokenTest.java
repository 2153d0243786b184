package io.conduit.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.conduit.common.testing.VerifiedTokensCheck;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A validly signed token whose {@code sub} names no user (deleted, or never issued): 401 on every endpoint that
 * reads the caller, before any 404 or 422, and nothing is stored for it.
 */
@QuarkusTest
class UnknownUserTokenTest {

    private static final String GONE = "names a user that no longer exists";
    private static final AtomicLong NEVER_ISSUED = new AtomicLong(900_000_000_000L);

    /**
     * Tokens are verified through common's VerifiedTokens, which remembers a verification for a minute: what it
     * remembers is that the signature is good, never that the user exists, so the 401s below hold for a token
     * used a second time too (each call here sends the same token).
     */
    @Test
    void tokensAreVerifiedThroughVerifiedTokens() {
        VerifiedTokensCheck.assertTokensAreVerifiedThroughVerifiedTokens();
    }

    @Test
    void everyEndpointThatReadsTheCallerAnswers401() {
        Account real = Accounts.register();
        long ghost = NEVER_ISSUED.incrementAndGet();
        String auth = "Token " + TestTokens.forUser(ghost);
        List<Function<RequestSpecification, Response>> calls = List.of(
                spec -> spec.get("/api/user"),
                spec -> spec.contentType(ContentType.JSON).body(Map.of("user", Map.of("bio", "boo"))).put("/api/user"),
                // 401 comes before 422 (nothing to change) ...
                spec -> spec.contentType(ContentType.JSON).body(Map.of("user", Map.of())).put("/api/user"),
                spec -> spec.contentType(ContentType.JSON).body(Map.of("user", Map.of("username", real.username()))).put("/api/user"),
                spec -> spec.contentType(ContentType.JSON).body(Map.of("user", Map.of("password", "new secret"))).put("/api/user"),
                spec -> spec.get("/api/profiles/" + real.username()),
                spec -> spec.post("/api/profiles/" + real.username() + "/follow"),
                spec -> spec.delete("/api/profiles/" + real.username() + "/follow"),
                // ... and before 404 (nobody by that name).
                spec -> spec.get("/api/profiles/nobody-" + real.username()),
                spec -> spec.post("/api/profiles/nobody-" + real.username() + "/follow"));
        for (var call : calls) {
            call.apply(given().header("Authorization", auth)).then().statusCode(401).contentType(ContentType.JSON)
                    .body("errors.token", contains(GONE));
        }
        // No follow was stored for the ghost, and the real user's account is untouched.
        Internal.given().get("/internal/users/" + ghost + "/followees").then().statusCode(404)
                .body("errors.user", contains("not found"));
        given().header("Authorization", "Token " + real.token()).get("/api/user").then().statusCode(200);
    }

    @Test
    void followeesOfAnUnknownUserAreNotFound() {
        Account real = Accounts.register();
        Internal.given().get("/internal/users/" + real.id() + "/followees").then().statusCode(200).body("ids", empty());
        Internal.given().get("/internal/users/" + NEVER_ISSUED.incrementAndGet() + "/followees").then().statusCode(404)
                .contentType(ContentType.JSON).body("errors.user", contains("not found"));
    }
}
