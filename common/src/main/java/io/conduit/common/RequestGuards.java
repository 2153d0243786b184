package io.conduit.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks every request makes before any route sees it, each answered in the contract's JSON error shape (the
 * framework's own answers to the same problems have empty bodies): a URI that is not a valid URI (400) or too
 * long (414), headers too large (431), and a body over the limit (413), whether it declares its length or is
 * chunked. The HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}) are set well above these, so that the checks here are the ones clients meet.
 */
public class RequestGuards {

    @ConfigProperty(name = "conduit.http.max-uri-length")
    int maxUriLength;

    @ConfigProperty(name = "conduit.http.max-header-bytes")
    int maxHeaderBytes;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long maxBody = maxBodySize.asLongValue();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBody);
        router.route().order(Integer.MIN_VALUE + 6).handler(ctx -> guard(ctx, maxBody, chunkedBodies));
    }

    private void guard(RoutingContext ctx, long maxBody, BodyHandler chunkedBodies) {
        HttpServerRequest request = ctx.request();
        String uri = request.uri();
        if (uri.length() > maxUriLength) {
            HttpErrors.write(ctx, 414, "url", "is too long (maximum is " + maxUriLength + " characters)");
            return;
        }
        if (!isValidUri(uri)) {
            HttpErrors.write(ctx, 400, "url", "is not a valid URL");
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            HttpErrors.write(ctx, 431, "headers", "are too large (maximum is " + maxHeaderBytes + " bytes)");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declared(length) > maxBody) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            HttpErrors.write(ctx, 413, "body", "is too large (maximum is " + maxBody + " bytes)");
            return;
        }
        if (length == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // A chunked body announces no length: it is read here, up to the limit, and a longer one fails with
            // 413 (answered by HttpErrors). Handlers further on read the buffered body.
            chunkedBodies.handle(ctx);
            return;
        }
        ctx.next();
    }

    /** The test Quarkus itself makes (and that {@link Main} turns off so that the answer is JSON). */
    public static boolean isValidUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static long headerBytes(HttpServerRequest request) {
        long total = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
