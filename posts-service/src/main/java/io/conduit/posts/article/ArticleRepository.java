package io.conduit.posts.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.conduit.common.ApiError;
import io.conduit.common.SqlRows;
import io.conduit.common.Validation;

/**
 * Single articles by slug or id, and their writes. Every lookup by slug goes through here: a value PostgreSQL
 * cannot store (U+0000, an unpaired surrogate) can name no article, so it never reaches the database.
 */
@ApplicationScoped
public class ArticleRepository {

    private static final String BY_SLUG = "SELECT " + Article.COLUMNS + " FROM articles WHERE slug = ?";
    private static final String BY_ID = "SELECT " + Article.COLUMNS + " FROM articles WHERE id = ?";

    @Inject
    DataSource db;

    /**
     * One statement; outside a caller's transaction its connection is back in the pool when this returns, so a
     * request that reads the article before asking users-service and before its write never holds a connection while
     * it waits for another (SmallPoolTest).
     */
    public Optional<Article> findBySlug(String slug) {
        if (!canBeASlug(slug)) {
            return Optional.empty();
        }
        return SqlRows.list(db, BY_SLUG, Article::of, slug).stream().findFirst();
    }

    public Article requireBySlug(String slug) {
        return findBySlug(slug).orElseThrow(() -> ApiError.notFound("article"));
    }

    /** The id of the article with this slug (else 404), without reading its body. */
    public long requireIdBySlug(String slug) {
        if (!canBeASlug(slug)) {
            throw ApiError.notFound("article");
        }
        return SqlRows.list(db, "SELECT id FROM articles WHERE slug = ?", row -> row.getLong(1), slug).stream()
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("article"));
    }

    public boolean slugTaken(String slug) {
        return SqlRows.single(db, "SELECT EXISTS (SELECT 1 FROM articles WHERE slug = ?)", row -> row.getBoolean(1), slug);
    }

    public Optional<Article> findById(long id) {
        return SqlRows.list(db, BY_ID, Article::of, id).stream().findFirst();
    }

    /**
     * Inserts now, inside the caller's transaction, so that a slug clash fails here (and is retried); answers the
     * article with the id PostgreSQL gave it.
     */
    Article insert(Article draft) {
        long id = SqlRows.single(db, "INSERT INTO articles (slug, title, description, body, author_id, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", row -> row.getLong(1),
                draft.slug(), draft.title(), draft.description(), draft.body(), draft.authorId(), draft.createdAt(),
                draft.updatedAt());
        return draft.withId(id);
    }

    /**
     * Writes the columns whose values differ between {@code before} (as read, in the caller's transaction) and
     * {@code after}, and no other: two requests that change different fields of one article at once both keep their
     * change. 404 when the article is gone.
     */
    void update(Article before, Article after) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        changed(columns, values, "slug", before.slug(), after.slug());
        changed(columns, values, "title", before.title(), after.title());
        changed(columns, values, "description", before.description(), after.description());
        changed(columns, values, "body", before.body(), after.body());
        changed(columns, values, "updated_at", before.updatedAt(), after.updatedAt());
        if (columns.isEmpty()) {
            return;
        }
        values.add(before.id());
        // The column names are this class's constants, never input: a handful of distinct SQL texts.
        String sql = "UPDATE articles SET " + String.join(" = ?, ", columns) + " = ? WHERE id = ?";
        if (SqlRows.update(db, sql, values.toArray()) == 0) {
            throw ApiError.notFound("article");
        }
    }

    /** Comments, favorites and tag links go with it (ON DELETE CASCADE). */
    void delete(long id) {
        SqlRows.update(db, "DELETE FROM articles WHERE id = ?", id);
    }

    /** Whether {@code slug} could name an article at all: text PostgreSQL cannot store names none and is not sent. */
    public static boolean canBeASlug(String slug) {
        return slug != null && Validation.isCleanText(slug);
    }

    private static void changed(List<String> columns, List<Object> values, String column, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            columns.add(column);
            values.add(after);
        }
    }
}
