package io.conduit.gateway.jwt;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Signs RS256 access tokens that name the user by immutable id, so renames never invalidate them. */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    JwtSettings settings;

    public String issue(long userId) {
        SigningKeys.SigningKey signing = keys.current();
        return Jwt.subject(Long.toString(userId))
                .issuer(settings.issuer())
                .audience(settings.audience())
                .issuedAt(Instant.now())
                .expiresIn(settings.lifetime())
                .jws()
                .keyId(signing.kid())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(signing.key());
    }
}
