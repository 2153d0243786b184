package io.conduit.users.user;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.conduit.users.Internal;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class LoginThrottleTest {

    private static ValidatableResponse login(String email, String password) {
        return Internal.given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", email, "password", password)))
                .post("/internal/users/login").then();
    }

    /** A login as the gateway forwards it from {@code client}. */
    private static ValidatableResponse loginFrom(String client, String email, String password) {
        return Internal.given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("user", Map.of("email", email, "password", password)))
                .post("/internal/users/login").then();
    }

    private static int config(String name) {
        return ConfigProvider.getConfig().getValue(name, Integer.class);
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

    @Test
    void aStrangersFailuresDoNotLockTheOwnerOutOfAnotherClient() {
        Account owner = Accounts.register();
        String stranger = "203.0.113.7";
        for (int i = 0; i < config("conduit.login.max-failures"); i++) {
            loginFrom(stranger, owner.email(), "guess-" + i).statusCode(401);
        }
        loginFrom(stranger, owner.email(), "guess-more").statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        // The stranger's client stays locked even when it guesses right ...
        loginFrom(stranger, owner.email(), owner.password()).statusCode(429);
        // ... while the owner, elsewhere, signs in, and a typo from a third client is an ordinary 401.
        loginFrom("198.51.100.20", owner.email(), owner.password()).statusCode(200);
        loginFrom("2001:db8::20", owner.email(), "typo").statusCode(401);
        login(owner.email(), owner.password()).statusCode(200);
    }

    @Test
    void countsTheFirstForwardedAddressAsTheClient() {
        Account owner = Accounts.register();
        for (int i = 0; i < config("conduit.login.max-failures"); i++) {
            loginFrom("203.0.113.9, 10.0.0.1", owner.email(), "guess-" + i).statusCode(401);
        }
        loginFrom("203.0.113.9", owner.email(), "guess-more").statusCode(429);
        loginFrom("10.0.0.1", owner.email(), owner.password()).statusCode(200);
    }

    @Test
    void guessesSpreadOverManyClientsStillMeetThePerEmailCeiling() {
        Account victim = Accounts.register();
        int ceiling = config("conduit.login.max-failures-per-email");
        assertThat("the ceiling is well above the per-client limit", ceiling, greaterThan(config("conduit.login.max-failures")));
        for (int i = 0; i < ceiling; i++) {
            // Two guesses per client: no client alone comes near its own limit.
            loginFrom("10.1." + (i / 2 / 250) + "." + (i / 2 % 250), victim.email(), "guess-" + i).statusCode(401);
        }
        loginFrom("192.0.2.1", victim.email(), "one-more").statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("errors.'email or password'[0]", containsString("try again in"));
        Account bystander = Accounts.register();
        loginFrom("192.0.2.1", bystander.email(), bystander.password()).statusCode(200);
    }

    @Test
    void anUnusableForwardedHeaderFallsBackToTheConnection() {
        assertThat(LoginThrottle.clientKey("203.0.113.5", "127.0.0.1"), equalTo("203.0.113.5"));
        assertThat(LoginThrottle.clientKey(" 2001:DB8::1 , 10.0.0.1", "127.0.0.1"), equalTo("2001:db8::1"));
        assertThat(LoginThrottle.clientKey(null, "127.0.0.1"), equalTo("127.0.0.1"));
        assertThat(LoginThrottle.clientKey("", "127.0.0.1"), equalTo("127.0.0.1"));
        assertThat(LoginThrottle.clientKey("<script>", "127.0.0.1"), equalTo("127.0.0.1"));
        assertThat(LoginThrottle.clientKey("1".repeat(65), "127.0.0.1"), equalTo("127.0.0.1"));
        assertThat(LoginThrottle.clientKey("a\u0000b", null), equalTo("unknown"));

        Account me = Accounts.register();
        loginFrom("x".repeat(5000), me.email(), "wrong").statusCode(401);
        loginFrom("'; DROP TABLE users; --", me.email(), me.password()).statusCode(200);
    }
}
