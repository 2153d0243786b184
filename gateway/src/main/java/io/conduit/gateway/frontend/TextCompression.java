package io.conduit.gateway.frontend;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets the HTTP layer compress text answers of every public route, the web client's files and the proxied API's
 * JSON alike, for clients that accept it ({@code Accept-Encoding}).
 *
 * <p>With {@code quarkus.http.enable-compression=true} Quarkus marks every response {@code Content-Encoding: identity}
 * (which stops the compressor) and lifts that mark only for its own static resources, reactive routes and REST
 * endpoints; plain Vert.x routes such as the proxy and {@link FrontendRoutes} keep it. This lifts it for the text
 * media types below, when the headers are written, so whatever set {@code Content-Type} is covered; answers that are
 * already encoded (a relayed {@code gzip} body) or binary stay as they are. {@code Vary: Accept-Encoding} tells caches
 * that the body depends on that header.
 */
public class TextCompression {

    static final Set<String> TEXT_TYPES = Set.of("text/html", "text/css", "text/plain", "text/javascript",
            "application/javascript", "application/json", "application/problem+json", "application/manifest+json",
            "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            ctx.addHeadersEndHandler(ignored -> allow(ctx));
            ctx.next();
        });
    }

    private static void allow(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            return;
        }
        if (!isText(headers.get(HttpHeaders.CONTENT_TYPE))) {
            return;
        }
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        if (headers.getAll(HttpHeaders.VARY).stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("accept-encoding"))) {
            headers.add(HttpHeaders.VARY, "Accept-Encoding");
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return TEXT_TYPES.contains(mediaType);
    }
}
