package io.conduit.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.conduit.common.InternalCaller;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged users-service (target/quarkus-app, or the native executable with -Pnative) started as it ships,
 * in the prod profile: Flyway migrates a real PostgreSQL, registration hashes with the production Argon2id cost.
 * The embedded PostgreSQL extension lives only in the test classpath, not in the package, so this test starts
 * its PostgreSQL itself and hands the connection to the application as the USERS_DB_* variables would.
 * Health and OpenAPI are on the management interface, on a free port the test hands over as
 * {@code quarkus.management.port} (a packaged application does not use the test port settings), so the
 * test never collides with a running stack. Runs with -DskipITs=false (make test-it).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedUsersServiceIT.Database.class, restrictToAnnotatedClass = true)
class PackagedUsersServiceIT {

    static final String INTERNAL_TOKEN = "it-internal-token";

    /** The management root, {@code http://localhost:<port>/q}, injected by {@link Database}. */
    URI management;

    public static class Database implements QuarkusTestResourceLifecycleManager {
        private EmbeddedPostgres postgres;
        private URI management;

        @Override
        public Map<String, String> start() {
            int managementPort;
            try (ServerSocket free = new ServerSocket(0)) {
                managementPort = free.getLocalPort();
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            management = URI.create("http://localhost:" + managementPort + "/q");
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "quarkus.management.port", Integer.toString(managementPort),
                    InternalCaller.TOKEN_PROPERTY, INTERNAL_TOKEN);
        }

        @Override
        public void inject(TestInjector testInjector) {
            testInjector.injectIntoFields(management, new TestInjector.MatchesType(URI.class));
        }

        @Override
        public void stop() {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Test
    void isReadyOnceItsDatabaseIsMigrated() {
        given().get(management + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void servesHealthMetricsAndOpenApiOnTheManagementPortOnly() {
        given().get(management + "/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(management + "/openapi?format=json").then().statusCode(200).contentType(ContentType.JSON)
                .body("paths", hasKey("/api/profiles/{username}"));
        for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"}) {
            given().get(path).then().statusCode(404).contentType(ContentType.JSON).body("$", hasKey("errors"));
        }
    }

    @Test
    void registersThroughTheInternalApiAndServesTheProfile() {
        String name = "it" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).header(InternalCaller.HEADER, INTERNAL_TOKEN)
                .body(Map.of("user", Map.of("username", name, "email", name + "@conduit.test", "password", "secret-" + name)))
                .post("/internal/users")
                .then().statusCode(201)
                .body("user.id", greaterThan(0))
                .body("user.username", equalTo(name))
                .body("user", not(hasKey("password")));
        given().contentType(ContentType.JSON).header(InternalCaller.HEADER, INTERNAL_TOKEN)
                .body(Map.of("user", Map.of("email", name + "@conduit.test", "password", "secret-" + name)))
                .post("/internal/users/login")
                .then().statusCode(200).body("user.username", equalTo(name));
        given().get("/api/profiles/" + name).then().statusCode(200)
                .body("profile.username", equalTo(name))
                .body("profile.following", equalTo(false));
    }

    @Test
    void refusesInternalCallsWithoutTheInternalToken() {
        given().get("/internal/profiles?ids=1").then().statusCode(401).contentType(ContentType.JSON)
                .body("errors.caller[0]", equalTo("is not allowed"));
        given().header(InternalCaller.HEADER, "not-" + INTERNAL_TOKEN).get("/internal/profiles?ids=1").then().statusCode(401);
        given().header(InternalCaller.HEADER, INTERNAL_TOKEN).get("/internal/profiles?ids=1").then().statusCode(200);
    }

    @Test
    void answersUnknownProfilesWithJson404() {
        given().get("/api/profiles/nobody-" + UUID.randomUUID()).then().statusCode(404).contentType(ContentType.JSON)
                .body("$", hasKey("errors"));
    }
}
