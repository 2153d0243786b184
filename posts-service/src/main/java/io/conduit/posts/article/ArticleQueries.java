package io.conduit.posts.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.conduit.common.SqlArrays;
import io.conduit.common.SqlRows;

/**
 * Reading articles. A list costs one statement for the page and one for the total, whatever the filters; its rows
 * carry only what a list item shows, never the body. One article costs one statement with its tags and favorites.
 * Filter values are bound parameters compared with {@code =}, so {@code %}, {@code _} and quotes are ordinary characters.
 */
@ApplicationScoped
class ArticleQueries {

    /** The columns of a list item, read by name. */
    record Row(long id, String slug, String title, String description, long authorId, Instant createdAt, Instant updatedAt) {
        static Row of(ResultSet row) throws SQLException {
            return new Row(row.getLong("id"), row.getString("slug"), row.getString("title"), row.getString("description"),
                    row.getLong("author_id"), SqlRows.instant(row, "created_at"), SqlRows.instant(row, "updated_at"));
        }
    }

    /** An article as its own page shows it, but for the author's profile. */
    record Shown(long id, String slug, String title, String description, String body, long authorId, Instant createdAt,
            Instant updatedAt, List<String> tags, long favorites, boolean favorited) {
        static Shown of(ResultSet row) throws SQLException {
            String[] tags = (String[]) row.getArray("tags").getArray();
            Arrays.sort(tags);
            return new Shown(row.getLong("id"), row.getString("slug"), row.getString("title"), row.getString("description"),
                    row.getString("body"), row.getLong("author_id"), SqlRows.instant(row, "created_at"),
                    SqlRows.instant(row, "updated_at"), List.of(tags), row.getLong("favorites"), row.getBoolean("favorited"));
        }
    }

    /** Filters that combine with AND; a null field does not filter. */
    record Filter(String tag, Long authorId, Long favoritedBy, List<Long> authorIn) {
        static Filter none() {
            return new Filter(null, null, null, null);
        }

        Filter withTag(String value) {
            return new Filter(value, authorId, favoritedBy, authorIn);
        }

        Filter withAuthor(long value) {
            return new Filter(tag, value, favoritedBy, authorIn);
        }

        Filter withFavoritedBy(long value) {
            return new Filter(tag, authorId, value, authorIn);
        }

        Filter withAuthorIn(List<Long> value) {
            return new Filter(tag, authorId, favoritedBy, List.copyOf(value));
        }
    }

    @Inject
    DataSource db;

    /**
     * The number of matches. The unfiltered and the tag-only totals are counters kept by triggers (V3
     * migration), each the sum of its 16 shard rows, so they cost the same whatever the table size; other
     * filters count their matches.
     */
    long count(Filter filter) {
        if (filter.equals(Filter.none())) {
            return total("SELECT CAST(sum(articles) AS bigint) FROM article_counts WHERE tag_id = 0");
        }
        if (filter.equals(Filter.none().withTag(filter.tag()))) {
            return total("SELECT CAST(coalesce(sum(articles), 0) AS bigint) FROM article_counts"
                    + " WHERE tag_id = (SELECT id FROM tags WHERE name = ?)", filter.tag());
        }
        return total("SELECT count(*)" + from(filter) + where(filter), parameters(filter).toArray());
    }

    /** Newest first, ties to the higher id, so paging is stable. {@code offset} counts matches, not pages. */
    List<Row> page(Filter filter, int limit, long offset) {
        List<Object> parameters = parameters(filter);
        parameters.add(limit);
        parameters.add(offset);
        return SqlRows.list(db, "SELECT a.id, a.slug, a.title, a.description, a.author_id,"
                        + " a.created_at, a.updated_at" + from(filter) + where(filter) + orderBy(filter) + " LIMIT ? OFFSET ?",
                Row::of, parameters.toArray());
    }

    /**
     * The article with this slug as {@code viewer} sees it: one statement, whose connection is free again before
     * users-service is asked about the author (SmallPoolTest).
     */
    Optional<Shown> shown(String slug, Optional<Long> viewer) {
        if (!ArticleRepository.canBeASlug(slug)) {
            return Optional.empty();
        }
        return SqlRows.list(db, "SELECT a.id, a.slug, a.title, a.description, a.body, a.author_id, a.created_at,"
                        + " a.updated_at,"
                        + " ARRAY(SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id)"
                        + " AS tags,"
                        + " (SELECT count(*) FROM favorites f WHERE f.article_id = a.id) AS favorites,"
                        + " EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = ?) AS favorited"
                        + " FROM articles a WHERE a.slug = ?",
                Shown::of, viewer.orElse(-1L), slug).stream().findFirst();
    }

    private long total(String sql, Object... parameters) {
        return SqlRows.single(db, sql, row -> row.getLong(1), parameters);
    }

    /** A tag's articles are read from its links, which carry the article's creation time and are indexed by it. */
    private static String from(Filter filter) {
        return filter.tag() == null ? " FROM articles a" : " FROM article_tags at JOIN articles a ON a.id = at.article_id";
    }

    private static String orderBy(Filter filter) {
        return filter.tag() == null
                ? " ORDER BY a.created_at DESC, a.id DESC"
                : " ORDER BY at.created_at DESC, at.article_id DESC";
    }

    private static String where(Filter filter) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        if (filter.tag() != null) {
            where.append(" AND at.tag_id = (SELECT id FROM tags WHERE name = ?)");
        }
        if (filter.authorId() != null) {
            where.append(" AND a.author_id = ?");
        }
        if (filter.favoritedBy() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = ?)");
        }
        if (filter.authorIn() != null) {
            // One array parameter however many authors the caller follows.
            where.append(" AND a.author_id = ANY (CAST(? AS bigint[]))");
        }
        return where.toString();
    }

    /** The values of {@link #where}'s placeholders, in its order. */
    private static List<Object> parameters(Filter filter) {
        List<Object> parameters = new ArrayList<>();
        if (filter.tag() != null) {
            parameters.add(filter.tag());
        }
        if (filter.authorId() != null) {
            parameters.add(filter.authorId());
        }
        if (filter.favoritedBy() != null) {
            parameters.add(filter.favoritedBy());
        }
        if (filter.authorIn() != null) {
            parameters.add(SqlArrays.bigints(filter.authorIn()));
        }
        return parameters;
    }
}
