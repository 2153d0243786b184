package io.conduit.gateway.jwt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's token settings ({@code conduit.jwt.*}); each default is written here and nowhere else. */
@ConfigMapping(prefix = "conduit.jwt")
public interface JwtSettings {

    /** The {@code iss} of every token; the services verify it ({@code mp.jwt.verify.issuer}). */
    String issuer();

    /** The {@code aud} of every token; the services verify it ({@code mp.jwt.verify.audiences}). */
    String audience();

    /** How long a token is valid ({@code CONDUIT_JWT_LIFETIME}, an ISO-8601 duration). */
    @WithDefault("P1D")
    Duration lifetime();

    /** The signing key as PEM text, PKCS#8 or PKCS#1 ({@code CONDUIT_JWT_PRIVATE_KEY}); wins over the location. */
    Optional<String> privateKey();

    /** A PEM file holding the signing key ({@code CONDUIT_JWT_PRIVATE_KEY_LOCATION}). */
    Optional<Path> privateKeyLocation();

    /** With neither of the two above: generate a key pair once into {@link #devKeyLocation()} (dev and test only). */
    @WithDefault("false")
    boolean generateIfMissing();

    /** Where the generated development key is kept. */
    @WithDefault(".dev-keys/jwt-private.pem")
    Path devKeyLocation();

    /**
     * Public keys (PEM files) still published in the JWKS during a rotation, so that tokens they signed verify until
     * they expire ({@code CONDUIT_JWT_RETIRED_PUBLIC_KEY_LOCATIONS}, comma-separated).
     */
    Optional<List<Path>> retiredPublicKeyLocations();
}
