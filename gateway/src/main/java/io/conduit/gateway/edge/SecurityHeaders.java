package io.conduit.gateway.edge;

import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response of the public edge carries, whoever wrote it (the gateway, a service it relays, or an
 * error handler): no content sniffing; no caching of API answers, which carry tokens, emails and per-caller
 * flags; the scheme a 401 expects; and {@code Vary: Origin}, since the CORS headers echo the caller's origin.
 */
public class SecurityHeaders {

    private static final String AUTH_SCHEME = "Token";

    void install(@Observes Router router) {
        // First of all, so that even the answers of the earliest checks carry these headers.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            ctx.addHeadersEndHandler(ignored -> decorate(ctx));
            ctx.next();
        });
    }

    private static void decorate(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.getAll(HttpHeaders.VARY).stream().anyMatch(v -> v.contains("Origin"))) {
            headers.add(HttpHeaders.VARY, "Origin");
        }
        if (ctx.response().getStatusCode() == 401 && !headers.contains("WWW-Authenticate")) {
            headers.set("WWW-Authenticate", AUTH_SCHEME);
        }
        String path = ctx.request().path();
        if (path != null && (path.equals("/api") || path.startsWith("/api/"))) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
