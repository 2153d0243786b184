package io.conduit.posts.security;

import static io.conduit.posts.testing.Api.withToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.conduit.posts.testing.JwksServer;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A signing-key rotation: the gateway starts signing with a new key (a kid the JWKS posts-service loaded does not
 * have) and publishes it. posts-service accepts the new tokens within a minute
 * ({@code smallrye.jwt.jwks.forced-refresh-interval=1}, shared in common's microprofile-config.properties), even
 * when an unknown kid has already forced a JWKS refresh shortly before; without that setting the forced refresh
 * waits 30 minutes and the scheduled one 10, so the new key would be refused for minutes.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = JwksServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JwksRotationTest {

    /**
     * Well past the minute between forced refreshes, well short of the 10 minutes between scheduled ones: only
     * the forced refresh can make the new key verify by then.
     */
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @InjectFakeUsers
    FakeUsersService users;

    JwksServer jwks;

    @Test
    void acceptsATokenSignedByANewlyPublishedKeyWithinAMinute() throws Exception {
        User user = users.addUser("rotation");
        withToken(Tokens.of(user)).get("/api/articles/feed").then().statusCode(200);

        KeyPair next = rsaKeyPair();
        String token = Tokens.signedWith(next.getPrivate(), "next", user.id());
        // An unknown kid before the key is published (an early token, or any client's garbage): refused, and it
        // spends the forced refresh, as a real rotation may find it spent.
        withToken(token).get("/api/articles/feed").then().statusCode(401);

        jwks.publish((RSAPublicKey) next.getPublic(), "next");
        int fetchesBefore = jwks.fetches();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        int status;
        do {
            int seen = jwks.fetches();
            status = withToken(token).get("/api/articles/feed").then().extract().statusCode();
            if (status != 200) {
                assertEquals(401, status, "a token under an unknown kid is a 401 until the JWKS is refreshed");
                if (System.nanoTime() > deadline) {
                    fail("a token signed by the newly published key was still refused after " + DEADLINE
                            + "; JWKS fetched " + jwks.fetches() + " times");
                }
                // The refresh this test waits for is a JWKS fetch: wake on it, asking again at most every second
                // (the service refetches only when a request brings the unknown kid).
                jwks.awaitFetchBeyond(seen, Duration.ofSeconds(1));
            }
        } while (status != 200);
        assertTrue(jwks.fetches() > fetchesBefore, "the new key was accepted without fetching the JWKS again");
        // The old keys still verify after the refresh.
        withToken(Tokens.of(user)).get("/api/articles/feed").then().statusCode(200);
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
