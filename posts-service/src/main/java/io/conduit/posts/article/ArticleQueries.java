package io.conduit.posts.article;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * The article lists: one statement for the page and one for the total, whatever the filters. Rows carry
 * only what a list item shows, never the body. Filter values are bound parameters compared with
 * {@code =}, so {@code %}, {@code _} and quotes are ordinary characters.
 */
@ApplicationScoped
class ArticleQueries {

    /** The columns of a list item, each declared with its Java type ({@link #page}) and read by name. */
    record Row(long id, String slug, String title, String description, long authorId, Instant createdAt, Instant updatedAt) {
        static Row of(Tuple row) {
            return new Row(row.get("id", Long.class), row.get("slug", String.class), row.get("title", String.class),
                    row.get("description", String.class), row.get("author_id", Long.class),
                    row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
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
    Session session;

    /**
     * The number of matches. The unfiltered and the tag-only totals are counters kept by triggers (V3
     * migration), each the sum of its 16 shard rows, so they cost the same whatever the table size; other
     * filters count their matches.
     */
    long count(Filter filter) {
        NativeQuery<Long> query;
        if (filter.equals(Filter.none())) {
            query = session.createNativeQuery("SELECT CAST(sum(articles) AS bigint) FROM article_counts WHERE tag_id = 0", Long.class);
        } else if (filter.equals(Filter.none().withTag(filter.tag()))) {
            query = session.createNativeQuery("SELECT CAST(coalesce(sum(articles), 0) AS bigint) FROM article_counts"
                    + " WHERE tag_id = (SELECT id FROM tags WHERE name = :tag)", Long.class);
            query.setParameter("tag", filter.tag());
        } else {
            query = session.createNativeQuery("SELECT count(*)" + from(filter) + where(filter), Long.class);
            bind(query, filter);
        }
        return query.getSingleResult();
    }

    /** Newest first, ties to the higher id, so paging is stable. {@code offset} counts matches, not pages. */
    List<Row> page(Filter filter, int limit, long offset) {
        NativeQuery<Tuple> query = session.createNativeQuery("SELECT a.id, a.slug, a.title, a.description, a.author_id,"
                        + " a.created_at, a.updated_at" + from(filter) + where(filter) + orderBy(filter) + " LIMIT :limit OFFSET :offset",
                        Tuple.class)
                .addScalar("id", Long.class)
                .addScalar("slug", String.class)
                .addScalar("title", String.class)
                .addScalar("description", String.class)
                .addScalar("author_id", Long.class)
                .addScalar("created_at", Instant.class)
                .addScalar("updated_at", Instant.class);
        bind(query, filter);
        query.setParameter("limit", limit);
        query.setParameter("offset", offset);
        return query.getResultList().stream().map(Row::of).toList();
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
            where.append(" AND at.tag_id = (SELECT id FROM tags WHERE name = :tag)");
        }
        if (filter.authorId() != null) {
            where.append(" AND a.author_id = :author");
        }
        if (filter.favoritedBy() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM favorites f WHERE f.article_id = a.id AND f.user_id = :fan)");
        }
        if (filter.authorIn() != null) {
            // One array parameter however many authors the caller follows.
            where.append(" AND a.author_id = ANY (CAST(:authors AS bigint[]))");
        }
        return where.toString();
    }

    private static void bind(Query query, Filter filter) {
        if (filter.tag() != null) {
            query.setParameter("tag", filter.tag());
        }
        if (filter.authorId() != null) {
            query.setParameter("author", filter.authorId());
        }
        if (filter.favoritedBy() != null) {
            query.setParameter("fan", filter.favoritedBy());
        }
        if (filter.authorIn() != null) {
            String array = filter.authorIn().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
            query.setParameter("authors", array);
        }
    }
}
