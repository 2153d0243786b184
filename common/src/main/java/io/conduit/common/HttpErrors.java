package io.conduit.common;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * JSON bodies for the HTTP-level errors that happen outside any endpoint (no route, wrong method,
 * body too large), so that even these answer in the contract's error shape instead of a framework page.
 */
public class HttpErrors {

    private static final Logger LOG = Logger.getLogger(HttpErrors.class);

    private static final int[] HANDLED = {400, 404, 405, 413, 415, 500, 502, 503, 504};

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        // Ahead of Quarkus' own failure page: a failure outside any endpoint still answers in JSON.
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpErrors::failed);
        // Ahead of Quarkus' own body-size check, which answers 413 with an empty body.
        long maxBody = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE + 10).handler(ctx -> rejectOversized(ctx, maxBody));
        for (int status : HANDLED) {
            router.errorHandler(status, ctx -> write(ctx, status, keyFor(status), messageFor(status)));
        }
    }

    private static void rejectOversized(RoutingContext ctx, long maxBody) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declared(length) > maxBody) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(ctx, 413, keyFor(413), "is too large (maximum is " + maxBody + " bytes)");
        } else {
            ctx.next();
        }
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void failed(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.errorf(ctx.failure(), "%s %s failed", ctx.request().method(), ctx.normalizedPath());
        }
        write(ctx, status, keyFor(status), messageFor(status));
    }

    public static void write(RoutingContext ctx, int status, String key, String message) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        String body = new JsonObject().put("errors", new JsonObject().put(key, new JsonArray().add(message))).encode();
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }

    public static String keyFor(int status) {
        return switch (status) {
            case 400 -> "body";
            case 404 -> "route";
            case 405 -> "method";
            case 406 -> "Accept";
            case 413 -> "body";
            case 415 -> "Content-Type";
            case 502, 503, 504 -> "upstream";
            default -> "request";
        };
    }

    public static String messageFor(int status) {
        return switch (status) {
            case 400 -> "is not valid JSON";
            case 404 -> "not found";
            case 405 -> "method is not allowed here";
            case 406 -> "must accept application/json";
            case 413 -> "is too large (maximum is 1 MiB)";
            case 415 -> "must be application/json";
            case 502 -> "is unreachable";
            case 503 -> "is unavailable";
            case 504 -> "did not answer in time";
            default -> "failed (" + status + ")";
        };
    }
}
