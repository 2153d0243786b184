package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.favorite;
import static io.conduit.posts.testing.Api.slugs;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
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

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ArticleListTest {

    static final int TOTAL = 25;

    @InjectFakeUsers
    FakeUsersService users;

    /** One shared fixture: 25 articles by the writer, one by another author, three favorited by the fan. */
    static User writer;
    static User other;
    static User fan;
    static String tag;
    static List<String> created;
    static List<String> faved;

    @BeforeEach
    void fixture() {
        if (writer != null) {
            return;
        }
        writer = users.addUser("writer");
        other = users.addUser("other");
        fan = users.addUser("fan");
        tag = unique("page");
        created = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            created.add(createArticle(writer, unique("Paged " + i + " "), tag, "common"));
        }
        createArticle(other, unique("Other "), tag);
        faved = List.of(created.get(3), created.get(10), created.get(20));
        faved.forEach(slug -> favorite(fan, slug));
    }

    private static Response list(Map<String, ?> params) {
        return anonymous().queryParams(params).when().get("/api/articles");
    }

    private static List<String> newestFirst() {
        List<String> reversed = new ArrayList<>(created);
        Collections.reverse(reversed);
        return reversed;
    }

    @Test
    void listsItemsWithoutBodyNewestFirst() {
        Response res = list(Map.of("author", writer.username()));
        res.then().statusCode(200).contentType(ContentType.JSON)
                .body("articles.size()", equalTo(20))
                .body("articlesCount", equalTo(TOTAL))
                .body("articles", everyItem(not(hasKey("body"))))
                .body("articles[0].tagList", contains("common", tag))
                .body("articles[0].author.username", equalTo(writer.username()));
        assertEquals(newestFirst().subList(0, 20), slugs(res));
        Map<String, Object> item = res.path("articles[0]");
        assertEquals(List.of("author", "createdAt", "description", "favorited", "favoritesCount", "slug", "tagList",
                "title", "updatedAt"), item.keySet().stream().sorted().toList());
        assertEquals(Set.of("articles", "articlesCount"), ((Map<?, ?>) res.path("")).keySet());
    }

    @Test
    void pagesWithLimitAndOffsetWithoutGapsOrDuplicates() {
        List<String> pages = new ArrayList<>();
        for (int offset : new int[] {0, 10, 20}) {
            Response res = list(Map.of("author", writer.username(), "limit", 10, "offset", offset));
            res.then().statusCode(200).body("articlesCount", equalTo(TOTAL));
            pages.addAll(slugs(res));
        }
        assertEquals(newestFirst(), pages);
        assertEquals(List.of(created.get(0)), slugs(list(Map.of("author", writer.username(), "limit", 1, "offset", 24))));
    }

    @Test
    void answersAnEmptyPageWithTheFullCountPastTheEnd() {
        for (String offset : List.of("25", "1000000", "99999999999999999999", "9".repeat(200))) {
            list(Map.of("author", writer.username(), "offset", offset)).then().statusCode(200)
                    .body("articles", empty()).body("articlesCount", equalTo(TOTAL));
        }
    }

    @Test
    void filtersByTagAuthorAndFavoritedCombinedWithAnd() {
        Response byTag = list(Map.of("tag", tag, "limit", 100));
        byTag.then().statusCode(200).body("articlesCount", equalTo(TOTAL + 1));
        list(Map.of("tag", tag, "author", other.username())).then().body("articlesCount", equalTo(1))
                .body("articles[0].author.username", equalTo(other.username()));
        Response favs = list(Map.of("favorited", fan.username()));
        favs.then().body("articlesCount", equalTo(3)).body("articles.favoritesCount", everyItem(equalTo(1)));
        assertEquals(new HashSet<>(faved), new HashSet<>(slugs(favs)));
        list(Map.of("favorited", fan.username(), "author", writer.username(), "tag", tag)).then().body("articlesCount", equalTo(3));
        list(Map.of("favorited", fan.username(), "author", other.username())).then().body("articlesCount", equalTo(0));
        // Usernames are matched ignoring case, as users-service does.
        list(Map.of("author", writer.username().toUpperCase())).then().body("articlesCount", equalTo(TOTAL));
    }

    @Test
    void answersEmptyForUnknownTagAuthorOrFavorited() {
        for (Map<String, String> params : List.of(Map.of("tag", unique("none")), Map.of("author", unique("none")),
                Map.of("favorited", unique("none")))) {
            list(params).then().statusCode(200).body("articles", empty()).body("articlesCount", equalTo(0));
        }
    }

    @Test
    void matchesFilterValuesExactly() {
        List<Map<String, String>> probes = List.of(
                Map.of("tag", tag.substring(0, tag.length() - 2) + "%"), Map.of("tag", tag.substring(0, tag.length() - 1) + "_"),
                Map.of("author", writer.username().substring(0, writer.username().length() - 2) + "%"),
                Map.of("author", writer.username().substring(0, writer.username().length() - 1) + "_"),
                Map.of("favorited", "%"), Map.of("tag", "' OR '1'='1"), Map.of("author", "x' OR 1=1 --"),
                Map.of("author", "../users/" + writer.id() + "/followees"), Map.of("author", "a/b?c#d"),
                Map.of("author", "%2e%2e"), Map.of("author", ".."), Map.of("author", "."));
        for (Map<String, String> params : probes) {
            list(params).then().statusCode(200).body("articlesCount", equalTo(0));
        }
    }

    @Test
    void findsArticlesByAUnicodeTag() {
        String unicodeTag = "ドラゴン-🐉-" + unique("");
        String slug = createArticle(other, unique("Unicode tag "), unicodeTag);
        assertEquals(List.of(slug), slugs(list(Map.of("tag", unicodeTag))));
    }

    @Test
    void treatsEmptyParametersAsAbsent() {
        list(Map.of("author", writer.username(), "tag", "", "favorited", "", "limit", "", "offset", ""))
                .then().statusCode(200).body("articles.size()", equalTo(20)).body("articlesCount", equalTo(TOTAL));
    }

    @Test
    void rejectsInvalidLimitAndOffsetWith422() {
        for (String limit : List.of("0", "-1", "abc", "1.5", "1e3", "0x10")) {
            list(Map.of("limit", limit)).then().statusCode(422).contentType(ContentType.JSON).body("errors", hasKey("limit"));
        }
        for (String offset : List.of("-1", "abc", "2.5")) {
            list(Map.of("offset", offset)).then().statusCode(422).body("errors", hasKey("offset"));
        }
    }

    @Test
    void capsHugeLimitsAtOneHundred() {
        for (String limit : List.of("1000", "99999999999999999999")) {
            Response res = list(Map.of("limit", limit));
            int count = res.path("articlesCount");
            assertTrue(count > TOTAL);
            res.then().statusCode(200).body("articles.size()", equalTo(Math.min(count, 100)));
        }
    }

    @Test
    void computesFavoritedAndFollowingForTheCaller() {
        User reader = users.addUser("reader");
        users.follow(reader, writer);
        as(fan).queryParam("author", writer.username()).queryParam("limit", 100).get("/api/articles").then()
                .body("articles.findAll { it.favorited }.slug", equalTo(List.of(faved.get(2), faved.get(1), faved.get(0))))
                .body("articles.author.following", everyItem(equalTo(false)));
        as(reader).queryParam("author", writer.username()).get("/api/articles").then()
                .body("articles.author.following", everyItem(equalTo(true)))
                .body("articles.favorited", everyItem(equalTo(false)));
        anonymous().queryParam("tag", tag).queryParam("limit", 100).get("/api/articles").then()
                .body("articles.favorited", everyItem(equalTo(false)))
                .body("articles.author.following", everyItem(equalTo(false)));
    }

    @Test
    void answers401ForAnInvalidToken() {
        withToken("garbage").get("/api/articles").then().statusCode(401).body("errors", hasKey("token"));
    }

    @Test
    void asksUsersServiceOnceForAllAuthorsOfAPage() {
        users.resetCalls();
        list(Map.of("tag", tag, "limit", 100)).then().statusCode(200).body("articles.author.username",
                everyItem(oneOf(writer.username(), other.username())));
        assertEquals(1, users.calls("profiles"));
        assertEquals(1, users.totalCalls());

        users.resetCalls();
        list(Map.of("author", writer.username(), "favorited", fan.username())).then().statusCode(200);
        assertEquals(2, users.calls("profile"), "one call to resolve each username");
        assertEquals(0, users.calls("profiles"), "the author filter already gave the author's profile");

        users.resetCalls();
        list(Map.of("tag", unique("nothing"))).then().statusCode(200);
        assertEquals(0, users.totalCalls(), "an empty page needs no profiles");
    }

    @Test
    void forwardsTheRequestIdToUsersService() {
        users.resetCalls();
        anonymous().header("X-Request-Id", "trace-me-123").queryParams(Map.of("author", writer.username(), "tag", tag))
                .get("/api/articles").then().statusCode(200).header("X-Request-Id", "trace-me-123");
        assertEquals(List.of("trace-me-123"), users.requestIds());
    }

    @Test
    void continuesTheCallersW3cTraceInItsCallsToUsersService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        users.resetCalls();
        anonymous().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .queryParams(Map.of("author", writer.username())).get("/api/articles").then().statusCode(200);
        List<String> received = users.traceparents();
        assertTrue(!received.isEmpty(), "users-service was called");
        for (String traceparent : received) {
            assertTrue(traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-[0-9a-f]{2}"), traceparent);
            assertTrue(!traceparent.contains("00f067aa0ba902b7"), "a span of its own, not the caller's: " + traceparent);
        }
    }

    @Test
    void encodesUsernamesInThePathOfTheUsersServiceCall() {
        users.resetCalls();
        list(Map.of("author", "a/b?c#d %")).then().statusCode(200).body("articlesCount", equalTo(0));
        assertEquals(List.of("/internal/profiles/a%2Fb%3Fc%23d%20%25"), users.rawPaths());
    }
}
