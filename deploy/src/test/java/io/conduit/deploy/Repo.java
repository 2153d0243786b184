package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The repository under test, and the external tools the checks run on it. */
final class Repo {

    static final Path ROOT = locateRoot();

    /** The services that ship as images. */
    static final List<String> SERVICE_NAMES = List.of("gateway", "users-service", "posts-service");

    /** Each service's public port, as its application.properties sets it with quarkus.http.port. */
    static final Map<String, Integer> SERVICES = portsFrom("quarkus.http.port");

    /**
     * Each service's management port (health, metrics, OpenAPI under /q), as its application.properties sets it
     * with quarkus.management.port; {@link ServiceSettingsTest} pins these values and checks the interface is on.
     */
    static final Map<String, Integer> MANAGEMENT = portsFrom("quarkus.management.port");

    /** The environment variables the gateway reads the services' management URLs from (their OpenAPI documents). */
    static final Map<String, String> MANAGEMENT_URL_ENV = Map.of(
            "users-service", "USERS_SERVICE_MANAGEMENT_URL", "posts-service", "POSTS_SERVICE_MANAGEMENT_URL");

    /** The internal caller credential every service is given (InternalCaller in common/). */
    static final String INTERNAL_TOKEN_ENV = "CONDUIT_INTERNAL_TOKEN";

    private Repo() {
    }

    private static Path locateRoot() {
        String configured = System.getProperty("conduit.root");
        Path start = configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + start);
    }

    /** The settings every service shares, which each service's application.properties may override. */
    static final String SHARED_PROPERTIES = "common/src/main/resources/META-INF/microprofile-config.properties";

    /**
     * The properties {@code service} is built with, keys as written (profile prefixes included): its
     * src/main/resources/application.properties over the shared {@link #SHARED_PROPERTIES} (a key in both takes the
     * service's value, as at run time).
     */
    static Properties applicationProperties(String service) {
        Properties props = new Properties();
        load(props, SHARED_PROPERTIES);
        load(props, service + "/src/main/resources/application.properties");
        return props;
    }

    private static void load(Properties props, String relative) {
        try (Reader in = Files.newBufferedReader(path(relative), StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> portsFrom(String property) {
        Map<String, Integer> ports = new TreeMap<>();
        for (String service : SERVICE_NAMES) {
            String port = applicationProperties(service).getProperty(property);
            if (port == null || !port.strip().matches("\\d+")) {
                throw new IllegalStateException(service + "/src/main/resources/application.properties sets no numeric "
                        + property + ": " + port);
            }
            ports.put(service, Integer.parseInt(port.strip()));
        }
        return Map.copyOf(ports);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of one external command. */
    record Result(List<String> command, int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        String describe() {
            return String.join(" ", command) + " exited " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    /** The absolute path of {@code tool} on the PATH, if there is one. */
    static Path which(String tool) {
        String pathVar = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Fails the test, with how to get it, when {@code tool} is not installed. */
    static Path require(String tool, String howToInstall) {
        Path found = which(tool);
        if (found == null) {
            fail(tool + " is not installed (not on PATH), so this check cannot run. " + howToInstall);
        }
        return found;
    }

    static Result run(List<String> command, Path dir, Consumer<Map<String, String>> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        env.accept(pb.environment());
        try {
            Process process = pb.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(List.copyOf(command), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(List<String> command) {
        return run(command, ROOT, env -> { });
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Every regular file under {@code relative} (a file or a folder), skipping build output. */
    static List<Path> files(String relative) {
        Path start = path(relative);
        List<Path> result = new ArrayList<>();
        if (Files.isRegularFile(start)) {
            result.add(start);
            return result;
        }
        if (!Files.isDirectory(start)) {
            return result;
        }
        try (var stream = Files.walk(start)) {
            stream.filter(Files::isRegularFile)
                    .filter(p -> !ROOT.relativize(p).toString().contains("/target/"))
                    .forEach(result::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        result.sort(null);
        return result;
    }
}
