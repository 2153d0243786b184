package io.conduit.users.profile;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.PairTable;
import io.conduit.common.SqlRows;

/**
 * Who follows whom ({@code follows}, a {@link PairTable}): follow and unfollow are single idempotent statements, so
 * parallel identical requests all succeed and never race into a duplicate-key error; reads are plain JDBC
 * ({@link SqlRows}).
 */
@ApplicationScoped
public class FollowRepository {

    private static final PairTable FOLLOWS = new PairTable("follows", "follower_id", "followee_id");

    @Inject
    DataSource db;

    /**
     * Callers check that both users exist first; should one vanish in between, the foreign key answers:
     * a follower that is gone is the caller's token naming nobody (401), a followee that is gone is not found.
     */
    @Transactional
    public void follow(long followerId, long followeeId) {
        FOLLOWS.add(db, followerId, followeeId, vanished -> String.valueOf(vanished.getMessage()).contains("follower_id")
                ? ApiError.unknownCaller()
                : ApiError.notFound("profile"));
    }

    @Transactional
    public void unfollow(long followerId, long followeeId) {
        FOLLOWS.remove(db, followerId, followeeId);
    }

    public boolean exists(long followerId, long followeeId) {
        return SqlRows.single(db,
                "SELECT EXISTS (SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = ?)",
                row -> row.getBoolean(1), followerId, followeeId);
    }

    public List<Long> followeesOf(long followerId) {
        return SqlRows.list(db, "SELECT followee_id FROM follows WHERE follower_id = ?",
                row -> row.getLong("followee_id"), followerId);
    }
}
