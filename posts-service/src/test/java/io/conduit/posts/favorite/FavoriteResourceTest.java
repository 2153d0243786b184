package io.conduit.posts.favorite;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FavoriteResourceTest {

    @InjectFakeUsers
    FakeUsersService users;

    private static String path(String slug) {
        return "/api/articles/" + slug + "/favorite";
    }

    @Test
    void favoritesIdempotentlyCountingDistinctUsers() {
        User author = users.addUser("author");
        User x = users.addUser("fanX");
        User y = users.addUser("fanY");
        String slug = createArticle(author);

        as(x).post(path(slug)).then().statusCode(200)
                .body("article.slug", equalTo(slug))
                .body("article.body", equalTo("A body"))
                .body("article.favorited", equalTo(true))
                .body("article.favoritesCount", equalTo(1));
        as(x).post(path(slug)).then().statusCode(200).body("article.favoritesCount", equalTo(1));
        as(y).post(path(slug)).then().statusCode(200).body("article.favorited", equalTo(true)).body("article.favoritesCount", equalTo(2));

        as(x).get("/api/articles/" + slug).then().body("article.favorited", equalTo(true)).body("article.favoritesCount", equalTo(2));
        as(author).get("/api/articles/" + slug).then().body("article.favorited", equalTo(false));
        anonymous().get("/api/articles/" + slug).then().body("article.favorited", equalTo(false)).body("article.favoritesCount", equalTo(2));

        as(y).delete(path(slug)).then().statusCode(200).body("article.favorited", equalTo(false)).body("article.favoritesCount", equalTo(1));
        as(y).delete(path(slug)).then().statusCode(200).body("article.favorited", equalTo(false)).body("article.favoritesCount", equalTo(1));
        as(author).post(path(slug)).then().statusCode(200).body("article.favorited", equalTo(true)).body("article.favoritesCount", equalTo(2));
    }

    @Test
    void ignoresAnyBodyAndContentType() {
        User author = users.addUser("author");
        User fan = users.addUser("fan");
        String slug = createArticle(author);
        String token = Tokens.header(Tokens.of(fan));
        given().header("Authorization", token).contentType("application/json").post(path(slug)).then().statusCode(200);
        given().header("Authorization", token).contentType("application/json").body("{\"stray\":1}").delete(path(slug))
                .then().statusCode(200);
        given().header("Authorization", token).contentType("text/plain").body("whatever").post(path(slug)).then().statusCode(200);
    }

    @Test
    void answers404ForUnknownArticlesAnd401WithoutAToken() {
        User fan = users.addUser("fan");
        String missing = unique("missing-");
        as(fan).post(path(missing)).then().statusCode(404).body("errors", hasKey("article"));
        as(fan).delete(path(missing)).then().statusCode(404);
        String slug = createArticle(fan);
        anonymous().post(path(slug)).then().statusCode(401);
        anonymous().delete(path(slug)).then().statusCode(401);
        withToken("garbage").post(path(slug)).then().statusCode(401);
        // 401 comes before 404.
        anonymous().post(path(missing)).then().statusCode(401);
        anonymous().get("/api/articles/" + slug).then().body("article.favoritesCount", equalTo(0));
    }

    @Test
    void favoritesTheSameArticleFiveTimesAtOnce() throws Exception {
        User author = users.addUser("author");
        User fan = users.addUser("eager");
        String slug = createArticle(author);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(() -> as(fan).post(path(slug)));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get().statusCode(), f.get().asString());
            }
        } finally {
            pool.shutdownNow();
        }
        anonymous().get("/api/articles/" + slug).then().body("article.favoritesCount", equalTo(1));
    }
}
