package io.conduit.gateway.proxy;

import java.util.Locale;
import java.util.Set;

import io.conduit.common.InternalCaller;
import io.conduit.common.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** Which headers cross the gateway, each way, and the ones it sets on the upstream leg itself. */
final class ForwardedHeaders {

    /**
     * Hop-by-hop headers, plus what the gateway sets on the upstream leg itself: the request id, the internal caller
     * credential, and the W3C trace context (OpenTelemetry's Vert.x client instrumentation adds the one of the
     * gateway's span).
     */
    private static final Set<String> NOT_COPIED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "x-request-id",
            "traceparent", "tracestate", InternalCaller.HEADER.toLowerCase(Locale.ROOT));

    private ForwardedHeaders() {
    }

    /**
     * The headers of the upstream request: the client's end-to-end headers, the request id, and
     * {@code X-Forwarded-For/Proto/Host} naming the client ({@code clientAddress}, see ClientAddress).
     */
    static MultiMap upstreamRequest(HttpServerRequest in, String clientAddress) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copy(in.headers(), headers);
        headers.set(RequestIds.HEADER, in.getHeader(RequestIds.HEADER));
        headers.set("X-Forwarded-For", clientAddress);
        headers.set("X-Forwarded-Proto", in.scheme());
        if (in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        return headers;
    }

    /** Copies the end-to-end headers of {@code from} (a request or a response) into {@code to}. */
    static void copy(MultiMap from, MultiMap to) {
        for (var entry : from) {
            if (!NOT_COPIED.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                to.add(entry.getKey(), entry.getValue());
            }
        }
    }
}
