package io.conduit.posts.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for users-service's internal API, backed by in-memory users and
 * follows that tests fill in. It answers as users-service does: 401 to a call without the internal caller
 * credential, 404 for an unknown username and for the followees of an unknown user id. It counts the calls it
 * gets, can be stopped (connection refused) and started again on the same port, and can be made slow.
 * <p>
 * What it answers is pinned down by posts-service's contract with users-service
 * ({@code contracts/posts-service-users-service.json}): {@code UsersServiceContractTest} records each kind of
 * answer it gives and fails when they differ from the committed contract, and users-service's
 * {@code PostsServiceContractTest} replays the contract against the real service. So this fake cannot drift from
 * users-service without a test failing.
 */
public class FakeUsersService {

    public record User(long id, String username, String bio, String image) {
    }

    /**
     * One request the fake answered and its answer, as posts-service's contract with users-service records them
     * ({@code UsersServiceContractTest}): the raw path and query, the internal caller token sent ("null" for none).
     */
    public record Exchange(String method, String rawPath, String rawQuery, String internalToken, int status,
            String contentType, String body) {
    }

    /** The internal caller credential of the test profile ({@code %test.conduit.internal.token}). */
    public static final String INTERNAL_TOKEN = "test-internal-token";
    /** The header that carries it ({@code io.conduit.common.InternalCaller.HEADER}). */
    public static final String INTERNAL_HEADER = "X-Conduit-Internal-Token";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, User> users = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> follows = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1000);
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> rawPaths = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requestIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> traceparents = Collections.synchronizedList(new ArrayList<>());
    private final List<String> internalTokens = Collections.synchronizedList(new ArrayList<>());
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private volatile long delayMillis;
    private volatile String expectedToken = INTERNAL_TOKEN;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake users-service", e);
        }
        port = server.getAddress().getPort();
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/internal/", this::handle);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** A new user with a unique username starting with {@code prefix}. */
    public User addUser(String prefix) {
        long id = nextId.incrementAndGet();
        User user = new User(id, prefix + counter.incrementAndGet() + "x" + id, null, null);
        users.put(id, user);
        return user;
    }

    public User addUser(String username, String bio, String image) {
        long id = nextId.incrementAndGet();
        User user = new User(id, username, bio, image);
        users.put(id, user);
        return user;
    }

    /** Changes a user's bio, as {@code PUT /api/user} on users-service would; the user as they are now. */
    public User changeBio(User user, String bio) {
        User changed = new User(user.id(), user.username(), bio, user.image());
        users.put(user.id(), changed);
        return changed;
    }

    /** Forgets a user, as when an account is deleted: their tokens stay validly signed until they expire. */
    public void removeUser(User user) {
        users.remove(user.id());
        follows.remove(user.id());
    }

    public void follow(User follower, User followee) {
        follows.computeIfAbsent(follower.id(), k -> ConcurrentHashMap.newKeySet()).add(followee.id());
    }

    public void unfollow(User follower, User followee) {
        follows.getOrDefault(follower.id(), Set.of()).remove(followee.id());
    }

    /** Makes the fake expect another credential than posts-service's, as a misconfigured deployment would. */
    public void setExpectedToken(String token) {
        this.expectedToken = token;
    }

    public void setDelayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    /**
     * Calls received per endpoint: {@code profiles}, {@code profile}, {@code followees}; {@code rejected} counts
     * those refused for a missing or wrong internal caller credential.
     */
    public int calls(String endpoint) {
        AtomicInteger n = calls.get(endpoint);
        return n == null ? 0 : n.get();
    }

    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public void resetCalls() {
        calls.clear();
        rawPaths.clear();
        requestIds.clear();
        traceparents.clear();
        internalTokens.clear();
        exchanges.clear();
    }

    /** The requests answered since the last reset, with their answers, in the order they were answered. */
    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The internal caller credentials received since the last reset ("null" where there was none). */
    public List<String> internalTokens() {
        synchronized (internalTokens) {
            return List.copyOf(internalTokens);
        }
    }

    /** The raw (still encoded) paths and queries received since the last reset. */
    public List<String> rawPaths() {
        synchronized (rawPaths) {
            return List.copyOf(rawPaths);
        }
    }

    /** The W3C traceparent headers received since the last reset ("null" where there was none). */
    public List<String> traceparents() {
        synchronized (traceparents) {
            return List.copyOf(traceparents);
        }
    }

    /** The X-Request-Id headers received since the last reset ("null" where there was none). */
    public List<String> requestIds() {
        synchronized (requestIds) {
            return List.copyOf(requestIds);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            rawPaths.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            requestIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
            traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
            String token = exchange.getRequestHeaders().getFirst(INTERNAL_HEADER);
            internalTokens.add(String.valueOf(token));
            if (exchange.getRequestHeaders().getOrDefault(INTERNAL_HEADER, List.of()).size() != 1
                    || !expectedToken.equals(token)) {
                count("rejected");
                send(exchange, 401, Map.of("errors", Map.of("caller", List.of("is not allowed"))));
                return;
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Map<String, String> query = query(uri);
            Long viewer = query.containsKey("viewer") ? Long.valueOf(query.get("viewer")) : null;
            String[] path = uri.getPath().split("/", -1); // "", "internal", ...
            if (path.length == 3 && path[2].equals("profiles")) {
                count("profiles");
                List<Map<String, Object>> found = new ArrayList<>();
                String ids = query.getOrDefault("ids", "");
                if (ids.split(",").length > 500) {
                    send(exchange, 422, Map.of("errors", Map.of("ids", List.of("is too long"))));
                    return;
                }
                for (String id : ids.split(",")) {
                    User user = id.isBlank() ? null : users.get(Long.valueOf(id.strip()));
                    if (user != null) {
                        found.add(profile(user, viewer));
                    }
                }
                send(exchange, 200, Map.of("profiles", found));
            } else if (path.length == 4 && path[2].equals("profiles")) {
                count("profile");
                User user = users.values().stream()
                        .filter(u -> u.username().equalsIgnoreCase(path[3]))
                        .findFirst().orElse(null);
                if (user == null) {
                    send(exchange, 404, Map.of("errors", Map.of("profile", List.of("not found"))));
                } else {
                    send(exchange, 200, Map.of("profile", profile(user, viewer)));
                }
            } else if (path.length == 5 && path[2].equals("users") && path[4].equals("followees")) {
                count("followees");
                long id = Long.parseLong(path[3]);
                if (!users.containsKey(id)) {
                    send(exchange, 404, Map.of("errors", Map.of("user", List.of("not found"))));
                } else {
                    send(exchange, 200, Map.of("ids", List.copyOf(follows.getOrDefault(id, Set.of()))));
                }
            } else {
                send(exchange, 404, Map.of("errors", Map.of("route", List.of("not found"))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, Map.of("errors", Map.of("server", List.of(String.valueOf(e)))));
        }
    }

    private Map<String, Object> profile(User user, Long viewer) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", user.id());
        profile.put("username", user.username());
        profile.put("bio", user.bio());
        profile.put("image", user.image());
        profile.put("following", viewer != null && follows.getOrDefault(viewer, Set.of()).contains(user.id()));
        return profile;
    }

    private void count(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new AtomicInteger()).incrementAndGet();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        String json = JSON.writeValueAsString(body);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        exchanges.add(new Exchange(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                String.valueOf(exchange.getRequestHeaders().getFirst(INTERNAL_HEADER)), status, "application/json", json));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
