package io.conduit.posts.comment;

import static io.conduit.posts.testing.Api.ISO_MS;
import static io.conduit.posts.testing.Api.addComment;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CommentResourceTest {

    @InjectFakeUsers
    FakeUsersService users;

    private static String comments(String slug) {
        return "/api/articles/" + slug + "/comments";
    }

    private static List<Long> ids(Response res) {
        return res.jsonPath().getList("comments.id", Long.class);
    }

    @Test
    void addsACommentWith200AndTheCallerAsAuthor() {
        User author = users.addUser("author");
        User commenter = users.addUser(unique("commenter"), "bio", null);
        String slug = createArticle(author);
        String text = "His name was my name too. Ünïcödé 🐉 <b>x</b> '; DROP TABLE comments; -- %_\\ \r\n\t ";
        Response res = as(commenter).body(wrap("comment", Map.of("body", text))).post(comments(slug));
        res.then().statusCode(200).contentType(ContentType.JSON)
                .body("comment.body", equalTo(text))
                .body("comment.createdAt", matchesPattern(ISO_MS))
                .body("comment.updatedAt", equalTo(res.path("comment.createdAt")))
                .body("comment.author.username", equalTo(commenter.username()))
                .body("comment.author.bio", equalTo("bio"))
                .body("comment.author.following", equalTo(false));
        assertEquals(List.of("author", "body", "createdAt", "id", "updatedAt"),
                ((Map<String, ?>) res.path("comment")).keySet().stream().sorted().toList());
        Object id = res.path("comment.id");
        assertTrue(id instanceof Integer || id instanceof Long);
        Map<String, Object> listed = anonymous().get(comments(slug)).then().statusCode(200).extract().path("comments[0]");
        assertEquals(res.<Map<String, Object>>path("comment"), listed);
    }

    @Test
    void identicalDeletesRacingForOneCommentNeverFail() throws Exception {
        User author = users.addUser("author");
        String slug = createArticle(author);
        long id = addComment(author, slug, "going, going, gone");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            var ready = new java.util.concurrent.CountDownLatch(20);
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return as(author).delete(comments(slug) + "/" + id).statusCode();
                }));
            }
            for (var answer : answers) {
                int status = answer.get();
                assertTrue(status == 204 || status == 404, "status " + status);
            }
        } finally {
            pool.shutdownNow();
        }
        anonymous().get(comments(slug)).then().statusCode(200).body("comments", empty());
    }

    @Test
    void rejectsBadBodiesWith422() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        for (Object body : Arrays.asList(null, "", "  \n ", 42, List.of("x"), Map.of("text", "x"), "a\u0000b")) {
            Map<String, Object> comment = new HashMap<>();
            comment.put("body", body);
            as(author).body(wrap("comment", comment)).post(comments(slug)).then().statusCode(422).body("errors", hasKey("body"));
        }
        as(author).body(wrap("comment", Map.of())).post(comments(slug)).then().statusCode(422).body("errors", hasKey("body"));
        as(author).body(wrap("comment", Map.of("body", "c".repeat(10_000)))).post(comments(slug)).then().statusCode(200);
        as(author).body(wrap("comment", Map.of("body", "c".repeat(10_001)))).post(comments(slug)).then().statusCode(422)
                .body("errors", hasKey("body"));
        for (String json : List.of("{\"body\":\"no wrapper\"}", "{\"comment\":null}", "{\"comment\":\"text\"}", "{}", "[]", "")) {
            as(author).body(json).post(comments(slug)).then().statusCode(422);
        }
        as(author).body("{\"comment\":").post(comments(slug)).then().statusCode(400);
        as(author).contentType(ContentType.TEXT).body("{\"comment\":{\"body\":\"x\"}}").post(comments(slug)).then().statusCode(415);
    }

    @Test
    void answers404ForAnUnknownArticleAnd401WithoutAToken() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        as(author).body(wrap("comment", Map.of("body", "hello?"))).post(comments(unique("missing-"))).then().statusCode(404)
                .body("errors", hasKey("article"));
        anonymous().get(comments(unique("missing-"))).then().statusCode(404);
        anonymous().body(wrap("comment", Map.of("body", "anonymous"))).post(comments(slug)).then().statusCode(401);
        withToken("garbage").body(wrap("comment", Map.of("body", "x"))).post(comments(slug)).then().statusCode(401);
        withToken("garbage").get(comments(slug)).then().statusCode(401);
        anonymous().get(comments(slug)).then().statusCode(200).body("comments", empty());
    }

    @Test
    void listsNewestFirstWithFollowingForTheCaller() {
        User author = users.addUser("author");
        User alice = users.addUser("alice");
        User bob = users.addUser("bob");
        String slug = createArticle(author);
        List<Long> posted = new ArrayList<>();
        for (User who : List.of(alice, bob, alice, author)) {
            posted.add(addComment(who, slug, "by " + who.username()));
        }
        Collections.reverse(posted);
        Response res = anonymous().get(comments(slug));
        res.then().statusCode(200).body("comments.author.following", everyItem(equalTo(false)));
        assertEquals(posted, ids(res));
        assertEquals(List.of("comments"), List.copyOf(((Map<?, ?>) res.path("")).keySet()));

        users.follow(bob, alice);
        Response asBob = as(bob).get(comments(slug));
        List<String> names = asBob.jsonPath().getList("comments.author.username", String.class);
        List<Boolean> following = asBob.jsonPath().getList("comments.author.following", Boolean.class);
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i).equals(alice.username()), following.get(i));
        }

        String other = createArticle(author);
        long elsewhere = addComment(alice, other, "elsewhere");
        assertFalse(ids(anonymous().get(comments(slug))).contains(elsewhere));
        assertEquals(List.of(elsewhere), ids(anonymous().get(comments(other))));
    }

    @Test
    void onlyTheCommentAuthorMayDelete() {
        User author = users.addUser("author");
        User commenter = users.addUser("commenter");
        User stranger = users.addUser("stranger");
        String slug = createArticle(author);
        long keep = addComment(commenter, slug, "keep");
        long id = addComment(commenter, slug, "delete me");

        anonymous().delete(comments(slug) + "/" + id).then().statusCode(401);
        as(stranger).delete(comments(slug) + "/" + id).then().statusCode(403).body("errors", hasKey("comment"));
        as(author).delete(comments(slug) + "/" + id).then().statusCode(403);
        assertTrue(ids(anonymous().get(comments(slug))).contains(id));

        String text = as(commenter).delete(comments(slug) + "/" + id).then().statusCode(204).extract().asString();
        assertEquals("", text);
        assertEquals(List.of(keep), ids(anonymous().get(comments(slug))));
        as(commenter).delete(comments(slug) + "/" + id).then().statusCode(404);
    }

    @Test
    void answers404ForUnknownNonNumericOrForeignComments() {
        User author = users.addUser("author");
        User commenter = users.addUser("commenter");
        String slug = createArticle(author);
        String other = createArticle(author);
        long foreign = addComment(commenter, other, "on the other article");
        long id = addComment(commenter, slug, "mine");

        as(commenter).delete(comments(slug) + "/" + foreign).then().statusCode(404);
        assertTrue(ids(anonymous().get(comments(other))).contains(foreign));
        as(commenter).delete(comments(unique("missing-")) + "/" + id).then().statusCode(404).body("errors", hasKey("article"));
        for (String bad : List.of("2000000000", "99999999999999999999", "abc", "1%20OR%201%3D1", "-1", "1.0", "0x1")) {
            as(commenter).urlEncodingEnabled(false).delete(comments(slug) + "/" + bad).then().statusCode(404)
                    .contentType(ContentType.JSON);
        }
        // 404 comes before 403: a stranger asking for a missing comment learns it is missing.
        as(author).delete(comments(slug) + "/abc").then().statusCode(404);
        assertTrue(ids(anonymous().get(comments(slug))).contains(id));
    }

    @Test
    void deletingTheArticleDeletesItsComments() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        long id = addComment(author, slug, "soon gone");
        as(author).delete("/api/articles/" + slug).then().statusCode(204);
        as(author).delete(comments(slug) + "/" + id).then().statusCode(404);
        anonymous().get(comments(slug)).then().statusCode(404).body("errors", not(empty()));
    }
}
