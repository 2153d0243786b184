package io.conduit.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The requests a packaged service answers most in production, sent many times over by its packaged-jar suite. That
 * suite is the JDK 25 AOT cache's training run (quarkus.package.jar.aot): the cache keeps the classes the run loaded
 * and the method profiles of what it ran often (JEP 515), so a service started from the cache compiles its hot paths
 * early instead of profiling them again. A suite of one request per endpoint trains only the start-up; this is the
 * load. Two clients at once, as requests arrive concurrently in production; every answer must have the expected
 * status, so the load is also a check that the service keeps answering it.
 */
public final class TrainingLoad {

    /**
     * Rounds of the request list per client: enough for the hot methods to reach the JIT's profiling tiers.
     * {@code -Dconduit.training.rounds=N} changes it (0: no load), to compare caches trained with more or less.
     */
    public static final int ROUNDS = Integer.getInteger("conduit.training.rounds", 1_500);
    private static final int CLIENTS = 2;

    /** One GET of the load, its headers and the status it must get. */
    public record Call(String path, Map<String, String> headers, int status) {

        public static Call get(String path, int status) {
            return new Call(path, Map.of(), status);
        }

        /** This call with one more header. */
        public Call with(String header, String value) {
            Map<String, String> more = new HashMap<>(headers);
            more.put(header, value);
            return new Call(path, Map.copyOf(more), status);
        }
    }

    private TrainingLoad() {
    }

    /** Sends {@code calls}, {@link #ROUNDS} times each from each of two clients, to {@code root}; returns how many. */
    public static int run(URI root, List<Call> calls) {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> rounds(http, root, calls)));
            }
            int sent = 0;
            for (Future<Integer> client : done) {
                sent += client.get();
            }
            return sent;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                throw failed;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            clients.shutdownNow();
        }
    }

    private static int rounds(HttpClient http, URI root, List<Call> calls) throws InterruptedException {
        int sent = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (Call call : calls) {
                HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(call.path())).GET();
                call.headers().forEach(request::header);
                try {
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(call.status(), response.statusCode(), "GET " + call.path() + ": " + response.body());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sent++;
            }
        }
        return sent;
    }
}
