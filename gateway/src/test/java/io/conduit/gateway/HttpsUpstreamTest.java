package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Upstream URLs with {@code https} and a path prefix: the gateway speaks TLS to them, verifies their certificate
 * (against the TLS configuration {@code conduit.upstream.tls-configuration-name} names) and their host name, and puts
 * every forwarded path under the prefix, for the public API, the account endpoints and the OpenAPI documents alike.
 */
@QuarkusTest
@WithTestResource(value = HttpsUpstreamTest.TlsUpstream.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class HttpsUpstreamTest {

    /**
     * One HTTPS server with a self-signed certificate for {@code localhost} only (made by keytool for this run),
     * standing in for users-service under {@code /users} and its management interface under {@code /users-management}.
     * posts-service is the same server reached as {@code 127.0.0.1}, a name its certificate does not carry.
     */
    public static class TlsUpstream implements QuarkusTestResourceLifecycleManager {
        private static final String PASSWORD = "fake-upstream";
        private HttpsServer server;
        private Path dir;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("https-upstream");
                Path keyStore = dir.resolve("upstream.p12");
                Path certificate = dir.resolve("upstream.pem");
                keytool("-genkeypair", "-alias", "upstream", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                        "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
                keytool("-exportcert", "-rfc", "-alias", "upstream", "-keystore", keyStore.toString(),
                        "-storepass", PASSWORD, "-file", certificate.toString());
                server = HttpsServer.create(new InetSocketAddress(0), 0);
                server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keyStore)));
                server.createContext("/users/api/profiles/", TlsUpstream::echo);
                server.createContext("/users/internal/users/login", ex -> send(ex, 200,
                        "{\"user\":{\"id\":7,\"email\":\"old@conduit.test\",\"username\":\"regular\",\"bio\":null,\"image\":null}}"));
                server.createContext("/users-management/q/openapi", ex -> send(ex, 200,
                        "{\"openapi\":\"3.1.0\",\"paths\":{\"/api/from-tls-management\":{\"get\":{\"responses\":{}}}}}"));
                server.start();
                int port = server.getAddress().getPort();
                return Map.of(
                        "conduit.upstream.users", "https://localhost:" + port + "/users/",
                        "conduit.upstream.posts", "https://127.0.0.1:" + port + "/posts",
                        "conduit.upstream.users-management", "https://localhost:" + port + "/users-management",
                        "conduit.upstream.posts-management", "http://127.0.0.1:" + closedPort(),
                        "conduit.upstream.tls-configuration-name", "fake-upstream",
                        "quarkus.tls.fake-upstream.trust-store.pem.certs", certificate.toString());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot start the HTTPS upstream", e);
            }
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
            if (dir != null) {
                for (String file : List.of("upstream.p12", "upstream.pem", "")) {
                    dir.resolve(file).toFile().delete();
                }
            }
        }

        /** What the upstream saw: the path and query it was asked for, and the TLS protocol it was asked over. */
        private static void echo(HttpExchange ex) throws IOException {
            String protocol = ((HttpsExchange) ex).getSSLSession().getProtocol();
            send(ex, 200, "{\"uri\":\"" + ex.getRequestURI() + "\",\"protocol\":\"" + protocol + "\"}");
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        private static SSLContext sslContext(Path keyStore) throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }

        private static void keytool(String... args) throws IOException {
            List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
            command.addAll(List.of(args));
            Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static int closedPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    @Test
    void forwardsOverTlsUnderThePathPrefix() {
        given().get("/api/profiles/jane?x=1").then().statusCode(200)
                .body("uri", equalTo("/users/api/profiles/jane?x=1"))
                .body("protocol", startsWith("TLS"));
    }

    @Test
    void signsInThroughTheInternalEndpointUnderThePathPrefix() {
        given().contentType(ContentType.JSON).body(Map.of("user", Map.of("email", "old@conduit.test", "password", "right")))
                .post("/api/users/login").then().statusCode(200)
                .body("user.username", equalTo("regular"))
                .body("user.token", notNullValue());
    }

    @Test
    void fetchesTheOpenApiDocumentOverTlsUnderThePathPrefix() {
        given().get("/api/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/from-tls-management"))
                .body("x-unavailable", not(containsString("users-service")));
    }

    @Test
    void refusesAnUpstreamWhoseCertificateDoesNotNameIt() {
        given().get("/api/articles").then().statusCode(502).contentType(ContentType.JSON)
                .body("errors.upstream[0]", equalTo("posts-service failed to answer"));
    }
}
