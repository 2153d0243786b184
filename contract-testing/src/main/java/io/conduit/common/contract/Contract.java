package io.conduit.common.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A consumer-driven contract between two services, kept as a committed JSON file: what the consumer sends
 * ({@link Request}) in a given state of the provider ({@link Given}), and what it expects back ({@link Response}).
 * The consumer's tests write it from what they actually relied on; the provider's tests replay it against the real
 * provider. Values that differ between runs (ids, usernames, the internal token) are written as placeholders that
 * {@link Bindings} fills in.
 */
public record Contract(String consumer, String provider, String about, List<Interaction> interactions) {

    /** posts-service's expectations of users-service's {@code /internal} API. */
    public static final String POSTS_SERVICE_USERS_SERVICE = "contracts/posts-service-users-service.json";

    /** One request and the answer expected to it. */
    public record Interaction(String description, Given given, Request request, Response response) {
    }

    /** The provider state: users by role (with their bio and image), and who follows whom. */
    public record Given(Map<String, UserState> users, List<List<String>> follows) {
    }

    public record UserState(String bio, String image) {
    }

    /** Path and query values may hold placeholders; {@code query} keeps the order the consumer sends. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers) {
    }

    /**
     * {@code match} is {@link #VALUES} (the body, placeholders filled in, must be equal, arrays in any order) or
     * {@link #SHAPE} (same field names and JSON types; used for error bodies, whose text the consumer never reads).
     */
    public record Response(int status, Map<String, String> headers, JsonNode body, String match) {
        public static final String VALUES = "values";
        public static final String SHAPE = "shape";
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The repository's root: the nearest folder above the working directory that holds {@code mvnw}. */
    public static Path repositoryRoot() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("common"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + Paths.get("").toAbsolutePath());
    }

    public static Contract read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Contract.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract " + file, e);
        }
    }

    /** The committed form: indented JSON with a final newline, keys in the order written. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the contract " + file, e);
        }
    }

    /** Where two versions of a contract's text first differ, as a line number and both lines; empty if nowhere. */
    public static String firstDifference(String committed, String written) {
        String[] a = committed.split("\n", -1);
        String[] b = written.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "(end of file)";
            String right = i < b.length ? b[i] : "(end of file)";
            if (!left.equals(right)) {
                return "first difference, line " + (i + 1) + ":\n  committed: " + left.strip() + "\n  now:       "
                        + right.strip();
            }
        }
        return "";
    }

    /** A map that keeps the order entries are put in (the order they appear in the contract). */
    public static <V> Map<String, V> ordered() {
        return new LinkedHashMap<>();
    }
}
