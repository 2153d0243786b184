package io.conduit.posts.tag;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static io.conduit.posts.testing.Api.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
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

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TagResourceTest {

    @InjectFakeUsers
    FakeUsersService users;

    private static List<String> tags() {
        var res = anonymous().get("/api/tags");
        res.then().statusCode(200).contentType(ContentType.JSON);
        assertEquals(List.of("tags"), List.copyOf(((Map<?, ?>) res.path("")).keySet()));
        List<String> tags = res.jsonPath().getList("tags", String.class);
        assertEquals(tags.size(), new HashSet<>(tags).size(), "tags must not repeat");
        return tags;
    }

    @Test
    void ordersByUseThenByName() {
        User author = users.addUser("tagger");
        String id = unique("");
        // Upper case sorts before lower case by plain string comparison, whatever the database collation says.
        String popular = "popular" + id;
        String lessA = "Q" + id;
        String lessB = "q" + id;
        createArticle(author, unique("T "), popular, lessB);
        createArticle(author, unique("T "), popular);
        createArticle(author, unique("T "), popular, lessA);
        List<String> all = tags();
        int p = all.indexOf(popular);
        int a = all.indexOf(lessA);
        int b = all.indexOf(lessB);
        assertTrue(p >= 0 && a >= 0 && b >= 0, all.toString());
        assertTrue(p < a && a < b, all.toString());
    }

    @Test
    void dropsATagOnceItsLastArticleIsGoneOrRetagged() {
        User author = users.addUser("tagger");
        String gone = unique("ephemeral");
        String slug = createArticle(author, unique("T "), gone);
        String other = createArticle(author, unique("T "), gone);
        assertTrue(tags().contains(gone));
        as(author).delete("/api/articles/" + slug).then().statusCode(204);
        assertTrue(tags().contains(gone), "another article still carries it");
        as(author).body(wrap("article", Map.of("tagList", List.of()))).put("/api/articles/" + other).then().statusCode(200);
        assertFalse(tags().contains(gone));
        // The tag can come back.
        createArticle(author, unique("T "), gone);
        assertTrue(tags().contains(gone));
    }

    /** A tag list is bound as one text array: the characters of PostgreSQL's array syntax are ordinary characters. */
    @Test
    void keepsTagsThatLookLikeArraySyntax() {
        User author = users.addUser("tagger");
        String id = unique("");
        List<String> odd = List.of("NULL", "a,b" + id, "{x}" + id, "\"quoted\"" + id, "back\\slash" + id, "two words" + id);
        String slug = createArticle(author, unique("T "), odd.toArray(String[]::new));
        List<String> stored = anonymous().get("/api/articles/" + slug).then().statusCode(200)
                .extract().jsonPath().getList("article.tagList", String.class);
        assertEquals(odd.stream().sorted().toList(), stored);
        assertTrue(tags().containsAll(odd), tags().toString());
    }

    @Test
    void ignoresTheAuthorizationHeader() {
        withToken("garbage").get("/api/tags").then().statusCode(200);
        anonymous().header("Authorization", "Token").get("/api/tags").then().statusCode(200);
    }
}
