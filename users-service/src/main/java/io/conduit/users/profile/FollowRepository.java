package io.conduit.users.profile;

import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.conduit.common.ApiError;
import io.conduit.common.SqlErrors;
import io.conduit.common.SqlRows;

/**
 * Who follows whom ({@code follows}, which has no entity: a row is only ever inserted or deleted). Follow and
 * unfollow are single idempotent statements, so parallel identical requests all succeed and never race into a
 * duplicate-key error; reads are plain JDBC ({@link SqlRows}).
 */
@ApplicationScoped
public class FollowRepository {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Inject
    EntityManager em;

    @Inject
    Session session;

    /**
     * Callers check that both users exist first; should one vanish in between, the foreign key answers:
     * a follower that is gone is the caller's token naming nobody (401), a followee that is gone is not found.
     */
    @Transactional
    public void follow(long followerId, long followeeId) {
        try {
            em.createNativeQuery("INSERT INTO follows (follower_id, followee_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                    .setParameter(1, followerId)
                    .setParameter(2, followeeId)
                    .executeUpdate();
        } catch (PersistenceException e) {
            SQLException missing = SqlErrors.find(e, FOREIGN_KEY_VIOLATION);
            if (missing == null) {
                throw e;
            }
            throw String.valueOf(missing.getMessage()).contains("follower_id")
                    ? ApiError.unknownCaller()
                    : ApiError.notFound("profile");
        }
    }

    @Transactional
    public void unfollow(long followerId, long followeeId) {
        em.createNativeQuery("DELETE FROM follows WHERE follower_id = ?1 AND followee_id = ?2")
                .setParameter(1, followerId)
                .setParameter(2, followeeId)
                .executeUpdate();
    }

    public boolean exists(long followerId, long followeeId) {
        return SqlRows.single(session,
                "SELECT EXISTS (SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = ?)",
                row -> row.getBoolean(1), followerId, followeeId);
    }

    public List<Long> followeesOf(long followerId) {
        return SqlRows.list(session, "SELECT followee_id FROM follows WHERE follower_id = ?",
                row -> row.getLong("followee_id"), followerId);
    }
}
