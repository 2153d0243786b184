package io.conduit.common;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller named by the verified JWT (its {@code sub} is the user id). Reading it resolves authentication,
 * so an invalid token fails the request with 401 even where auth is optional, while endpoints that never
 * read it ignore the Authorization header entirely.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    public Optional<Long> id() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(jwt.getSubject()));
        } catch (NumberFormatException e) {
            throw ApiError.unauthorized("is invalid");
        }
    }

    public long requireId() {
        return id().orElseThrow(() -> ApiError.unauthorized("is missing"));
    }

    /** The token the caller presented (users-service hands it back in the user body: it cannot sign new ones). */
    public String rawToken() {
        return ((JsonWebToken) identity.getPrincipal()).getRawToken();
    }
}
