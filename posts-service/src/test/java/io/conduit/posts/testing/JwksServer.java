package io.conduit.posts.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Publishes the JWKS the service verifies tokens against over HTTP, as the gateway does, instead of the test
 * profile's file (a file is read once; an HTTP JWKS is refreshed). It starts with the test keys
 * (test-keys/jwks.json); a test can publish another key, as the gateway does when its signing key is rotated,
 * and see how often the JWKS was fetched.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger fetches = new AtomicInteger();
    /** Notified on every fetch, for {@link #awaitFetchBeyond}. */
    private final Object fetched = new Object();
    private volatile byte[] jwks;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("test-keys/jwks.json")) {
            jwks = in.readAllBytes();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                synchronized (fetched) {
                    fetched.notifyAll();
                }
                byte[] body = jwks;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        return Map.of("mp.jwt.verify.publickey.location",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Adds {@code key} under {@code kid} to the published keys (RS256, for signatures). */
    public synchronized void publish(RSAPublicKey key, String kid) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(kid);
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        try {
            ObjectNode set = (ObjectNode) JSON.readTree(jwks);
            ((ArrayNode) set.get("keys")).add(JSON.readTree(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            jwks = JSON.writeValueAsString(set).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the JWKS was fetched so far. */
    /** Waits until the JWKS has been fetched more than {@code seen} times, or {@code max} has passed. */
    public void awaitFetchBeyond(int seen, java.time.Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        synchronized (fetched) {
            long left;
            while (fetches.get() <= seen && (left = end - System.nanoTime()) > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(fetched, left);
            }
        }
    }

    public int fetches() {
        return fetches.get();
    }

    /** Hands this server to the test's field of its type. */
    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(JwksServer.class));
    }
}
