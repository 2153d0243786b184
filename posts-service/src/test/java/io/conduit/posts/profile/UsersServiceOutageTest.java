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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** When users-service is down or slow, answers are a prompt JSON 503, never a hang or a 500. */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UsersServiceOutageTest {

    @InjectFakeUsers
    FakeUsersService users;

    @AfterEach
    void recover() throws InterruptedException {
        users.setDelayMillis(0);
        users.start();
        // Wait out an open circuit, so that later tests find users-service usable again.
        User probe = users.addUser("probe");
        String slug = createArticleWhenPossible(probe);
        int successes = 0;
        long deadline = System.currentTimeMillis() + 30_000;
        while (successes < 3 && System.currentTimeMillis() < deadline) {
            successes = anonymous().get("/api/articles/" + slug).statusCode() == 200 ? successes + 1 : 0;
            Thread.sleep(200);
        }
        assertEquals(3, successes, "users-service calls did not recover");
    }

    private static String createArticleWhenPossible(User author) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Response res = as(author).body(wrap("article", article(unique("Probe ")))).post("/api/articles");
            if (res.statusCode() == 201 || System.currentTimeMillis() > deadline) {
                assertEquals(201, res.statusCode(), res.asString());
                return res.path("article.slug");
            }
            Thread.sleep(200);
        }
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
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
        long first = timed(() -> expectUnavailable(anonymous().get("/api/articles/" + slug)));
        System.out.printf("[outage] first 503 after %d ms (retries included)%n", first);
        assertTrue(first < 3000, "took " + first + " ms");

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

        // Enough failures open the circuit: then the answer is immediate.
        long slowest = 0;
        for (int i = 0; i < 25; i++) {
            slowest = Math.max(slowest, timed(() -> expectUnavailable(anonymous().get("/api/articles/" + slug))));
        }
        long open = timed(() -> expectUnavailable(anonymous().get("/api/articles/" + slug)));
        System.out.printf("[outage] slowest of 25 more 503s: %d ms; with the circuit open: %d ms%n", slowest, open);
        assertTrue(slowest < 3000 && open < 500, slowest + " / " + open);

        users.start();
        anonymous().get("/api/tags").then().statusCode(200);
        // The failed writes left nothing behind (checked once the circuit lets calls through again).
        long deadline = System.currentTimeMillis() + 30_000;
        while (anonymous().get("/api/articles/" + slug).statusCode() != 200 && System.currentTimeMillis() < deadline) {
            sleep(200);
        }
        anonymous().queryParam("tag", tag).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(1))
                .body("articles[0].favoritesCount", equalTo(0));
        anonymous().get("/api/articles/" + slug + "/comments").then().statusCode(200).body("comments.size()", equalTo(0));
    }

    @Test
    void answers503WithinTheTimeoutWhenUsersServiceIsSlow() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        users.setDelayMillis(6_000);
        long took = timed(() -> expectUnavailable(anonymous().get("/api/articles/" + slug)));
        System.out.printf("[outage] 503 from a slow users-service after %d ms%n", took);
        assertTrue(took < 4500, "took " + took + " ms");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
