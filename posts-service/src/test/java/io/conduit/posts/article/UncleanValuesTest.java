package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
import io.restassured.specification.RequestSpecification;

/**
 * Path and query values PostgreSQL cannot store (U+0000, unpaired surrogates) name nothing: 404 for a slug,
 * an empty list for a filter; they reach neither the database nor users-service. Requests are sent raw, as
 * an attacker would, not re-encoded by the test client.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UncleanValuesTest {

    /**
     * As they appear in a URL: NUL, a lone high and a lone low surrogate (in UTF-8 form, which is malformed),
     * NUL inside text and after an emoji.
     */
    private static final List<String> UNCLEAN = List.of("%00", "%ED%A0%80", "%ED%B0%80", "abc%00def", "%F0%9F%98%80%00");

    @InjectFakeUsers
    FakeUsersService users;

    private static RequestSpecification raw(RequestSpecification spec) {
        return spec.urlEncodingEnabled(false);
    }

    private static void expectNoArticle(Response res) {
        res.then().statusCode(404).contentType(ContentType.JSON).body("errors.article", contains("not found"));
    }

    private static void expectEmptyList(Response res) {
        res.then().statusCode(200).contentType(ContentType.JSON)
                .body("articles", empty())
                .body("articlesCount", equalTo(0));
    }

    @Test
    void aSlugThatCannotBeStoredNamesNoArticle() {
        User user = users.addUser("reader");
        for (String slug : UNCLEAN) {
            String path = "/api/articles/" + slug;
            expectNoArticle(raw(anonymous()).get(path));
            expectNoArticle(raw(as(user)).get(path));
            expectNoArticle(raw(as(user)).body(wrap("article", Map.of("body", "x"))).put(path));
            expectNoArticle(raw(as(user)).delete(path));
            expectNoArticle(raw(anonymous()).get(path + "/comments"));
            expectNoArticle(raw(as(user)).body(wrap("comment", Map.of("body", "x"))).post(path + "/comments"));
            expectNoArticle(raw(as(user)).delete(path + "/comments/1"));
            expectNoArticle(raw(as(user)).post(path + "/favorite"));
            expectNoArticle(raw(as(user)).delete(path + "/favorite"));
        }
    }

    @Test
    void aCommentIdThatIsNoNumberNamesNoComment() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        for (String id : List.of("%00", "%ED%A0%80", "1%00", "9".repeat(3_000), "0".repeat(3_000) + "1", "-1", "1e3")) {
            raw(as(author)).delete("/api/articles/" + slug + "/comments/" + id).then().statusCode(404)
                    .contentType(ContentType.JSON).body("errors.comment", contains("not found"));
        }
    }

    @Test
    void aFilterThatCannotBeStoredMatchesNothingWithoutAskingAnyone() {
        User author = users.addUser("author");
        String tag = unique("clean");
        createArticle(author, unique("Clean "), tag);

        users.resetCalls();
        for (String value : UNCLEAN) {
            for (String filter : List.of("tag", "author", "favorited")) {
                expectEmptyList(raw(anonymous()).get("/api/articles?" + filter + "=" + value));
                expectEmptyList(raw(as(author)).get("/api/articles?" + filter + "=" + value));
            }
            expectEmptyList(raw(anonymous()).get("/api/articles?tag=" + tag + "&author=" + value));
            expectEmptyList(raw(anonymous()).get("/api/articles?favorited=" + value + "&tag=" + tag));
        }
        // A NUL stays a NUL and is never sent. Malformed UTF-8 (an encoded lone surrogate) is decoded to U+FFFD,
        // a character like any other: that one may be looked up, and names nobody.
        List<String> asked = users.rawPaths();
        assertTrue(asked.stream().allMatch(p -> p.startsWith("/internal/profiles/%EF%BF%BD")), asked.toString());

        users.resetCalls();
        // Values that are clean but longer than any tag or username also name nothing.
        expectEmptyList(anonymous().queryParam("tag", "t".repeat(65)).get("/api/articles"));
        expectEmptyList(anonymous().queryParam("author", "u".repeat(65)).get("/api/articles"));
        expectEmptyList(anonymous().queryParam("favorited", "..").get("/api/articles"));
        assertEquals(0, users.totalCalls(), "users-service was never asked about such a value");

        anonymous().queryParam("tag", tag).get("/api/articles").then().statusCode(200).body("articlesCount", equalTo(1));
    }

    @Test
    void limitAndOffsetOfThousandsOfDigitsAreAnsweredWithoutA5xx() {
        User author = users.addUser("author");
        String tag = unique("paged");
        createArticle(author, unique("Paged "), tag);
        String huge = "9".repeat(3_000);

        anonymous().get("/api/articles?tag=" + tag + "&limit=" + huge).then().statusCode(200)
                .body("articlesCount", equalTo(1)).body("articles.size()", equalTo(1));
        anonymous().get("/api/articles?tag=" + tag + "&offset=" + huge).then().statusCode(200)
                .body("articlesCount", equalTo(1)).body("articles", empty());
        anonymous().get("/api/articles?tag=" + tag + "&limit=" + "0".repeat(3_000)).then().statusCode(422)
                .body("errors.limit", contains("must be at least 1"));
        raw(anonymous()).get("/api/articles?tag=" + tag + "&offset=1%00").then().statusCode(422)
                .contentType(ContentType.JSON).body("errors.offset", contains("must be a whole number written in digits"));
        as(author).get("/api/articles/feed?offset=" + huge).then().statusCode(200).body("articles", empty());
    }
}
