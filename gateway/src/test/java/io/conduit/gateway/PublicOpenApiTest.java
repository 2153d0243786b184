package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/openapi} merges both services' documents without losing a schema: both name a {@code Profile} (each
 * its own), both carry the same {@code ErrorBody}, and each has a schema the other lacks. It publishes only the
 * {@code /api} paths and exactly the schemas they reach: what only an {@code /internal} path (or a path outside
 * {@code /api}) uses stays out, even when another schema of that part refers to it.
 */
@QuarkusTest
@WithTestResource(value = PublicOpenApiTest.Documents.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PublicOpenApiTest {

    static final String USERS = """
            {"openapi":"3.1.0","paths":{
              "/api/profiles/{username}":{"get":{"responses":{"200":{"description":"ok",
                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Profile"}}}}}}},
              "/api/user":{"put":{"requestBody":{
                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/UpdateUser"}}}},
                "responses":{"200":{"description":"ok"}}}},
              "/internal/users":{"post":{"requestBody":{
                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Registration"}}}},
                "responses":{"201":{"description":"ok",
                  "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Account"}}}}}}},
              "/internal/profiles":{"get":{"responses":{"200":{"description":"ok",
                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/InternalProfiles"}}}}}}}},
             "components":{"schemas":{
               "ErrorBody":{"type":"object","required":["errors"],
                 "properties":{"errors":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},
               "Profile":{"type":"object","properties":{"username":{"type":"string"},"following":{"type":"boolean"}}},
               "UpdateUser":{"type":"object","properties":{"bio":{"type":"string"}}},
               "Registration":{"type":"object","properties":{"password":{"type":"string"}}},
               "Account":{"type":"object","properties":{"id":{"type":"integer"},"username":{"type":"string"}}},
               "InternalProfiles":{"type":"object","properties":{"profiles":{"type":"array",
                 "items":{"$ref":"#/components/schemas/InternalProfile"}}}},
               "InternalProfile":{"type":"object","properties":{"id":{"type":"integer"},"username":{"type":"string"}}},
               "Unused":{"type":"string"}}}}""";
    static final String POSTS = """
            {"openapi":"3.1.0","paths":{
              "/api/articles/{slug}":{"get":{"responses":{"200":{"description":"ok",
                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Article"}}}}}}},
              "/hello":{"get":{"responses":{"200":{"description":"ok",
                "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Greeting"}}}}}}}},
             "components":{"schemas":{
               "ErrorBody":{"type":"object","required":["errors"],
                 "properties":{"errors":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}},
               "Profile":{"type":"object","properties":{"username":{"type":"string"},"image":{"type":"string"}}},
               "Article":{"type":"object","properties":{"author":{"$ref":"#/components/schemas/Profile"}}},
               "Greeting":{"type":"string"}}}}""";

    /** Both services' management interfaces, each serving its OpenAPI document; their public ports are closed. */
    public static class Documents implements QuarkusTestResourceLifecycleManager {
        private final List<HttpServer> servers = new ArrayList<>();

        @Override
        public Map<String, String> start() {
            try {
                return Map.of(
                        "conduit.upstream.users", "http://127.0.0.1:" + closedPort(),
                        "conduit.upstream.posts", "http://127.0.0.1:" + closedPort(),
                        "conduit.upstream.users-management", "http://127.0.0.1:" + serve(USERS),
                        "conduit.upstream.posts-management", "http://127.0.0.1:" + serve(POSTS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private int serve(String document) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/q/openapi", ex -> {
                byte[] body = document.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            servers.add(server);
            return server.getAddress().getPort();
        }

        @Override
        public void stop() {
            servers.forEach(server -> server.stop(0));
        }

        private static int closedPort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }

    @Test
    void keepsEverySchemaOfBothServices() {
        JsonObject doc = new JsonObject(given().get("/api/openapi").then().statusCode(200).extract().asString());
        assertNull(doc.getValue("x-unavailable"), doc.encodePrettily());
        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        JsonObject users = new JsonObject(USERS).getJsonObject("components").getJsonObject("schemas");
        JsonObject posts = new JsonObject(POSTS).getJsonObject("components").getJsonObject("schemas");

        // Different schemas of the same name: both kept, the second under its service's prefix.
        assertEquals(users.getJsonObject("Profile"), schemas.getJsonObject("Profile"));
        assertEquals(posts.getJsonObject("Profile"), schemas.getJsonObject("PostsProfile"));
        // The same schema under the same name: kept once.
        assertEquals(users.getJsonObject("ErrorBody"), schemas.getJsonObject("ErrorBody"));
        assertTrue(schemas.fieldNames().stream().noneMatch(name -> name.endsWith("ErrorBody") && !name.equals("ErrorBody")),
                schemas.fieldNames().toString());
        // Names only one service uses: kept as they are.
        assertEquals(users.getJsonObject("UpdateUser"), schemas.getJsonObject("UpdateUser"));
        assertTrue(schemas.containsKey("Article"), schemas.fieldNames().toString());
        // The gateway's own schemas stay too.
        assertTrue(schemas.containsKey("GatewayUserResponse"), schemas.fieldNames().toString());
    }

    @Test
    void pointsEveryReferenceAtTheRightServicesSchema() {
        JsonObject doc = new JsonObject(given().get("/api/openapi").then().statusCode(200).extract().asString());
        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        assertEquals("#/components/schemas/PostsProfile",
                schemas.getJsonObject("Article").getJsonObject("properties").getJsonObject("author").getString("$ref"));
        assertEquals("#/components/schemas/Profile", doc.getJsonObject("paths").getJsonObject("/api/profiles/{username}")
                .getJsonObject("get").getJsonObject("responses").getJsonObject("200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertTrue(doc.getJsonObject("paths").fieldNames().stream().noneMatch(p -> p.startsWith("/internal")));
        for (String ref : JsonRefs.in(doc)) {
            assertTrue(ref.startsWith("#/components/schemas/") && schemas.containsKey(ref.substring("#/components/schemas/".length())),
                    ref + " does not resolve");
        }
    }

    @Test
    void publishesOnlyTheApiPathsAndExactlyTheSchemasTheyReach() throws IOException {
        JsonObject doc = new JsonObject(given().get("/api/openapi").then().statusCode(200).extract().asString());
        Set<String> paths = doc.getJsonObject("paths").fieldNames();
        assertTrue(paths.containsAll(Set.of("/api/profiles/{username}", "/api/user", "/api/articles/{slug}")), paths.toString());
        assertTrue(paths.stream().allMatch(path -> path.startsWith("/api/")), paths.toString());

        JsonObject schemas = doc.getJsonObject("components").getJsonObject("schemas");
        // Reached only from /internal paths, directly (Registration, Account) or through another schema
        // (InternalProfile, through InternalProfiles); from a path outside /api (Greeting); from nothing (Unused).
        for (String internal : List.of("Registration", "Account", "InternalProfiles", "InternalProfile", "Greeting", "Unused")) {
            assertFalse(schemas.containsKey(internal) || schemas.containsKey("Users" + internal) || schemas.containsKey("Posts" + internal),
                    internal + " is published: " + schemas.fieldNames());
        }
        // Every schema left is reached from a path: through its $refs, and theirs in turn.
        Set<String> reached = new HashSet<>();
        List<String> refs = new ArrayList<>(JsonRefs.in(doc.getJsonObject("paths")));
        while (!refs.isEmpty()) {
            String name = refs.remove(refs.size() - 1).substring("#/components/schemas/".length());
            if (reached.add(name)) {
                refs.addAll(JsonRefs.in(schemas.getValue(name)));
            }
        }
        assertEquals(reached, schemas.fieldNames());
        // Of the services' schemas, those the /api paths reach; the gateway's own (ErrorBody among them, the same as
        // the services') are reached from its paths.
        Set<String> services = new HashSet<>(schemas.fieldNames());
        try (InputStream in = getClass().getResourceAsStream("/openapi/gateway.json")) {
            services.removeAll(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getJsonObject("components").getJsonObject("schemas").fieldNames());
        }
        assertEquals(Set.of("Profile", "PostsProfile", "UpdateUser", "Article"), services);
    }
}
