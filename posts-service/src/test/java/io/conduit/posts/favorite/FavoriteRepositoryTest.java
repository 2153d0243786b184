package io.conduit.posts.favorite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.conduit.common.ApiError;
import io.conduit.posts.testing.FakeUsersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Favoriting below the resource's checks: an article deleted between the caller's lookup and the insert (here, one that
 * never existed stands for it) is refused by the foreign key, and that answers 404, not a database error.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class FavoriteRepositoryTest {

    @Inject
    FavoriteRepository favorites;

    @Test
    void aVanishedArticleIsNotFound() {
        ApiError refused = assertThrows(ApiError.class, () -> favorites.add(800_000_000_000L, 1L));
        assertEquals(404, refused.status());
        assertEquals(ApiError.notFound("article").body(), refused.body());
    }
}
