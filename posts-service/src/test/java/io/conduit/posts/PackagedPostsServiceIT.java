package io.conduit.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conduit.common.InternalCaller;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged posts-service (target/quarkus-app, or the native executable with -Pnative) started as it ships,
 * in the prod profile, against a real PostgreSQL that Flyway migrates. The embedded PostgreSQL extension lives
 * only in the test classpath, not in the package, so this test starts its PostgreSQL itself and hands the
 * connection over as the POSTS_DB_* variables would. users-service is an address where nothing listens: the
 * read paths checked here must not need it. Health and OpenAPI are on the management interface, on a free port
 * the test hands over as {@code quarkus.management.port} (a packaged application does not use the test port
 * settings), so the test never collides with a running stack. Runs with -DskipITs=false (make test-it).
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedPostsServiceIT.Database.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PackagedPostsServiceIT {

    /** The management root, {@code http://localhost:<port>/q}, injected by {@link Database}. */
    URI management;

    public static class Database implements QuarkusTestResourceLifecycleManager {
        private EmbeddedPostgres postgres;
        private URI management;

        @Override
        public Map<String, String> start() {
            try (ServerSocket closed = new ServerSocket(0); ServerSocket free = new ServerSocket(0)) {
                postgres = EmbeddedPostgres.builder().start();
                management = URI.create("http://localhost:" + free.getLocalPort() + "/q");
                return Map.of(
                        "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                        "quarkus.datasource.username", "postgres",
                        "quarkus.datasource.password", "postgres",
                        "quarkus.rest-client.users-service.url", "http://127.0.0.1:" + closed.getLocalPort(),
                        "quarkus.management.port", Integer.toString(free.getLocalPort()),
                        InternalCaller.TOKEN_PROPERTY, "it-internal-token");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
        given().get(management + "/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesHealthMetricsAndOpenApiOnTheManagementPortOnly() {
        given().get(management + "/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(management + "/openapi?format=json").then().statusCode(200).contentType(ContentType.JSON)
                .body("paths", hasKey("/api/articles"));
        for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"}) {
            given().get(path).then().statusCode(404).contentType(ContentType.JSON).body("$", hasKey("errors"));
        }
    }

    @Test
    void servesTheEmptyCatalogue() {
        given().get("/api/tags").then().statusCode(200).contentType(ContentType.JSON).body("tags.size()", equalTo(0));
        given().get("/api/articles").then().statusCode(200).contentType(ContentType.JSON)
                .body("articles.size()", equalTo(0))
                .body("articlesCount", equalTo(0));
    }

    @Test
    void answersUnknownArticlesWithJson404() {
        given().get("/api/articles/no-such-article").then().statusCode(404).contentType(ContentType.JSON)
                .body("$", hasKey("errors"));
    }
}
