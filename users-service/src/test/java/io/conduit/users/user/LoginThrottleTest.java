package io.conduit.users.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class LoginThrottleTest {

    private static ValidatableResponse login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", email, "password", password)))
                .post("/internal/users/login").then();
    }

    @Test
    void locksOneEmailAfterTenFailuresAndLeavesOtherAccountsAlone() {
        Account victim = Accounts.register();
        Account bystander = Accounts.register();
        for (int i = 0; i < 10; i++) {
            login(victim.email(), "guess-" + i).statusCode(401);
        }
        login(victim.email(), "guess-10").statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("errors", hasKey("email or password"));
        // Even the right password waits out the lockout: the throttle is checked before the hash.
        login(victim.email().toUpperCase(), victim.password()).statusCode(429)
                .body("errors.'email or password'[0]", containsString("try again in"));
        login(bystander.email(), bystander.password()).statusCode(200);
    }

    @Test
    void throttlesUnknownEmailsExactlyLikeKnownOnes() {
        String unknown = Accounts.unique("ghost") + "@conduit.test";
        for (int i = 0; i < 10; i++) {
            login(unknown, "guess-" + i).statusCode(401).body("errors.'email or password'", contains("is invalid"));
        }
        login(unknown, "guess-10").statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        Account me = Accounts.register();
        for (int i = 0; i < 9; i++) {
            login(me.email(), "typo-" + i).statusCode(401);
        }
        login(me.email(), me.password()).statusCode(200);
        for (int i = 0; i < 9; i++) {
            login(me.email(), "typo-again-" + i).statusCode(401);
        }
        login(me.email(), me.password()).statusCode(200);
    }
}
