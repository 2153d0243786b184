package io.conduit.users.profile;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.SqlErrors;
import io.conduit.users.user.UserService;

/**
 * Follow and unfollow as single idempotent statements, so parallel identical requests all succeed
 * and never race into a duplicate-key error.
 */
@ApplicationScoped
public class FollowRepository {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    @Inject
    EntityManager em;

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
}
