package io.conduit.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.conduit.common.testing.PackagedServiceChecks;
import io.conduit.common.testing.PackagedServiceResource;
import io.conduit.common.testing.TrainingLoad;
import io.conduit.common.testing.TrainingLoad.Call;
import io.conduit.posts.testing.Api;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The packaged posts-service (target/quarkus-app, or the native executable with -Pnative) started as it ships,
 * in the prod profile, against a real PostgreSQL that Flyway migrates, with health and OpenAPI on a management port
 * of its own ({@link PackagedServiceResource}, shared with users-service's suite). users-service is a fake
 * ({@link FakeUsersService}). Runs on every verify (-DskipITs skips it).
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedPostsServiceIT.Database.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedPostsServiceIT {

    /** The management root, {@code http://localhost:<port>/q}, injected by {@link Database}. */
    URI management;

    @TestHTTPResource("/")
    URI root;

    /**
     * Also a fake users-service ({@link FakeUsersService}, expecting the packaged service's internal token) and the
     * test key pair ({@link Tokens}) as the gateway's published keys.
     */
    public static class Database extends PackagedServiceResource {
        static final FakeUsersService USERS = new FakeUsersService();

        @Override
        protected Map<String, String> serviceSettings() throws IOException {
            USERS.setExpectedToken(INTERNAL_TOKEN);
            USERS.start();
            try {
                Path jwks = Path.of(Database.class.getResource("/test-keys/jwks.json").toURI());
                return Map.of("quarkus.rest-client.users-service.url", USERS.url(),
                        "mp.jwt.verify.publickey.location", jwks.toString());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void stop() {
            USERS.stop();
            super.stop();
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

    /** Last: the other checks see the service fresh, its catalogue empty. */
    @Test
    @Order(Integer.MAX_VALUE)
    void answersItsHotPathsUnderLoad() throws Exception {
        FakeUsersService.User author = Database.USERS.addUser("author");
        FakeUsersService.User reader = Database.USERS.addUser("reader");
        Database.USERS.follow(reader, author);
        String authorToken = Tokens.header(token(author));
        String readerToken = Tokens.header(token(reader));
        String slug = null;
        for (int i = 0; i < 3; i++) {
            slug = given().header("Authorization", authorToken).contentType(ContentType.JSON)
                    .body(Api.wrap("article", Api.article(Api.unique("Load "), "training", "load")))
                    .post("/api/articles")
                    .then().statusCode(201).extract().path("article.slug");
        }
        given().header("Authorization", readerToken).contentType(ContentType.JSON)
                .body(Map.of("comment", Map.of("body", "A comment")))
                .post("/api/articles/" + slug + "/comments").then().statusCode(200);
        given().header("Authorization", readerToken).post("/api/articles/" + slug + "/favorite").then().statusCode(200);
        List<Call> calls = List.of(
                Call.get("/api/articles", 200),
                Call.get("/api/articles?tag=training", 200).with("Authorization", readerToken),
                Call.get("/api/articles/feed", 200).with("Authorization", readerToken),
                Call.get("/api/articles/" + slug, 200),
                Call.get("/api/articles/" + slug + "/comments", 200),
                Call.get("/api/tags", 200));
        assertEquals(2 * TrainingLoad.ROUNDS * calls.size(), TrainingLoad.run(root, calls));
    }

    private static String token(FakeUsersService.User user) throws Exception {
        return Tokens.signedWith(KeyUtils.readPrivateKey("test-keys/private.pem"), "current", user.id());
    }
}
