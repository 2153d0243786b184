package io.conduit.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

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
 * read paths checked here must not need it. Runs with -DskipITs=false (make test-it).
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedPostsServiceIT.Database.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PackagedPostsServiceIT {

    public static class Database implements QuarkusTestResourceLifecycleManager {
        private EmbeddedPostgres postgres;

        @Override
        public Map<String, String> start() {
            try (ServerSocket closed = new ServerSocket(0)) {
                postgres = EmbeddedPostgres.builder().start();
                return Map.of(
                        "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                        "quarkus.datasource.username", "postgres",
                        "quarkus.datasource.password", "postgres",
                        "quarkus.rest-client.users-service.url", "http://127.0.0.1:" + closed.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
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
