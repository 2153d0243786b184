package io.conduit.posts.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.conduit.common.SqlRows;

/**
 * An article as stored, read and written through {@link ArticleRepository}. Lists never read it (they read the
 * columns they show, without the body, as {@link ArticleQueries.Row}); it serves the single-article endpoints and
 * the writes. A value: a change is a new article ({@link #with}) that the repository writes.
 */
public record Article(long id, String slug, String title, String description, String body, long authorId,
        Instant createdAt, Instant updatedAt) {

    /** The columns {@link #of} reads: what every SELECT of one article asks for. */
    static final String COLUMNS = "id, slug, title, description, body, author_id, created_at, updated_at";

    /** A new article, not stored yet (its id is 0), created and last updated at {@code createdAt}. */
    static Article draft(String slug, String title, String description, String body, long authorId, Instant createdAt) {
        return new Article(0, slug, title, description, body, authorId, createdAt, createdAt);
    }

    static Article of(ResultSet row) throws SQLException {
        return new Article(row.getLong("id"), row.getString("slug"), row.getString("title"), row.getString("description"),
                row.getString("body"), row.getLong("author_id"), SqlRows.instant(row, "created_at"),
                SqlRows.instant(row, "updated_at"));
    }

    /** This article with the id the database gave it. */
    Article withId(long id) {
        return new Article(id, slug, title, description, body, authorId, createdAt, updatedAt);
    }

    /** This article with the fields an update sets; a null keeps the field as it is. */
    Article with(String slug, String title, String description, String body, Instant updatedAt) {
        return new Article(id, slug == null ? this.slug : slug, title == null ? this.title : title,
                description == null ? this.description : description, body == null ? this.body : body, authorId,
                createdAt, updatedAt);
    }
}
