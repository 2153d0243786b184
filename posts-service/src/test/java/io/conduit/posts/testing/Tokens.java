package io.conduit.posts.testing;

import java.security.PrivateKey;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Tokens as the gateway issues them, signed with the test key (or, to be rejected, with a foreign one). */
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
                .sign();
    }

    public static String expired(long userId) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.subject(String.valueOf(userId))
                .issuer("https://conduit.local")
                .audience("conduit")
                .issuedAt(now - 7200)
                .expiresAt(now - 3600)
                .sign();
    }

    public static String foreign(long userId) {
        try {
            PrivateKey key = KeyUtils.readPrivateKey("test-keys/foreign-private.pem");
            return Jwt.subject(String.valueOf(userId))
                    .issuer("https://conduit.local")
                    .audience("conduit")
                    .expiresIn(3600)
                    .sign(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value clients send. */
    public static String header(String token) {
        return "Token " + token;
    }
}
