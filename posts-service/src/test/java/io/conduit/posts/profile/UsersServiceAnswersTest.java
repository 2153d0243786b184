package io.conduit.posts.profile;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * users-service's 4xx answers are answers, not failures: never retried, never counted by the circuit breaker,
 * never a 503; so no client input can switch a filter off for everybody. And every call carries the internal
 * caller credential, without which (as the fake users-service, like the real one, insists) nothing works.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UsersServiceAnswersTest {

    /** Well above the breaker's request volume threshold (20) at its failure ratio (0.5). */
    private static final int MANY = 45;

    @InjectFakeUsers
    FakeUsersService users;

    @Test
    void unknownUsernamesNeitherGetRetriedNorOpenTheBreaker() {
        User author = users.addUser("author");
        String slug = createArticle(author);

        users.resetCalls();
        for (int i = 0; i < MANY; i++) {
            anonymous().queryParam(i % 2 == 0 ? "author" : "favorited", unique("nobody")).get("/api/articles")
                    .then().statusCode(200).body("articlesCount", equalTo(0));
        }
        assertEquals(MANY, users.calls("profile"), "one call per request: a 404 is not retried");

        anonymous().queryParam("author", author.username()).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(1))
                .body("articles[0].slug", equalTo(slug));
    }

    @Test
    void followeesOfUnknownUsersNeitherGetRetriedNorOpenTheBreaker() {
        User author = users.addUser("author");
        User reader = users.addUser("reader");
        users.follow(reader, author);
        String slug = createArticle(author);

        users.resetCalls();
        for (int i = 0; i < MANY; i++) {
            withToken(Tokens.of(800_000_000L + i)).get("/api/articles/feed").then().statusCode(401)
                    .contentType(ContentType.JSON)
                    .body("errors.token", contains("names a user that no longer exists"));
        }
        assertEquals(MANY, users.calls("followees"), "one call per request: a 404 is not retried");

        as(reader).get("/api/articles/feed").then().statusCode(200)
                .body("articlesCount", equalTo(1))
                .body("articles[0].slug", equalTo(slug));
    }

    @Test
    void sendsTheInternalCallerCredentialOnEveryCall() {
        User author = users.addUser("author");
        User reader = users.addUser("reader");
        String slug = createArticle(author);

        users.resetCalls();
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200);
        anonymous().queryParam("author", author.username()).get("/api/articles").then().statusCode(200);
        as(reader).get("/api/articles/feed").then().statusCode(200);
        as(reader).post("/api/articles/{slug}/favorite", slug).then().statusCode(200);

        assertTrue(users.calls("profiles") > 0, "profiles called");
        assertTrue(users.calls("profile") > 0, "profile called");
        assertTrue(users.calls("followees") > 0, "followees called");
        users.internalTokens().forEach(token -> assertEquals(FakeUsersService.INTERNAL_TOKEN, token));
        assertEquals(0, users.calls("rejected"));
    }

    @Test
    void theFakeUsersServiceRefusesCallsWithoutTheCredential() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(users.url() + "/internal/profiles?ids=1");
        HttpResponse<String> without = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header(FakeUsersService.INTERNAL_HEADER, "guess").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> right = http.send(HttpRequest.newBuilder(uri)
                .header(FakeUsersService.INTERNAL_HEADER, FakeUsersService.INTERNAL_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, without.statusCode());
        assertEquals("{\"errors\":{\"caller\":[\"is not allowed\"]}}", without.body());
        assertEquals(401, wrong.statusCode());
        assertEquals(200, right.statusCode());
    }

    @Test
    void aRefusedCredentialIsAnOutageForTheClientNotTheClientsOwn401() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        users.setExpectedToken("another-deployments-token");
        try {
            anonymous().get("/api/articles/{slug}", slug).then().statusCode(503).contentType(ContentType.JSON)
                    .body("errors.users-service", contains("is unavailable"));
            as(author).get("/api/articles/feed").then().statusCode(503);
        } finally {
            users.setExpectedToken(FakeUsersService.INTERNAL_TOKEN);
        }
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200);
    }
}
