package io.conduit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway started as it ships (prod profile, key from a file as in a container) with a bad signing
 * key must refuse to start, so an orchestrator never sees it Ready; with a PKCS#1 key (what {@code openssl genrsa}
 * and cert-manager write) it must start and publish the key. Runs on every {@code verify} (its own failsafe
 * execution in gateway/pom.xml), after the jar is packaged.
 */
class SigningKeyStartupIT {

    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final Path KEYS = Path.of("target", "startup-it-keys").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String pkcs8Pem;
    static String pkcs1Pem;

    @BeforeAll
    static void keys() throws Exception {
        Files.createDirectories(KEYS);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        pkcs8Pem = pem("PRIVATE KEY", pkcs8);
        // A PKCS#8 RSA PrivateKeyInfo ends with its PKCS#1 RSAPrivateKey: the OCTET STRING after the 26-byte
        // prefix (SEQUENCE header 4, version 3, AlgorithmIdentifier 15, OCTET STRING header 4) of a 2048-bit key.
        assertEquals(0x04, pkcs8[22], "a PKCS#8 layout other than the JDK's usual one");
        pkcs1Pem = pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    @Test
    void refusesToStartWithoutTheKeyFile() throws Exception {
        String output = startExpectingFailure(KEYS.resolve("does-not-exist.pem"));
        assertTrue(output.contains("Cannot load the JWT signing key: cannot read ") && output.contains("does-not-exist.pem: no such file"),
                output);
    }

    @Test
    void refusesToStartWhenTheKeyCannotBeRead() throws Exception {
        // A directory where the file should be: unreadable as a key even for root, who reads any mode-000 file.
        Path dir = Files.createDirectories(KEYS.resolve("a-directory.pem"));
        String output = startExpectingFailure(dir);
        assertTrue(output.contains("Cannot load the JWT signing key: cannot read CONDUIT_JWT_PRIVATE_KEY_LOCATION=" + dir), output);
    }

    @Test
    void refusesToStartWithSomethingThatIsNotAPrivateKey() throws Exception {
        Path certificate = write("not-a-key.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        String output = startExpectingFailure(certificate);
        assertTrue(output.contains("not a PEM private key"), output);
    }

    @Test
    void refusesToStartWithACorruptKey() throws Exception {
        Path corrupt = write("corrupt.pem", pkcs8Pem.replace("\n-----END", "AAAA\n-----END").replaceFirst("\nMII", "\nMIJ"));
        String output = startExpectingFailure(corrupt);
        assertTrue(output.contains("Cannot load the JWT signing key from CONDUIT_JWT_PRIVATE_KEY_LOCATION="), output);
    }

    @Test
    void startsWithAPkcs1KeyAndPublishesIt() throws Exception {
        Path key = write("pkcs1.pem", pkcs1Pem);
        int port = freePort();
        int management = freePort();
        Started started = start(key, port, management);
        Process gateway = started.process();
        try {
            URI ready = URI.create("http://127.0.0.1:" + management + "/q/health/ready");
            Instant until = Instant.now().plus(DEADLINE);
            while (status(ready) != 200) {
                if (!gateway.isAlive()) {
                    fail("the gateway exited with " + gateway.exitValue() + " instead of starting:\n" + started.output());
                }
                if (Instant.now().isAfter(until)) {
                    fail("not ready within " + DEADLINE);
                }
                gateway.waitFor(200, TimeUnit.MILLISECONDS);
            }
            HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, jwks.statusCode(), jwks.body());
            assertEquals(1, new JsonWebKeySet(jwks.body()).getJsonWebKeys().size(), jwks.body());
        } finally {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String startExpectingFailure(Path key) throws Exception {
        Started started = start(key, freePort(), freePort());
        Process gateway = started.process();
        if (!gateway.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            gateway.destroyForcibly();
            fail("the gateway kept running with the key " + key + ":\n" + started.output());
        }
        String output = started.output();
        assertNotEquals(0, gateway.exitValue(), output);
        return output;
    }

    /** A gateway process and the file its console output goes to. */
    record Started(Process process, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private static Started start(Path key, int port, int management) throws IOException {
        List<String> command = new ArrayList<>();
        Path runner = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().endsWith("-runner"))
                .findFirst().orElse(null);
        if (runner != null) {
            command.add(runner.toAbsolutePath().toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
        }
        Path log = KEYS.resolve("gateway-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("CONDUIT_"));
        env.putAll(Map.of(
                "CONDUIT_JWT_PRIVATE_KEY_LOCATION", key.toString(),
                "CONDUIT_INTERNAL_TOKEN", "startup-it-token",
                "CONDUIT_JSON_LOGS", "false",
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_HOST", "127.0.0.1",
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(management)));
        return new Started(builder.start(), log);
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(KEYS.resolve(name), content);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
