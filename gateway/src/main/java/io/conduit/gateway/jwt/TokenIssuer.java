package io.conduit.gateway.jwt;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Signs RS256 access tokens that name the user by immutable id, so renames never invalidate them. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @ConfigProperty(name = "conduit.jwt.issuer")
    String issuer;

    @ConfigProperty(name = "conduit.jwt.audience")
    String audience;

    @ConfigProperty(name = "conduit.jwt.lifetime", defaultValue = "P1D")
    Duration lifetime;

    public String issue(long userId) {
        return Jwt.subject(Long.toString(userId))
                .issuer(issuer)
                .audience(audience)
                .issuedAt(java.time.Instant.now())
                .expiresIn(lifetime)
                .jws()
                .keyId(keys.signingKid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(keys.signingKey());
    }
}
