package io.conduit.posts.tag;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.conduit.common.SqlArrays;
import io.conduit.common.SqlRows;

/**
 * Tags are rows shared by name and linked to articles through {@code article_tags}. Everything here is
 * one statement whatever the number of articles or tags, and writes are race-safe upserts. Everything is plain JDBC
 * ({@link SqlRows}), each column read by name; a list of names is one text-array parameter, so each SQL text is the
 * same whatever the number of tags.
 */
@ApplicationScoped
public class TagRepository {

    /** A tag and the number of articles that carry it. */
    record TagUse(String name, long articles) {
        static TagUse of(ResultSet row) throws SQLException {
            return new TagUse(row.getString("name"), row.getLong("articles"));
        }
    }

    @Inject
    DataSource db;

    /** The tag names of each article, sorted by plain string comparison; articles without tags are absent. */
    public Map<Long, List<String>> namesByArticle(Collection<Long> articleIds) {
        if (articleIds.isEmpty()) {
            return Map.of();
        }
        record Link(long articleId, String name) {
        }
        List<Link> rows = SqlRows.list(db, "SELECT at.article_id, t.name FROM article_tags at"
                        + " JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ANY (CAST(? AS bigint[]))",
                row -> new Link(row.getLong("article_id"), row.getString("name")), SqlArrays.bigints(articleIds));
        Map<Long, List<String>> names = new HashMap<>();
        for (Link row : rows) {
            names.computeIfAbsent(row.articleId(), k -> new ArrayList<>()).add(row.name());
        }
        names.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        return names;
    }

    /**
     * Makes {@code names} the article's whole tag set. Runs inside the caller's transaction. The links' counters
     * (V3 migration) are kept by triggers; the DELETE comes first, even for a new article, so that its trigger
     * takes the transaction's counter shard before any new tag name is inserted (the order every write keeps).
     */
    public void replace(long articleId, Collection<String> names) {
        SqlRows.update(db, "DELETE FROM article_tags WHERE article_id = ?", articleId);
        if (names.isEmpty()) {
            return;
        }
        // Sorted, so that two requests creating the same new tags wait for each other in the same order: the
        // rows are inserted in the array's order (WITH ORDINALITY keeps it).
        String[] distinct = names.stream().distinct().sorted().toArray(String[]::new);
        // A tag another request is creating right now is waited for, then reused: never a duplicate-key error.
        SqlRows.update(db, "INSERT INTO tags (name)"
                + " SELECT n.name FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS n (name, i) ORDER BY n.i"
                + " ON CONFLICT (name) DO NOTHING", (Object) distinct);
        SqlRows.update(db, "INSERT INTO article_tags (article_id, tag_id, created_at)"
                + " SELECT a.id, t.id, a.created_at FROM articles a, tags t"
                + " WHERE a.id = ? AND t.name = ANY (CAST(? AS text[]))", articleId, distinct);
    }

    /**
     * Every tag at least one article carries, most used first, then by name. The counts are the sums of the
     * tag's counter shards (V3 migration), kept by triggers on {@code article_tags}: this reads at most 16 rows
     * per tag, however many articles there are, and a tag whose last article is gone is not shown.
     */
    public List<String> inUse() {
        List<TagUse> rows = SqlRows.list(db, "SELECT t.name, n.articles FROM"
                        + " (SELECT tag_id, CAST(sum(articles) AS bigint) AS articles FROM article_counts"
                        + " WHERE tag_id > 0 GROUP BY tag_id HAVING sum(articles) > 0) n"
                        + " JOIN tags t ON t.id = n.tag_id", TagUse::of);
        // Sorted here so that ties follow String.compareTo, not the database collation.
        return rows.stream()
                .sorted(Comparator.comparingLong(TagUse::articles).reversed().thenComparing(TagUse::name))
                .map(TagUse::name)
                .toList();
    }
}
