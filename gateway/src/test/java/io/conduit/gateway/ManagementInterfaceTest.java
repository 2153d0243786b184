package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Health and metrics live on the management interface only; the public port answers 404 JSON for {@code /q/*}
 * even with the web client's history-API fallback active; {@code /api/openapi} takes each service's document
 * from that service's management interface, not from its public port.
 */
@QuarkusTest
@WithTestResource(value = ManagementInterfaceTest.Services.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ManagementInterfaceTest {

    /** The gateway's management root ({@code http://localhost:<random port>/q}). */
    @TestHTTPResource(management = true)
    URL management;

    /**
     * users-service's management interface serving an OpenAPI document; its public port and both of
     * posts-service's are addresses where nothing listens. A web client in a temporary directory.
     */
    public static class Services implements QuarkusTestResourceLifecycleManager {
        private HttpServer usersManagement;

        @Override
        public Map<String, String> start() {
            try {
                usersManagement = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                usersManagement.createContext("/q/openapi", ex -> {
                    byte[] body = """
                            {"openapi":"3.1.0","paths":{
                              "/api/from-users-management":{"get":{"responses":{"200":{"description":"ok",
                                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/FromUsersManagement"}}}}}}},
                              "/internal/profiles":{"get":{"responses":{"200":{"description":"ok"}}}}},
                             "components":{"schemas":{"FromUsersManagement":{"type":"object"}}}}
                            """.getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    ex.sendResponseHeaders(ex.getRequestURI().getQuery().contains("format=json") ? 200 : 400, body.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(body);
                    }
                });
                usersManagement.start();
                Path client = Files.createTempDirectory("conduit-client");
                Files.writeString(client.resolve("index.html"), "<!doctype html><title>Conduit client</title>");
                return Map.of(
                        "conduit.upstream.users", "http://127.0.0.1:" + closedPort(),
                        "conduit.upstream.posts", "http://127.0.0.1:" + closedPort(),
                        "conduit.upstream.users-management", "http://127.0.0.1:" + usersManagement.getAddress().getPort(),
                        "conduit.upstream.posts-management", "http://127.0.0.1:" + closedPort(),
                        "conduit.frontend.dir", client.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            if (usersManagement != null) {
                usersManagement.stop(0);
            }
        }

        private static int closedPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    @Test
    void servesHealthAndMetricsOnTheManagementInterface() {
        String root = management.toString().replaceAll("/+$", "");
        given().get(root + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(root + "/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(root + "/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get(root + "/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void answersEveryManagementPathOnThePublicPortWithJson404() {
        // The history-API fallback is active: an unknown deep link gets the web client...
        given().get("/articles/some-deep-link").then().statusCode(200).body(containsString("Conduit client"));
        // ...but nothing under /q does, and none of the management endpoints is there.
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi",
                "/q/openapi?format=json", "/q/swagger-ui", "/q/info", "/q/dev-ui"}) {
            given().get(path).then().statusCode(404).contentType(ContentType.JSON)
                    .body("errors", hasKey("route"));
        }
    }

    @Test
    void mergesEachServicesDocumentFromItsManagementInterface() {
        given().get("/api/openapi").then().statusCode(200).contentType(ContentType.JSON)
                .body("paths", hasKey("/api/from-users-management"))
                .body("paths", not(hasKey("/internal/profiles")))
                .body("components.schemas", hasKey("FromUsersManagement"))
                // users-service's public port is closed: its part could only come from its management interface.
                .body("x-unavailable", not(containsString("users-service")))
                .body("x-unavailable", containsString("posts-service"));
    }
}
