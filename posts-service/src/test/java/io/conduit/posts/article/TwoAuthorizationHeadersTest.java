package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.util.Map;

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
import io.restassured.specification.RequestSpecification;

/** Two Authorization headers on one request are a 401 wherever the caller is read, whichever comes first. */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TwoAuthorizationHeadersTest {

    @InjectFakeUsers
    FakeUsersService users;

    private static RequestSpecification twoTokens(User first, User second) {
        return anonymous().header("Authorization", Tokens.header(Tokens.of(first)))
                .header("Authorization", Tokens.header(Tokens.of(second)));
    }

    @Test
    void isA401OnEveryEndpointThatReadsTheCaller() {
        User author = users.addUser("author");
        User other = users.addUser("other");
        String tag = unique("doubled");
        String slug = createArticle(author, unique("Doubled "), tag);

        for (RequestSpecification request : new RequestSpecification[] {twoTokens(author, other), twoTokens(other, author),
                twoTokens(author, author)}) {
            request.get("/api/articles").then().statusCode(401).contentType(ContentType.JSON).body("errors", hasKey("token"));
        }
        twoTokens(author, other).get("/api/articles/{slug}", slug).then().statusCode(401);
        twoTokens(author, other).get("/api/articles/{slug}/comments", slug).then().statusCode(401);
        twoTokens(author, other).get("/api/articles/feed").then().statusCode(401);
        twoTokens(author, other).body(wrap("article", article(unique("Doubled "), tag))).post("/api/articles")
                .then().statusCode(401);
        twoTokens(author, other).body(wrap("article", Map.of("body", "x"))).put("/api/articles/{slug}", slug)
                .then().statusCode(401);
        twoTokens(author, other).delete("/api/articles/{slug}", slug).then().statusCode(401);
        twoTokens(other, author).post("/api/articles/{slug}/favorite", slug).then().statusCode(401);
        twoTokens(author, other).body(wrap("comment", Map.of("body", "x"))).post("/api/articles/{slug}/comments", slug)
                .then().statusCode(401);

        // Nothing happened, and /api/tags, which never reads the caller, ignores the headers.
        anonymous().queryParam("tag", tag).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(1))
                .body("articles[0].favoritesCount", equalTo(0));
        anonymous().get("/api/articles/{slug}/comments", slug).then().statusCode(200).body("comments.size()", equalTo(0));
        twoTokens(author, other).get("/api/tags").then().statusCode(200);
    }
}
