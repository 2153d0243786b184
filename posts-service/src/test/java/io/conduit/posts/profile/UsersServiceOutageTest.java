package io.conduit.posts.profile;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** When users-service is down or slow, answers are a prompt JSON 503, never a hang or a 500. */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UsersServiceOutageTest {

    @InjectFakeUsers
    FakeUsersService users;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void recover() {
        users.setDelayMillis(0);
        users.start();
        // Close every circuit this test opened, so that later tests find users-service usable again.
        breakers.resetAll();
        as(users.addUser("probe")).body(wrap("article", article(unique("Probe ")))).post("/api/articles")
                .then().statusCode(201);
    }

    private static void expectUnavailable(Response res) {
        res.then().statusCode(503).contentType(ContentType.JSON).header("Retry-After", "5")
                .body("errors.users-service", contains("is unavailable"));
    }

    @Test
    void answers503PromptlyWhenUsersServiceIsDown() {
        User author = users.addUser("author");
        User reader = users.addUser("reader");
        users.follow(reader, author);
        String tag = unique("outage");
        String slug = createArticle(author, unique("Before the outage "), tag);

        users.stop();
        expectUnavailable(anonymous().get("/api/articles/" + slug));

        expectUnavailable(anonymous().queryParam("tag", tag).get("/api/articles"));
        expectUnavailable(as(reader).get("/api/articles/feed"));
        expectUnavailable(anonymous().queryParam("author", author.username()).get("/api/articles"));

        // Nothing to ask users-service: these keep working.
        anonymous().get("/api/tags").then().statusCode(200);
        anonymous().queryParam("tag", unique("unused")).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(0));
        anonymous().get("/api/articles/" + slug + "/comments").then().statusCode(200);
        anonymous().get("/api/articles/" + unique("missing-")).then().statusCode(404);

        // Writes that would need a profile fail before they write anything.
        expectUnavailable(as(author).body(wrap("article", article(unique("During "), tag))).post("/api/articles"));
        expectUnavailable(as(reader).post("/api/articles/" + slug + "/favorite"));
        expectUnavailable(as(reader).body(wrap("comment", Map.of("body", "hello?"))).post("/api/articles/" + slug + "/comments"));

        // Enough failures open the circuit: then users-service is not even asked.
        for (int i = 0; i < 25; i++) {
            expectUnavailable(anonymous().get("/api/articles/" + slug));
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(UsersDirectory.PROFILES_CIRCUIT));
        users.start();
        users.resetCalls();
        expectUnavailable(anonymous().get("/api/articles/" + slug));
        assertEquals(0, users.calls("profiles"), "an open circuit still called users-service");

        anonymous().get("/api/tags").then().statusCode(200);
        // The failed writes left nothing behind (checked once the circuit lets calls through again).
        breakers.reset(UsersDirectory.PROFILES_CIRCUIT);
        anonymous().get("/api/articles/" + slug).then().statusCode(200);
        anonymous().queryParam("tag", tag).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(1))
                .body("articles[0].favoritesCount", equalTo(0));
        anonymous().get("/api/articles/" + slug + "/comments").then().statusCode(200).body("comments.size()", equalTo(0));
    }

    @Test
    void answers503WithinTheTimeoutWhenUsersServiceIsSlow() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        // It would answer after 6 s; the client's read timeout (2.5 s, inside the 3 s Timeout/value) answers first,
        // and a timed-out call is not retried.
        users.setDelayMillis(6_000);
        users.resetCalls();
        expectUnavailable(anonymous().get("/api/articles/" + slug));
        // Requests are recorded as they arrive, before the fake's delay.
        assertEquals(1, users.rawPaths().size(), "a timed-out call was retried: " + users.rawPaths());
    }
}
