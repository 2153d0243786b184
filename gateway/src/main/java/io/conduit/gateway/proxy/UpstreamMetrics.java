package io.conduit.gateway.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpClientResponse;

/**
 * Per-upstream timings and failures: {@code conduit_upstream_requests_seconds{upstream, outcome}}, where the
 * outcome is the status class (2xx, 4xx, 5xx) or {@code error} when no response came back.
 */
@ApplicationScoped
public class UpstreamMetrics {

    @Inject
    MeterRegistry registry;

    /** One timer per upstream and outcome (a handful), built on first use rather than on every request. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    void record(Upstream upstream, long startedNanos, AsyncResult<HttpClientResponse> result) {
        String outcome = result.succeeded() ? (result.result().statusCode() / 100) + "xx" : "error";
        timers.computeIfAbsent(upstream.name() + " " + outcome, key -> Timer.builder("conduit.upstream.requests")
                        .description("Requests the gateway forwarded, by upstream and outcome")
                        .tag("upstream", upstream.name())
                        .tag("outcome", outcome)
                        .register(registry))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
