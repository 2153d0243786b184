package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.addComment;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.favorite;
import static io.conduit.posts.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.conduit.common.SqlRows;
import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Proves there is no N+1: a page costs the same small number of SQL statements and one users-service
 * call for its authors, whether it holds one article or twenty. Counts come from {@link SqlRows#statementsRun()}, the
 * process-wide count of statements sent (the requests are measured one at a time).
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StatementCountTest {

    static final int MAX_LIST_STATEMENTS = 4;

    @InjectFakeUsers
    FakeUsersService users;

    /** SQL statements and users-service calls one request costs. */
    record Cost(long statements, int usersCalls) {
    }

    private Cost measure(String what, RequestSpecification request, String path, int expectedArticles) {
        users.resetCalls();
        long before = SqlRows.statementsRun();
        request.get(path).then().statusCode(200);
        Cost cost = new Cost(SqlRows.statementsRun() - before, users.totalCalls());
        System.out.printf("[statement count] %-52s %2d articles: %d SQL statements, %d users-service calls%n",
                what, expectedArticles, cost.statements(), cost.usersCalls());
        return cost;
    }

    @Test
    void listsAndTheFeedCostAFixedNumberOfStatements() {
        User reader = users.addUser("reader");
        List<User> authors = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User author = users.addUser("author");
            authors.add(author);
            users.follow(reader, author);
        }
        List<User> fans = List.of(users.addUser("fan"), users.addUser("fan"), users.addUser("fan"));
        String tag = unique("counted");
        for (int i = 0; i < 20; i++) {
            User author = authors.get(i % authors.size());
            String slug = createArticle(author, unique("Counted " + i + " "), tag, unique("t"), unique("t"));
            for (int f = 0; f <= i % fans.size(); f++) {
                favorite(fans.get(f), slug);
            }
        }
        String single = "/api/articles?tag=" + tag + "&limit=1";
        String page = "/api/articles?tag=" + tag + "&limit=20";

        as(reader).get(page).then().statusCode(200).body("articles.size()", equalTo(20));
        Cost one = measure("GET /api/articles?tag (as a reader)", as(reader), single, 1);
        Cost twenty = measure("GET /api/articles?tag (as a reader)", as(reader), page, 20);
        Cost anonymous = measure("GET /api/articles?tag (anonymous)", anonymous(), page, 20);
        Cost byAuthor = measure("GET /api/articles?author (as a reader)", as(reader),
                "/api/articles?limit=20&author=" + authors.get(0).username(), 4);
        Cost byFan = measure("GET /api/articles?favorited&tag (as a reader)", as(reader),
                "/api/articles?limit=20&tag=" + tag + "&favorited=" + fans.get(0).username(), 20);
        Cost feedOne = measure("GET /api/articles/feed", as(reader), "/api/articles/feed?limit=1", 1);
        Cost feed = measure("GET /api/articles/feed", as(reader), "/api/articles/feed?limit=20", 20);
        Cost pastEnd = measure("GET /api/articles/feed past the end", as(reader), "/api/articles/feed?offset=1000", 0);

        for (Cost cost : List.of(one, twenty, anonymous, byAuthor, byFan, feedOne, feed)) {
            assertTrue(cost.statements() <= MAX_LIST_STATEMENTS, cost.toString());
        }
        assertEquals(one, twenty, "twenty articles cost what one costs");
        assertEquals(feedOne, feed, "twenty feed articles cost what one costs");
        assertEquals(1, twenty.usersCalls(), "one profiles call for all authors");
        assertEquals(2, feed.usersCalls(), "followees, then profiles");
        assertEquals(1, byAuthor.usersCalls(), "resolving the author also gives the author's profile");
        assertEquals(2, byFan.usersCalls(), "resolving the fan, then profiles");
        assertEquals(1, pastEnd.statements(), "past the end only the count runs");
    }

    @Test
    void oneArticleAndItsCommentsCostAFixedNumberOfStatements() {
        User author = users.addUser("author");
        String slug = createArticle(author, unique("Commented "), "a", "b");
        List<User> commenters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            commenters.add(users.addUser("commenter"));
        }
        addComment(commenters.get(0), slug, "first");
        Cost oneComment = measure("GET /api/articles/{slug}/comments", as(author), "/api/articles/" + slug + "/comments", 1);
        for (int i = 1; i < 30; i++) {
            addComment(commenters.get(i % commenters.size()), slug, "comment " + i);
        }
        Cost thirty = measure("GET /api/articles/{slug}/comments", as(author), "/api/articles/" + slug + "/comments", 30);
        Cost article = measure("GET /api/articles/{slug}", as(author), "/api/articles/" + slug, 1);

        assertEquals(oneComment, thirty, "thirty comments cost what one costs");
        assertTrue(thirty.statements() <= 2, thirty.toString());
        assertEquals(1, thirty.usersCalls());
        assertTrue(article.statements() <= 3, article.toString());
        assertEquals(1, article.usersCalls());
    }
}
