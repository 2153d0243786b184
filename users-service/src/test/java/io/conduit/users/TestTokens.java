package io.conduit.users;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Signs tokens the way the gateway does, with the test key pair the %test profile trusts (or a foreign one). */
public final class TestTokens {

    private TestTokens() {
    }

    public static String forUser(long id) {
        return sign(id, "test-keys/private.pem", Instant.now().plus(Duration.ofHours(1)));
    }

    public static String signedByForeignKey(long id) {
        return sign(id, "test-keys/foreign-private.pem", Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(long id) {
        return sign(id, "test-keys/private.pem", Instant.now().minus(Duration.ofHours(1)));
    }

    public static String withIssuer(long id, String issuer) {
        return Jwt.subject(Long.toString(id)).issuer(issuer).audience("conduit")
                .expiresIn(Duration.ofHours(1)).jws().sign(key("test-keys/private.pem"));
    }

    private static String sign(long id, String keyLocation, Instant expiresAt) {
        return Jwt.subject(Long.toString(id))
                .issuer("https://conduit.local")
                .audience("conduit")
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .jws()
                .sign(key(keyLocation));
    }

    private static PrivateKey key(String location) {
        try {
            return KeyUtils.readPrivateKey(location);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
