package io.conduit.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP server standing in for users-service, plus an address where nothing listens standing in
 * for a posts-service that is down. Its answers are fixed so the tests can check what the gateway does with them:
 * {@code /api/profiles/slow} never answers while the tests run (so only the gateway's read timeout can end it), and
 * an account request naming {@link #NO_ACCOUNT} gets a 2xx whose body holds no account.
 */
public class FakeUpstream implements QuarkusTestResourceLifecycleManager {

    static final long REGISTERED_ID = 42;
    static final long LOGGED_IN_ID = 7;
    /** A password (login) or username (registration) that users-service answers with a 2xx but no account. */
    static final String NO_ACCOUNT = "no-account";
    /** The 2xx bodies without an account, by the user name or password that asks for them. */
    static final Map<String, String> NOT_AN_ACCOUNT = Map.of(
            NO_ACCOUNT, "{\"account\":{\"id\":1}}",
            NO_ACCOUNT + "-string", "{\"user\":\"newbie\"}",
            NO_ACCOUNT + "-id", "{\"user\":{\"email\":\"new@conduit.test\",\"username\":\"newbie\"}}",
            NO_ACCOUNT + "-json", "<html>oops</html>",
            NO_ACCOUNT + "-array", "[{\"user\":{\"id\":1}}]");

    private HttpServer server;
    /** Released when the tests are done, so that the never-answered request lets its thread go. */
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/internal/users", this::account);
        server.createContext("/api/profiles/teapot", ex -> send(ex, 418, "{\"teapot\":true}", "X-Upstream", "kept"));
        server.createContext("/api/profiles/", ex -> send(ex, 200, "{\"uri\":\"" + ex.getRequestURI().getRawPath() + "\"}"));
        server.createContext("/api/profiles/slow", ex -> {
            awaitRelease();
            send(ex, 200, "{}");
        });
        server.createContext("/api/user", ex -> {
            String echo = "{\"method\":\"" + ex.getRequestMethod() + "\",\"uri\":\"" + ex.getRequestURI()
                    + "\",\"authorization\":\"" + ex.getRequestHeaders().getFirst("Authorization")
                    + "\",\"forwardedFor\":\"" + ex.getRequestHeaders().getFirst("X-Forwarded-For")
                    + "\",\"requestId\":\"" + ex.getRequestHeaders().getFirst("X-Request-Id")
                    + "\",\"internalToken\":\"" + ex.getRequestHeaders().getFirst("X-Conduit-Internal-Token")
                    + "\",\"traceparent\":\"" + String.join(" ", ex.getRequestHeaders().getOrDefault("traceparent", java.util.List.of()))
                    + "\",\"bodyLength\":" + read(ex).length() + "}";
            send(ex, 200, echo);
        });
        server.start();
        return Map.of(
                "conduit.upstream.users", "http://127.0.0.1:" + server.getAddress().getPort(),
                "conduit.upstream.posts", "http://127.0.0.1:" + closedPort(),
                "conduit.proxy.read-timeout", "1s");
    }

    @Override
    public void stop() {
        released.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private void account(HttpExchange ex) throws IOException {
        String body = read(ex);
        if (!"test-internal-token".equals(ex.getRequestHeaders().getFirst("X-Conduit-Internal-Token"))) {
            send(ex, 401, "{\"errors\":{\"caller\":[\"is not allowed\"]}}");
            return;
        }
        String path = ex.getRequestURI().getPath();
        String notAnAccount = NOT_AN_ACCOUNT.entrySet().stream().filter(e -> body.contains("\"" + e.getKey() + "\""))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (notAnAccount != null) {
            send(ex, path.equals("/internal/users") ? 201 : 200, notAnAccount);
        } else if (path.equals("/internal/users") && body.contains("taken")) {
            send(ex, 422, "{\"errors\":{\"username\":[\"has already been taken\"]}}");
        } else if (path.equals("/internal/users")) {
            send(ex, 201, account(REGISTERED_ID, "new@conduit.test", "newbie"));
        } else if (path.equals("/internal/users/login") && body.contains("\"right\"")) {
            send(ex, 200, account(LOGGED_IN_ID, "old@conduit.test", "regular"));
        } else {
            send(ex, 401, "{\"errors\":{\"email or password\":[\"is invalid\"]}}");
        }
    }

    private static String account(long id, String email, String username) {
        return "{\"user\":{\"id\":" + id + ",\"email\":\"" + email + "\",\"username\":\"" + username
                + "\",\"bio\":null,\"image\":null}}";
    }

    private static String read(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange ex, int status, String body, String... header) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        for (int i = 0; i + 1 < header.length; i += 2) {
            ex.getResponseHeaders().add(header[i], header[i + 1]);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Blocks until {@link #stop}, or at most ten minutes (a bound for a run that never stops, not a timing). */
    private void awaitRelease() {
        try {
            released.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
