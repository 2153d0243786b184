package io.conduit.users.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.conduit.common.ApiError;
import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Following below the resources' checks: what the foreign keys answer when a user vanished between the caller's
 * lookup and the write (here, a user that never existed stands for one), and idempotence.
 */
@QuarkusTest
class FollowRepositoryTest {

    private static final long VANISHED = 800_000_000_000L;

    @Inject
    FollowRepository follows;

    @Test
    void aVanishedFolloweeIsNotFoundAndAVanishedFollowerIsAnUnknownCaller() {
        Account real = Accounts.register();
        ApiError followee = assertThrows(ApiError.class, () -> follows.follow(real.id(), VANISHED));
        assertEquals(404, followee.status());
        assertEquals(ApiError.notFound("profile").body(), followee.body());
        ApiError follower = assertThrows(ApiError.class, () -> follows.follow(VANISHED, real.id()));
        assertEquals(401, follower.status());
        assertEquals(ApiError.unknownCaller().body(), follower.body());
        assertTrue(follows.followeesOf(real.id()).isEmpty());
    }

    @Test
    void followingAndUnfollowingTwiceIsFollowingAndUnfollowingOnce() {
        Account fan = Accounts.register();
        Account star = Accounts.register();
        follows.follow(fan.id(), star.id());
        follows.follow(fan.id(), star.id());
        assertEquals(List.of(star.id()), follows.followeesOf(fan.id()));
        follows.unfollow(fan.id(), star.id());
        follows.unfollow(fan.id(), star.id());
        assertEquals(List.of(), follows.followeesOf(fan.id()));
    }
}
