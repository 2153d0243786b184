package io.conduit.posts.comment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import io.conduit.common.SqlRows;

/**
 * A comment on an article, read and written through {@link CommentRepository}. Ids come from one sequence, so they
 * are unique across all articles. A comment never changes once written.
 */
public record Comment(long id, long articleId, long authorId, String body, Instant createdAt, Instant updatedAt) {

    static Comment of(ResultSet row) throws SQLException {
        return new Comment(row.getLong("id"), row.getLong("article_id"), row.getLong("author_id"), row.getString("body"),
                SqlRows.instant(row, "created_at"), SqlRows.instant(row, "updated_at"));
    }
}
