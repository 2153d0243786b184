package io.conduit.posts.common;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.conduit.common.ApiError;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller named by the verified JWT. Reading it resolves authentication, so an invalid token
 * fails the request with 401 even where auth is optional; endpoints that never read it ignore the header.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public Optional<Long> id() {
        if (identity.isAnonymous()) {
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
}
