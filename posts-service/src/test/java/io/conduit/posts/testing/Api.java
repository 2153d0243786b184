package io.conduit.posts.testing;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Request helpers for the tests: callers, bodies and fixtures. */
public final class Api {

    public static final String ISO_MS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    public static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";

    private static int counter;

    private Api() {
    }

    public static synchronized String unique(String prefix) {
        return prefix + System.nanoTime() % 1_000_000 + "n" + (++counter);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static RequestSpecification as(FakeUsersService.User user) {
        return given().contentType(ContentType.JSON).header("Authorization", Tokens.header(Tokens.of(user)));
    }

    public static RequestSpecification withToken(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", Tokens.header(token));
    }

    public static Map<String, Object> article(String title, String... tags) {
        Map<String, Object> article = new HashMap<>();
        article.put("title", title);
        article.put("description", "A description");
        article.put("body", "A body");
        article.put("tagList", Arrays.asList(tags));
        return article;
    }

    public static Map<String, Object> wrap(String wrapper, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put(wrapper, value);
        return body;
    }

    /** Creates an article and returns its slug. */
    public static String createArticle(FakeUsersService.User author, String title, String... tags) {
        return as(author).body(wrap("article", article(title, tags)))
                .when().post("/api/articles")
                .then().statusCode(201)
                .extract().path("article.slug");
    }

    public static String createArticle(FakeUsersService.User author) {
        return createArticle(author, unique("Title "));
    }

    public static void favorite(FakeUsersService.User fan, String slug) {
        as(fan).when().post("/api/articles/" + slug + "/favorite").then().statusCode(200);
    }

    public static long addComment(FakeUsersService.User author, String slug, String body) {
        return ((Number) as(author).body(wrap("comment", Map.of("body", body)))
                .when().post("/api/articles/" + slug + "/comments")
                .then().statusCode(200)
                .extract().path("comment.id")).longValue();
    }

    public static List<String> slugs(Response response) {
        return response.then().extract().jsonPath().getList("articles.slug", String.class);
    }
}
