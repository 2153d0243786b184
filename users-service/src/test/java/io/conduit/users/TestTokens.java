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

    private static final String CURRENT = "test-keys/private.pem";
    private static final String PREVIOUS = "test-keys/previous-private.pem";
    private static final String FOREIGN = "test-keys/foreign-private.pem";

    public static String forUser(long id) {
        return sign(id, CURRENT, "current", Instant.now().plus(Duration.ofHours(1)));
    }

    /** Signed with the key being rotated out, which the JWKS still publishes. */
    public static String signedByPreviousKey(long id) {
        return sign(id, PREVIOUS, "previous", Instant.now().plus(Duration.ofHours(1)));
    }

    /** A key nobody published, presented under a kid that is published. */
    public static String signedByForeignKey(long id) {
        return sign(id, FOREIGN, "current", Instant.now().plus(Duration.ofHours(1)));
    }

    public static String signedByForeignKeyWithUnknownKid(long id) {
        return sign(id, FOREIGN, "unknown", Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(long id) {
        return sign(id, CURRENT, "current", Instant.now().minus(Duration.ofHours(1)));
    }

    public static String withIssuer(long id, String issuer) {
        return Jwt.subject(Long.toString(id)).issuer(issuer).audience("conduit")
                .expiresIn(Duration.ofHours(1)).jws().keyId("current").sign(key(CURRENT));
    }

    private static String sign(long id, String keyLocation, String kid, Instant expiresAt) {
        return Jwt.subject(Long.toString(id))
                .issuer("https://conduit.local")
                .audience("conduit")
                .issuedAt(expiresAt.minus(Duration.ofHours(2)))
                .expiresAt(expiresAt)
                .jws()
                .keyId(kid)
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
