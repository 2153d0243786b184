package io.conduit.common;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

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

    private static final int[] HANDLED = {400, 404, 405, 413, 414, 415, 431, 500, 502, 503, 504};

    void install(@Observes Router router) {
        // Ahead of Quarkus' own failure page: a failure outside any endpoint still answers in JSON.
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpErrors::failed);
        for (int status : HANDLED) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
    }

    /** The router's own 400 comes from a path it could not decode; any other from a body it could not read. */
    private static void answer(RoutingContext ctx, int status) {
        if (status == 400 && ctx.failure() instanceof IllegalArgumentException) {
            write(ctx, 400, "url", "is not a valid URL");
        } else {
            write(ctx, status, keyFor(status), messageFor(status));
        }
    }

    private static void failed(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.errorf(ctx.failure(), "%s %s failed", ctx.request().method(), ctx.request().path());
        }
        answer(ctx, status);
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
            case 414 -> "url";
            case 431 -> "headers";
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
            case 414 -> "is too long";
            case 431 -> "are too large";
            case 415 -> "must be application/json";
            case 502 -> "is unreachable";
            case 503 -> "is unavailable";
            case 504 -> "did not answer in time";
            default -> "failed (" + status + ")";
        };
    }
}
