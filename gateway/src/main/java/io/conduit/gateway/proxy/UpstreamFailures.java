package io.conduit.gateway.proxy;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.conduit.common.HttpErrors;
import io.vertx.ext.web.RoutingContext;

/**
 * What the client gets when an upstream fails it, always in the contract's JSON shape: 504 when it did not answer in
 * time, 503 when it could not be reached, 502 when it failed to answer or answered with what the gateway cannot use.
 * A relay that breaks after its headers went out can only be cut short (a reset).
 */
final class UpstreamFailures {

    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);

    private UpstreamFailures() {
    }

    static void answer(RoutingContext ctx, Upstream upstream, Throwable failure) {
        LOG.warnf("%s %s -> %s failed: %s", ctx.request().method(), ctx.normalizedPath(), upstream.name(), failure.toString());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            HttpErrors.write(ctx, 504, "upstream", upstream.name() + " did not answer in time");
        } else if (failure instanceof ConnectException) {
            HttpErrors.write(ctx, 503, "upstream", upstream.name() + " is unavailable");
        } else {
            HttpErrors.write(ctx, 502, "upstream", upstream.name() + " failed to answer");
        }
    }

    /** A 2xx answer whose body is not what the contract between the gateway and the service says. */
    static void unexpectedBody(RoutingContext ctx, Upstream upstream) {
        LOG.warnf("%s %s -> %s answered with an unexpected body", ctx.request().method(), ctx.normalizedPath(), upstream.name());
        HttpErrors.write(ctx, 502, "upstream", upstream.name() + " answered with an unexpected body");
    }
}
