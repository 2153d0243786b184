package io.conduit.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conduit.common.testing.PackagedServiceChecks;
import io.conduit.common.testing.PackagedServiceResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged posts-service (target/quarkus-app, or the native executable with -Pnative) started as it ships,
 * in the prod profile, against a real PostgreSQL that Flyway migrates, with health and OpenAPI on a management port
 * of its own ({@link PackagedServiceResource}, shared with users-service's suite). users-service is an address where
 * nothing listens: the read paths checked here must not need it. Runs on every verify (-DskipITs skips it).
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedPostsServiceIT.Database.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PackagedPostsServiceIT {

    /** The management root, {@code http://localhost:<port>/q}, injected by {@link Database}. */
    URI management;

    public static class Database extends PackagedServiceResource {
        @Override
        protected Map<String, String> serviceSettings() throws IOException {
            return Map.of("quarkus.rest-client.users-service.url", "http://127.0.0.1:" + closedPort());
        }
    }

    @Test
    void isReadyOnceItsDatabaseIsMigrated() {
        PackagedServiceChecks.assertLiveAndReady(management);
    }

    @Test
    void servesHealthMetricsAndOpenApiOnTheManagementPortOnly() {
        PackagedServiceChecks.assertManagementPortOnly(management, "/api/articles");
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
