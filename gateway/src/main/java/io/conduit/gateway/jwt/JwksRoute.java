package io.conduit.gateway.jwt;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.conduit.common.HttpErrors;
import io.vertx.ext.web.Router;

/** {@code GET /.well-known/jwks.json}: the public keys every service verifies tokens against. */
public class JwksRoute {

    @Inject
    SigningKeys keys;

    void install(@Observes Router router) {
        router.get("/.well-known/jwks.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "public, max-age=300")
                .end(keys.jwksJson()));
        router.route("/.well-known/jwks.json").handler(ctx -> {
            ctx.response().putHeader("Allow", "GET, HEAD");
            HttpErrors.write(ctx, 405, "method", "method is not allowed here");
        });
    }
}
