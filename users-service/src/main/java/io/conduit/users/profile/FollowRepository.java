package io.conduit.users.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Follow and unfollow as single idempotent statements, so parallel identical requests all succeed
 * and never race into a duplicate-key error.
 */
@ApplicationScoped
public class FollowRepository {

    @Inject
    EntityManager em;

    @Transactional
    public void follow(long followerId, long followeeId) {
        em.createNativeQuery("INSERT INTO follows (follower_id, followee_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, followerId)
                .setParameter(2, followeeId)
                .executeUpdate();
    }

    @Transactional
    public void unfollow(long followerId, long followeeId) {
        em.createNativeQuery("DELETE FROM follows WHERE follower_id = ?1 AND followee_id = ?2")
                .setParameter(1, followerId)
                .setParameter(2, followeeId)
                .executeUpdate();
    }
}
