package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The unfiltered and tag-filtered totals and GET /api/tags read counters that triggers keep (V2
 * migration). These tests compare them with real counts after creates, retags, deletes and parallel
 * writes whose tag sets cross.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ListCountersTest {

    @InjectFakeUsers
    FakeUsersService users;

    @Inject
    EntityManager em;

    private static long total(String query) {
        return anonymous().get("/api/articles" + query).then().statusCode(200).extract().jsonPath().getLong("articlesCount");
    }

    private long counted(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private void assertCountersMatchRows() {
        assertEquals(counted("SELECT count(*) FROM articles"), total(""), "unfiltered total");
        assertEquals(0, counted("SELECT count(*) FROM tags t WHERE article_count"
                + " <> (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id)"), "tags whose counter is off");
    }

    @Test
    void totalsFollowCreatesRetagsAndDeletes() {
        User author = users.addUser("counter");
        String tag = unique("counted");
        long before = total("");
        String first = createArticle(author, unique("C "), tag);
        String second = createArticle(author, unique("C "), tag, unique("other"));
        createArticle(author, unique("C "));
        assertEquals(before + 3, total(""));
        assertEquals(2, total("?tag=" + tag));

        as(author).body(wrap("article", Map.of("tagList", List.of()))).put("/api/articles/" + second).then().statusCode(200);
        assertEquals(1, total("?tag=" + tag));
        // Deleting the article removes its links through ON DELETE CASCADE, which must count too.
        as(author).delete("/api/articles/" + first).then().statusCode(204);
        assertEquals(0, total("?tag=" + tag));
        assertEquals(before + 2, total(""));
        assertEquals(0, total("?tag=" + unique("never-used")));
        assertCountersMatchRows();
    }

    @Test
    void tagFilterCombinedWithAuthorCountsMatches() {
        User author = users.addUser("combo");
        User other = users.addUser("combo");
        String tag = unique("combined");
        createArticle(author, unique("C "), tag);
        createArticle(other, unique("C "), tag);
        createArticle(other, unique("C "), tag);
        var page = anonymous().get("/api/articles?tag=" + tag + "&author=" + other.username()).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, page.getLong("articlesCount"));
        assertEquals(List.of(other.username(), other.username()), page.getList("articles.author.username"));
    }

    @Test
    void parallelWritesWithCrossingTagSetsLoseNothing() throws Exception {
        User author = users.addUser("racer");
        String a = unique("cross-a");
        String b = unique("cross-b");
        String c = unique("cross-c");
        int writers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                List<String> tags = i % 2 == 0 ? List.of(a, b, c) : List.of(c, b, a);
                statuses.add(pool.submit(() -> as(author)
                        .body(wrap("article", article(unique("Race "), tags.toArray(String[]::new))))
                        .post("/api/articles").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(201, status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers, total("?tag=" + a));
        assertEquals(writers, total("?tag=" + c));
        assertCountersMatchRows();
    }
}
