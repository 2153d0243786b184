package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.slugs;
import static io.conduit.posts.testing.Api.withToken;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FeedTest {

    @InjectFakeUsers
    FakeUsersService users;

    @Test
    void showsOnlyFollowedAuthorsNewestFirstAndPages() {
        User reader = users.addUser("reader");
        User a = users.addUser("followedA");
        User b = users.addUser("followedB");
        User stranger = users.addUser("stranger");
        users.follow(reader, a);
        users.follow(reader, b);
        List<String> expected = new ArrayList<>();
        for (User who : List.of(a, b, stranger, a, reader, b, a)) {
            String slug = createArticle(who);
            if (who == a || who == b) {
                expected.add(slug);
            }
        }
        Collections.reverse(expected);

        users.resetCalls();
        var res = as(reader).get("/api/articles/feed");
        res.then().statusCode(200)
                .body("articlesCount", equalTo(5))
                .body("articles", everyItem(not(hasKey("body"))))
                .body("articles.author.following", everyItem(equalTo(true)));
        assertEquals(expected, slugs(res));
        assertEquals(1, users.calls("followees"));
        assertEquals(1, users.calls("profiles"));

        List<String> pages = new ArrayList<>();
        for (int offset : new int[] {0, 2, 4}) {
            var page = as(reader).queryParam("limit", 2).queryParam("offset", offset).get("/api/articles/feed");
            page.then().statusCode(200).body("articlesCount", equalTo(5));
            pages.addAll(slugs(page));
        }
        assertEquals(expected, pages);
        as(reader).queryParam("offset", "99999999999999999999").get("/api/articles/feed").then().statusCode(200)
                .body("articles", empty()).body("articlesCount", equalTo(5));

        users.unfollow(reader, b);
        as(reader).get("/api/articles/feed").then().statusCode(200)
                .body("articlesCount", equalTo(3))
                .body("articles.author.username", everyItem(equalTo(a.username())));
    }

    @Test
    void isEmptyForSomeoneWhoFollowsNobody() {
        User loner = users.addUser("loner");
        users.resetCalls();
        as(loner).get("/api/articles/feed").then().statusCode(200).body("articles", empty()).body("articlesCount", equalTo(0));
        assertEquals(1, users.totalCalls(), "only the followees call");
    }

    @Test
    void requiresAToken() {
        anonymous().get("/api/articles/feed").then().statusCode(401).body("errors", hasKey("token"));
        withToken("garbage").get("/api/articles/feed").then().statusCode(401);
        withToken(Tokens.expired(1)).get("/api/articles/feed").then().statusCode(401);
    }

    @Test
    void rejectsInvalidLimitAndOffset() {
        User reader = users.addUser("pager");
        as(reader).queryParam("limit", 0).get("/api/articles/feed").then().statusCode(422).body("errors", hasKey("limit"));
        as(reader).queryParam("offset", -5).get("/api/articles/feed").then().statusCode(422).body("errors", hasKey("offset"));
    }
}
