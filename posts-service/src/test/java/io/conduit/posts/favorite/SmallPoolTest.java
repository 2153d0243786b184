package io.conduit.posts.favorite;

import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.conduit.common.testing.SettingsProfile;
import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * More requests at once than the pool has connections: each must still get its turn. A request that read something
 * outside a transaction (the article, before asking users-service about the caller) must not keep that connection
 * while its write waits for one, or a few such requests hold the whole pool and every write times out (503) waiting
 * for a connection; {@code make bench} saw it at 16 connections with a pool of 16.
 */
@QuarkusTest
@TestProfile(SmallPoolTest.TwoConnections.class)
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SmallPoolTest {

    public static class TwoConnections extends SettingsProfile {
        public TwoConnections() {
            super("quarkus.datasource.jdbc.max-size", "2");
        }
    }

    private static final int AT_ONCE = 12;

    @InjectFakeUsers
    FakeUsersService users;

    @Test
    void favoritesFromMoreCallersThanConnectionsAllSucceed() throws Exception {
        User author = users.addUser("author");
        String slug = createArticle(author);
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                User fan = users.addUser("fan");
                calls.add(() -> as(fan).post("/api/articles/" + slug + "/favorite"));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get().statusCode(), f.get().asString());
            }
        } finally {
            pool.shutdownNow();
        }
        anonymous().get("/api/articles/" + slug).then().body("article.favoritesCount", equalTo(AT_ONCE));
    }
}
