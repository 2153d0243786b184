package io.conduit.posts.favorite;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;

import io.conduit.common.ApiError;
import io.conduit.common.PairTable;
import io.conduit.common.SqlArrays;
import io.conduit.common.SqlRows;

/**
 * Favorites ({@code favorites}, a {@link PairTable}: who favorited which article) as single idempotent statements, so
 * parallel identical requests all succeed and count once; and the favorite counts and the caller's flags of a whole
 * page in one query ({@link SqlRows}).
 */
@ApplicationScoped
public class FavoriteRepository {

    private static final PairTable FAVORITES = new PairTable("favorites", "article_id", "user_id");

    /** How many distinct users favorited an article, and whether the caller is one of them. */
    public record Stats(long count, boolean favorited) {
        public static final Stats NONE = new Stats(0, false);
    }

    @Inject
    DataSource db;

    /** An article deleted since the caller looked it up is not found. */
    @Transactional
    public void add(long articleId, long userId) {
        FAVORITES.add(db, articleId, userId, vanished -> ApiError.notFound("article"));
    }

    @Transactional
    public void remove(long articleId, long userId) {
        FAVORITES.remove(db, articleId, userId);
    }

    /** Stats of each article that has any favorite; the others are {@link Stats#NONE}. */
    public Map<Long, Stats> stats(Collection<Long> articleIds, Optional<Long> viewer) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        List<Map.Entry<Long, Stats>> rows = SqlRows.list(db,
                "SELECT article_id, count(*) AS favorites, bool_or(user_id = ?) AS favorited"
                        + " FROM favorites WHERE article_id = ANY (CAST(? AS bigint[])) GROUP BY article_id",
                row -> Map.entry(row.getLong("article_id"), new Stats(row.getLong("favorites"), row.getBoolean("favorited"))),
                viewer.orElse(-1L), SqlArrays.bigints(articleIds));
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
