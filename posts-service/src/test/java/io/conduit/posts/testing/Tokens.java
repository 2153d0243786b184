package io.conduit.posts.testing;

import java.security.PrivateKey;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens as the gateway issues them, signed with the test key under kid "current"; or with the key being
 * rotated out (kid "previous"), which the test JWKS still publishes; or, to be rejected, with a foreign one.
 */
public final class Tokens {

    private Tokens() {
    }

    public static String of(FakeUsersService.User user) {
        return of(user.id());
    }

    public static String of(long userId) {
        return Jwt.subject(String.valueOf(userId))
                .issuer("https://conduit.local")
                .audience("conduit")
                .expiresIn(3600)
                .jws().keyId("current")
                .sign();
    }

    public static String signedByPreviousKey(long userId) {
        return signedWith("test-keys/previous-private.pem", "previous", userId);
    }

    public static String expired(long userId) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.subject(String.valueOf(userId))
                .issuer("https://conduit.local")
                .audience("conduit")
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .jws().keyId("current")
                .sign();
    }

    /** A key nobody published, presented under a kid that is published. */
    public static String foreign(long userId) {
        return signedWith("test-keys/foreign-private.pem", "current", userId);
    }

    private static String signedWith(String keyLocation, String kid, long userId) {
        try {
            return signedWith(KeyUtils.readPrivateKey(keyLocation), kid, userId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with {@code key} under {@code kid}, e.g. a key the gateway has just rotated to. */
    public static String signedWith(PrivateKey key, String kid, long userId) {
        return Jwt.subject(String.valueOf(userId))
                .issuer("https://conduit.local")
                .audience("conduit")
                .expiresIn(3600)
                .jws().keyId(kid)
                .sign(key);
    }

    /** The header value clients send. */
    public static String header(String token) {
        return "Token " + token;
    }
}
