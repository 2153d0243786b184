package io.conduit.common;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * The caller named by the verified JWT (its {@code sub} is the user id). Reading it resolves authentication,
 * so an invalid token fails the request with 401 even where auth is optional, while endpoints that never
 * read it ignore the Authorization header entirely.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    public Optional<Long> id() {
        // Two credentials on one request are ambiguous: never let "the first one wins" decide who is calling.
        if (request.headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
            throw ApiError.unauthorized("is ambiguous (more than one Authorization header)");
        }
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
