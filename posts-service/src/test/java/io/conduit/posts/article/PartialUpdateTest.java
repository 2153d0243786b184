package io.conduit.posts.article;

import static io.conduit.common.testing.RowLocks.whileAnotherTransactionHolds;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * An update writes only the fields it changes: a field it leaves out, or sends with the value it already has, keeps
 * what a parallel write stored meanwhile. Deterministic: another transaction changes the article and holds its row
 * until the update has read the article and is blocked on that row (RowLocks).
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PartialUpdateTest {

    @InjectFakeUsers
    FakeUsersService users;

    @Test
    void anUpdateKeepsAParallelChangeOfAFieldItDoesNotChange() throws Exception {
        User author = users.addUser("editor");
        String slug = createArticle(author, unique("Edited "));
        // "A body" is the body the article has: sent unchanged, it must not be written back.
        Map<String, Object> changes = Map.of("description", "A new description", "body", "A body");

        Response response = whileAnotherTransactionHolds(
                "UPDATE articles SET body = 'The rival body' WHERE slug = ?", slug)
                .send(() -> as(author).body(wrap("article", changes)).put("/api/articles/" + slug));

        assertEquals(200, response.statusCode(), response.asString());
        JsonPath stored = anonymous().get("/api/articles/" + slug).then().statusCode(200).extract().jsonPath();
        assertEquals("A new description", stored.getString("article.description"));
        assertEquals("The rival body", stored.getString("article.body"));
    }

    @Test
    void anUpdateOfAnArticleDeletedMeanwhileIsNotFound() throws Exception {
        User author = users.addUser("editor");
        String slug = createArticle(author, unique("Deleted "));

        Response response = whileAnotherTransactionHolds("DELETE FROM articles WHERE slug = ?", slug)
                .send(() -> as(author).body(wrap("article", Map.of("body", "Too late"))).put("/api/articles/" + slug));

        assertEquals(404, response.statusCode(), response.asString());
        assertEquals("[not found]", response.jsonPath().getString("errors.article"));
    }
}
