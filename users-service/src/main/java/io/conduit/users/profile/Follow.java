package io.conduit.users.profile;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One user following another. Written only through {@link FollowRepository}'s idempotent statements. */
@Entity
@Table(name = "follows")
public class Follow extends PanacheEntityBase {

    @EmbeddedId
    public Key id;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "follower_id")
        public long followerId;

        @Column(name = "followee_id")
        public long followeeId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.followerId == followerId && k.followeeId == followeeId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(followerId, followeeId);
        }
    }

    public static boolean exists(long followerId, long followeeId) {
        return count("id.followerId = ?1 and id.followeeId = ?2", followerId, followeeId) > 0;
    }

    /** Of {@code candidates}, the ones {@code followerId} follows: one query for a whole page of authors. */
    public static Set<Long> followedAmong(long followerId, Collection<Long> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        List<Long> ids = getEntityManager()
                .createQuery("select f.id.followeeId from Follow f where f.id.followerId = :follower"
                        + " and f.id.followeeId in :candidates", Long.class)
                .setParameter("follower", followerId)
                .setParameter("candidates", candidates)
                .getResultList();
        return new HashSet<>(ids);
    }

    public static List<Long> followeesOf(long followerId) {
        return getEntityManager()
                .createQuery("select f.id.followeeId from Follow f where f.id.followerId = :follower", Long.class)
                .setParameter("follower", followerId)
                .getResultList();
    }
}
