package io.conduit.posts.favorite;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.conduit.common.ApiError;
import io.conduit.common.SqlArrays;
import io.conduit.common.SqlErrors;
import io.conduit.common.SqlRows;

/**
 * Favorites as single idempotent statements, so parallel identical requests all succeed and count once;
 * and the favorite counts and the caller's flags of a whole page in one query ({@link SqlRows}).
 */
@ApplicationScoped
public class FavoriteRepository {

    /** How many distinct users favorited an article, and whether the caller is one of them. */
    public record Stats(long count, boolean favorited) {
        public static final Stats NONE = new Stats(0, false);
    }

    @Inject
    EntityManager em;

    @Inject
    Session session;

    @Transactional
    public void add(long articleId, long userId) {
        try {
            em.createNativeQuery("INSERT INTO favorites (article_id, user_id) VALUES (:article, :user) ON CONFLICT DO NOTHING")
                    .setParameter("article", articleId)
                    .setParameter("user", userId)
                    .executeUpdate();
        } catch (PersistenceException e) {
            // The article was deleted between the lookup and this insert.
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw ApiError.notFound("article");
            }
            throw e;
        }
    }

    @Transactional
    public void remove(long articleId, long userId) {
        em.createNativeQuery("DELETE FROM favorites WHERE article_id = :article AND user_id = :user")
                .setParameter("article", articleId)
                .setParameter("user", userId)
                .executeUpdate();
    }

    /** Stats of each article that has any favorite; the others are {@link Stats#NONE}. */
    public Map<Long, Stats> stats(Collection<Long> articleIds, Optional<Long> viewer) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        List<Map.Entry<Long, Stats>> rows = SqlRows.list(session,
                "SELECT article_id, count(*) AS favorites, bool_or(user_id = ?) AS favorited"
                        + " FROM favorites WHERE article_id = ANY (CAST(? AS bigint[])) GROUP BY article_id",
                row -> Map.entry(row.getLong("article_id"), new Stats(row.getLong("favorites"), row.getBoolean("favorited"))),
                viewer.orElse(-1L), SqlArrays.bigints(articleIds));
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
