package io.conduit.posts.profile;

import static io.conduit.posts.testing.Api.addComment;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.favorite;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conduit.common.testing.RowLocks;
import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A validly signed token for a user users-service does not know (a {@code sub} never issued, or an account
 * since deleted) is a 401 on every endpoint that requires a token, before any 404 or 422, and nothing is
 * ever stored for such a user. Their content from before still renders, under a placeholder author.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnknownCallerTest {

    /** Far above the ids the fake users-service hands out. */
    private static final long NEVER_ISSUED = 900_000_000L;

    @InjectFakeUsers
    FakeUsersService users;

    private static void expectUnknownCaller(Response res) {
        res.then().statusCode(401).contentType(ContentType.JSON)
                .body("errors.token", contains("names a user that no longer exists"));
    }

    private static long rows(String sql, long userId) throws SQLException {
        try (Connection db = RowLocks.connect();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, userId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void expectNoRowsOf(long userId) throws SQLException {
        assertEquals(0, rows("SELECT count(*) FROM articles WHERE author_id = ?", userId), "articles");
        assertEquals(0, rows("SELECT count(*) FROM comments WHERE author_id = ?", userId), "comments");
        assertEquals(0, rows("SELECT count(*) FROM favorites WHERE user_id = ?", userId), "favorites");
    }

    @Test
    void aTokenForASubNeverIssuedIs401OnEveryEndpointThatRequiresAToken() throws SQLException {
        User author = users.addUser("author");
        String tag = unique("ghostly");
        String slug = createArticle(author, unique("Haunted "), tag);
        long commentId = addComment(author, slug, "first");
        long ghost = NEVER_ISSUED + System.nanoTime() % 1_000_000;
        String token = Tokens.of(ghost);

        expectUnknownCaller(withToken(token).body(wrap("article", article(unique("Ghost "), tag))).post("/api/articles"));
        expectUnknownCaller(withToken(token).body(wrap("article", Map.of("body", "boo"))).put("/api/articles/{slug}", slug));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}", slug));
        expectUnknownCaller(withToken(token).post("/api/articles/{slug}/favorite", slug));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}/favorite", slug));
        expectUnknownCaller(withToken(token).body(wrap("comment", Map.of("body", "boo")))
                .post("/api/articles/{slug}/comments", slug));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}/comments/{id}", slug, commentId));
        expectUnknownCaller(withToken(token).get("/api/articles/feed"));

        // Nothing was stored or changed.
        expectNoRowsOf(ghost);
        anonymous().queryParam("tag", tag).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(1))
                .body("articles[0].slug", equalTo(slug))
                .body("articles[0].favoritesCount", equalTo(0));
        anonymous().get("/api/articles/{slug}/comments", slug).then().statusCode(200).body("comments.id", contains((int) commentId));
    }

    @Test
    void the401ComesBeforeA404OrA422() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        String token = Tokens.of(NEVER_ISSUED - 1);
        String missing = unique("missing-");

        expectUnknownCaller(withToken(token).body(wrap("article", Map.of("title", 7))).post("/api/articles"));
        expectUnknownCaller(withToken(token).body(wrap("article", Map.of("title", 7))).put("/api/articles/{slug}", missing));
        expectUnknownCaller(withToken(token).body(wrap("article", Map.of())).put("/api/articles/{slug}", slug));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}", missing));
        expectUnknownCaller(withToken(token).post("/api/articles/{slug}/favorite", missing));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}/favorite", missing));
        expectUnknownCaller(withToken(token).body("{\"comment\":{\"body\":42}}").post("/api/articles/{slug}/comments", missing));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}/comments/{id}", missing, "x"));
        expectUnknownCaller(withToken(token).queryParam("limit", 0).get("/api/articles/feed"));
    }

    @Test
    void aDeletedAccountsTokenIsRefusedWhileItsContentStillRenders() throws SQLException {
        User leaver = users.addUser("leaver");
        User other = users.addUser("other");
        String own = createArticle(leaver);
        String others = createArticle(other);
        long commentId = addComment(leaver, others, "before leaving");
        favorite(leaver, others);
        String token = Tokens.of(leaver);
        users.removeUser(leaver);

        expectUnknownCaller(withToken(token).body(wrap("article", Map.of("body", "after"))).put("/api/articles/{slug}", own));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}", own));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}/favorite", others));
        expectUnknownCaller(withToken(token).delete("/api/articles/{slug}/comments/{id}", others, commentId));
        expectUnknownCaller(withToken(token).body(wrap("comment", Map.of("body", "after")))
                .post("/api/articles/{slug}/comments", others));
        expectUnknownCaller(withToken(token).get("/api/articles/feed"));

        anonymous().get("/api/articles/{slug}", own).then().statusCode(200)
                .body("article.author.username", equalTo("[unknown]"))
                .body("article.body", equalTo("A body"));
        anonymous().get("/api/articles/{slug}", others).then().statusCode(200)
                .body("article.author.username", equalTo(other.username()))
                .body("article.favoritesCount", equalTo(1));
        anonymous().get("/api/articles/{slug}/comments", others).then().statusCode(200)
                .body("comments.author.username", contains("[unknown]"));
        assertEquals(1, rows("SELECT count(*) FROM comments WHERE author_id = ?", leaver.id()), "no comment after leaving");
    }
}
