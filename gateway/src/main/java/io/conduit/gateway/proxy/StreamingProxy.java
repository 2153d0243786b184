package io.conduit.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.conduit.gateway.edge.ClientAddress;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards a request to an upstream and relays its answer, streaming bodies both ways over the pooled keep-alive
 * connections of {@link Upstreams}; an unreachable or slow upstream becomes a prompt JSON 502/503/504
 * ({@link UpstreamFailures}).
 *
 * <p>Written on the Vert.x HTTP client rather than vertx-http-proxy because that library answers upstream failures
 * with an empty 502, and the contract wants the JSON error shape.
 */
@ApplicationScoped
public class StreamingProxy {

    private static final Logger LOG = Logger.getLogger(StreamingProxy.class);

    @Inject
    Upstreams upstreams;

    @Inject
    UpstreamMetrics metrics;

    @Inject
    ClientAddress clients;

    @Inject
    ProxySettings settings;

    /** Forwards the request to {@code uri} of {@code upstream} and relays whatever it answers. */
    void forward(RoutingContext ctx, Upstream upstream, String uri) {
        send(ctx, upstream, uri, MultiMap.caseInsensitiveMultiMap())
                .onSuccess(response -> relay(ctx, response))
                .onFailure(failure -> UpstreamFailures.answer(ctx, upstream, failure));
    }

    /**
     * Sends the client's request, with {@code extraHeaders} set on it, to {@code uri} of {@code upstream}; the caller
     * answers the client (with {@link #relay} or otherwise).
     */
    Future<HttpClientResponse> send(RoutingContext ctx, Upstream upstream, String uri, MultiMap extraHeaders) {
        HttpServerRequest in = ctx.request();
        MultiMap headers = ForwardedHeaders.upstreamRequest(in, clients.of(in));
        extraHeaders.forEach((name, value) -> headers.set(name, value));
        RequestOptions options = upstream.request(in.method(), uri)
                .setIdleTimeout(settings.readTimeout().toMillis())
                .setHeaders(headers);
        // A chunked body was read whole by RequestGuards (to hold it to the size limit); any other streams through.
        Buffer buffered = ctx.body() == null ? null : ctx.body().buffer();
        long started = System.nanoTime();
        return upstreams.client().request(options)
                .compose(out -> buffered != null ? out.send(buffered) : out.send(in))
                .onComplete(result -> metrics.record(upstream, started, result));
    }

    /** Answers the client with the upstream's status, end-to-end headers and body, streamed. */
    void relay(RoutingContext ctx, HttpClientResponse response) {
        HttpServerResponse out = ctx.response();
        out.setStatusCode(response.statusCode());
        ForwardedHeaders.copy(response.headers(), out.headers());
        if (response.headers().get(HttpHeaders.CONTENT_LENGTH) == null) {
            out.setChunked(true);
        }
        response.pipeTo(out).onFailure(e -> LOG.debugf("Relay of %s ended early: %s", ctx.normalizedPath(), e));
    }
}
