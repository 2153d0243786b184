package io.conduit.posts.comment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import io.conduit.common.SqlRows;
import io.conduit.posts.article.ArticleRepository;

/** The comments of an article, and their writes. */
@ApplicationScoped
public class CommentRepository {

    /** A comment as a list shows it, but for its author's profile. */
    record Listed(long id, long authorId, String body, Instant createdAt, Instant updatedAt) {
    }

    @Inject
    DataSource db;

    /**
     * The comments of the article with this slug, newest first (ties to the higher id), or empty when there is no
     * such article. One statement, whose connection is free again before users-service is asked about the authors.
     */
    Optional<List<Listed>> ofArticle(String slug) {
        if (!ArticleRepository.canBeASlug(slug)) {
            return Optional.empty();
        }
        // One row per comment; an article without comments is one row whose comment columns are null.
        List<Optional<Listed>> rows = SqlRows.list(db, "SELECT c.id, c.author_id, c.body, c.created_at, c.updated_at"
                        + " FROM articles a LEFT JOIN comments c ON c.article_id = a.id"
                        + " WHERE a.slug = ? ORDER BY c.created_at DESC, c.id DESC",
                row -> {
                    long id = row.getLong("id");
                    return row.wasNull() ? Optional.empty() : Optional.of(new Listed(id, row.getLong("author_id"),
                            row.getString("body"), SqlRows.instant(row, "created_at"), SqlRows.instant(row, "updated_at")));
                },
                slug);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.stream().flatMap(Optional::stream).toList());
    }

    Optional<Comment> findById(long id) {
        return SqlRows.list(db, "SELECT id, article_id, author_id, body, created_at, updated_at FROM comments WHERE id = ?",
                Comment::of, id).stream().findFirst();
    }

    /**
     * Inserts now, inside the caller's transaction, so that an article deleted meanwhile fails here (a foreign key
     * violation); answers the comment with the id PostgreSQL gave it.
     */
    Comment insert(long articleId, long authorId, String body, Instant createdAt) {
        long id = SqlRows.single(db, "INSERT INTO comments (article_id, author_id, body, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING id", row -> row.getLong(1), articleId, authorId, body, createdAt, createdAt);
        return new Comment(id, articleId, authorId, body, createdAt, createdAt);
    }

    /**
     * Deletes by id: when identical deletes race, the later ones find the row already gone and delete nothing, so
     * they succeed too.
     */
    void delete(long id) {
        SqlRows.update(db, "DELETE FROM comments WHERE id = ?", id);
    }
}
