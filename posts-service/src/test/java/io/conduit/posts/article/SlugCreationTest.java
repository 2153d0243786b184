package io.conduit.posts.article;

import static io.conduit.common.testing.RowLocks.whileAnotherTransactionHolds;
import static io.conduit.posts.testing.Api.SLUG;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
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
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SlugCreationTest {

    @InjectFakeUsers
    FakeUsersService users;

    @Test
    void givesEveryArticleItsOwnSlugWhenTitlesRepeat() {
        User one = users.addUser("one");
        User two = users.addUser("two");
        String title = unique("Same title ");
        String base = title.toLowerCase().replace(' ', '-');
        List<String> slugs = List.of(createArticle(one, title), createArticle(one, title), createArticle(two, title));
        assertEquals(base, slugs.get(0));
        assertEquals(3, new HashSet<>(slugs).size());
        for (String slug : slugs) {
            assertTrue(slug.startsWith(base) && slug.matches(SLUG), slug);
            anonymous().get("/api/articles/{slug}", slug).then().statusCode(200).body("article.title", equalTo(title));
        }
    }

    @Test
    void makesAUrlSafeSlugForTitlesWithoutAsciiLetters() {
        User author = users.addUser("nonascii");
        String title = "日本語のタイトル 🐉 ———";
        String first = createArticle(author, title);
        String second = createArticle(author, title);
        assertTrue(first.matches(SLUG) && second.matches(SLUG));
        assertNotEquals(first, second);
        anonymous().get("/api/articles/{slug}", first).then().statusCode(200).body("article.title", equalTo(title));
    }

    @Test
    void neverHandsOutTheSlugOfTheFeedRoute() {
        User author = users.addUser("feeder");
        String slug = createArticle(author, "Feed");
        assertTrue(slug.startsWith("feed-"), slug);
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200).body("article.title", equalTo("Feed"));
    }

    /**
     * Deterministic version of the race: another transaction has inserted the slug but not committed, so
     * the check sees it free, the insert waits on the unique index (blocked by that transaction) and then fails
     * once it commits; the retry takes a suffix.
     */
    @Test
    void retriesWithASuffixWhenAParallelRequestTakesTheSlugFirst() throws Exception {
        User author = users.addUser("contender");
        String title = unique("Contended title ");
        String base = title.toLowerCase().replace(' ', '-');
        Response res = whileAnotherTransactionHolds("INSERT INTO articles"
                + " (slug, title, description, body, author_id, created_at, updated_at)"
                + " VALUES (?, ?, 'd', 'b', ?, now(), now())", base, title, author.id())
                .send(() -> as(author).body(wrap("article", article(title))).when().post("/api/articles"));
        assertEquals(201, res.statusCode(), res.asString());
        String slug = res.path("article.slug");
        assertTrue(slug.startsWith(base + "-") && slug.matches(SLUG), slug);
    }

    @Test
    void createsFiveArticlesWithOneTitleAtOnce() throws Exception {
        User author = users.addUser("racer");
        String title = unique("Racing title ");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(() -> as(author).body(wrap("article", article(title))).when().post("/api/articles"));
            }
            List<String> slugs = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response res = f.get();
                assertEquals(201, res.statusCode(), res.asString());
                slugs.add(res.path("article.slug"));
            }
            assertEquals(5, new HashSet<>(slugs).size(), slugs.toString());
            assertTrue(slugs.contains(title.toLowerCase().replace(' ', '-')), slugs.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
