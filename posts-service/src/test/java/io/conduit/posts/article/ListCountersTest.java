package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.wrap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.conduit.common.SqlRows;
import io.conduit.posts.testing.FakeUsersResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The unfiltered and tag-filtered totals and GET /api/tags read counters that triggers keep, each split into
 * shard rows that are summed on read (V3 migration). These tests compare them with real counts after creates,
 * retags, deletes and parallel writes whose tag sets cross, and check that such parallel writes never deadlock
 * and are never run again.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ListCountersTest {

    @InjectFakeUsers
    FakeUsersService users;

    @Inject
    DataSource db;

    @Inject
    MeterRegistry registry;

    private static long total(String query) {
        return anonymous().get("/api/articles" + query).then().statusCode(200).extract().jsonPath().getLong("articlesCount");
    }

    private long counted(String sql) {
        return SqlRows.single(db, sql, row -> row.getLong(1));
    }

    private void assertCountersMatchRows() {
        assertEquals(counted("SELECT count(*) FROM articles"), total(""), "unfiltered total");
        assertEquals(0, counted("SELECT count(*) FROM tags t"
                + " WHERE coalesce((SELECT sum(articles) FROM article_counts c WHERE c.tag_id = t.id), 0)"
                + " <> (SELECT count(*) FROM article_tags at WHERE at.tag_id = t.id)"), "tags whose counter is off");
        assertEquals(0, counted("SELECT count(*) FROM article_counts c WHERE c.tag_id > 0"
                + " AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.id = c.tag_id)"), "counters of no tag");
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    /** Article writes run again so far (they are retried only when a parallel write took the same slug first). */
    private double retries() {
        return registry.find(ArticleService.RETRIES).counters().stream().mapToDouble(Counter::count).sum();
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

    /**
     * Item 3 of issue 15: creates, retags and deletes all at once, whose tag sets cross in every order, on more
     * connections than the pool has. With V2's counters some of them deadlocked (and were run again); now every
     * one succeeds the first time (no write was run again, and a deadlock would now be a failed request), and the
     * counters are still exact.
     */
    @Test
    void manyParallelWritesWithCrossingTagOrdersNeitherDeadlockNorRetry() throws Exception {
        User author = users.addUser("crowd");
        List<String> tags = List.of(unique("x-a"), unique("x-b"), unique("x-c"), unique("x-d"));
        List<List<String>> orders = List.of(tags, reversed(tags), List.of(tags.get(1), tags.get(3), tags.get(0), tags.get(2)),
                List.of(tags.get(2), tags.get(0), tags.get(3)), List.of(tags.get(3), tags.get(1)));
        int creates = 32;
        int others = 16;
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 2 * others; i++) {
            existing.add(createArticle(author, unique("Existing "), orders.get(i % orders.size()).toArray(String[]::new)));
        }
        double retriesBefore = retries();

        List<Callable<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < creates; i++) {
            List<String> order = orders.get(i % orders.size());
            writes.add(() -> as(author).body(wrap("article", article(unique("Crowd "), order.toArray(String[]::new))))
                    .post("/api/articles").statusCode());
        }
        for (int i = 0; i < others; i++) {
            String retagged = existing.get(i);
            List<String> order = reversed(orders.get((i + 2) % orders.size()));
            writes.add(() -> as(author).body(wrap("article", Map.of("tagList", order))).put("/api/articles/" + retagged).statusCode());
            String deleted = existing.get(others + i);
            writes.add(() -> as(author).delete("/api/articles/" + deleted).statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(writes.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> write : writes) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return write.call();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(creates, statuses.stream().filter(s -> s == 201).count(), "every create succeeds: " + statuses);
        assertEquals(others, statuses.stream().filter(s -> s == 200).count(), "every retag succeeds: " + statuses);
        assertEquals(others, statuses.stream().filter(s -> s == 204).count(), "every delete succeeds: " + statuses);
        assertEquals(retriesBefore, retries(), "no write was run again");
        for (String tag : tags) {
            assertEquals(counted("SELECT count(*) FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE name = '" + tag + "')"),
                    total("?tag=" + tag), tag);
        }
        assertCountersMatchRows();
    }
}
