package io.conduit.gateway.proxy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.conduit.common.HttpErrors;
import io.conduit.common.InternalCaller;
import io.conduit.common.RequestIds;
import io.conduit.gateway.edge.ClientAddress;
import io.conduit.gateway.jwt.TokenIssuer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public entry point for {@code /api/**}: forwards each request to the service that owns its path,
 * streaming bodies both ways over pooled keep-alive connections, and turns an unreachable or slow
 * upstream into a prompt JSON 502/504. Registration and login go to users-service's internal endpoints
 * and come back with a token the gateway signs.
 *
 * Written on the Vert.x HTTP client rather than vertx-http-proxy because that library answers upstream
 * failures with an empty 502, and the contract wants the JSON error shape.
 */
public class ApiProxy {

    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    /**
     * Hop-by-hop headers, plus what the gateway sets on the upstream leg itself: the request id, and the
     * W3C trace context (OpenTelemetry's Vert.x client instrumentation adds the one of the gateway's span).
     */
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "x-request-id",
            "traceparent", "tracestate", InternalCaller.HEADER.toLowerCase(Locale.ROOT));

    @Inject
    TokenIssuer tokens;

    @Inject
    Upstreams upstreams;

    @Inject
    UpstreamMetrics metrics;

    @Inject
    ClientAddress clients;

    @ConfigProperty(name = InternalCaller.TOKEN_PROPERTY)
    String internalToken;

    @ConfigProperty(name = "conduit.proxy.read-timeout", defaultValue = "8s")
    Duration readTimeout;

    void install(@Observes Router router) {
        router.route("/api/*").handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        var owner = Routes.ownerOf(path);
        if (owner.isEmpty()) {
            HttpErrors.write(ctx, 404, "route", "not found");
            return;
        }
        String query = ctx.request().query();
        String uri = query == null ? path : path + "?" + query;
        switch (owner.get()) {
            case USERS -> forward(ctx, upstreams.users(), uri, false);
            case POSTS -> forward(ctx, upstreams.posts(), uri, false);
            case REGISTER -> authenticate(ctx, "/internal/users");
            case LOGIN -> authenticate(ctx, "/internal/users/login");
        }
    }

    private void authenticate(RoutingContext ctx, String target) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.response().putHeader("Allow", "POST");
            HttpErrors.write(ctx, 405, "method", "method is not allowed here");
            return;
        }
        forward(ctx, upstreams.users(), target, true);
    }

    /**
     * Forwards the request. An {@code internal} target is one of users-service's {@code /internal} endpoints: the
     * gateway presents its caller credential there, and signs a token for the account a 2xx answer carries.
     */
    private void forward(RoutingContext ctx, Upstream upstream, String uri, boolean internal) {
        HttpServerRequest in = ctx.request();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setURI(uri)
                .setIdleTimeout(readTimeout.toMillis())
                .setHeaders(MultiMap.caseInsensitiveMultiMap());
        copyHeaders(in.headers(), options.getHeaders());
        options.putHeader(RequestIds.HEADER, in.getHeader(RequestIds.HEADER));
        options.putHeader("X-Forwarded-For", clients.of(in));
        options.putHeader("X-Forwarded-Proto", in.scheme());
        if (in.authority() != null) {
            options.putHeader("X-Forwarded-Host", in.authority().toString());
        }
        if (internal) {
            options.putHeader(InternalCaller.HEADER, internalToken);
        }
        // A chunked body was read whole by RequestGuards (to hold it to the size limit); any other streams through.
        Buffer buffered = ctx.body() == null ? null : ctx.body().buffer();

        long started = System.nanoTime();
        upstreams.client().request(options)
                .compose(out -> buffered != null ? out.send(buffered) : out.send(in))
                .onComplete(result -> metrics.record(upstream, started, result))
                .onSuccess(response -> {
                    // Only an account is turned into a token; users-service's errors pass through as they are.
                    if (internal && response.statusCode() / 100 == 2) {
                        respondWithToken(ctx, upstream, response);
                    } else {
                        relay(ctx, response);
                    }
                })
                .onFailure(failure -> upstreamFailed(ctx, upstream, failure));
    }

    private void relay(RoutingContext ctx, HttpClientResponse response) {
        HttpServerResponse out = ctx.response();
        out.setStatusCode(response.statusCode());
        copyHeaders(response.headers(), out.headers());
        if (response.headers().get(HttpHeaders.CONTENT_LENGTH) == null) {
            out.setChunked(true);
        }
        response.pipeTo(out).onFailure(e -> LOG.debugf("Relay of %s ended early: %s", ctx.normalizedPath(), e));
    }

    /** Replaces the internal account body (which carries the user id) by the public user body with a token. */
    private void respondWithToken(RoutingContext ctx, Upstream upstream, HttpClientResponse response) {
        response.body().onSuccess(body -> {
            JsonObject account;
            try {
                account = body.toJsonObject().getJsonObject("user");
            } catch (DecodeException | ClassCastException e) {
                HttpErrors.write(ctx, 502, "upstream", upstream.name() + " answered with an unexpected body");
                return;
            }
            JsonObject user = new JsonObject()
                    .put("email", account.getString("email"))
                    .put("token", tokens.issue(account.getLong("id")))
                    .put("username", account.getString("username"))
                    .put("bio", account.getString("bio"))
                    .put("image", account.getString("image"));
            ctx.response()
                    .setStatusCode(response.statusCode())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(new JsonObject().put("user", user).toBuffer());
        }).onFailure(failure -> upstreamFailed(ctx, upstream, failure));
    }

    private void upstreamFailed(RoutingContext ctx, Upstream upstream, Throwable failure) {
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

    private static void copyHeaders(MultiMap from, MultiMap to) {
        for (var entry : from) {
            if (!NOT_COPIED.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                to.add(entry.getKey(), entry.getValue());
            }
        }
    }
}
