package io.conduit.posts.comment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A comment on an article, read and written through {@link CommentRepository}. Ids come from one sequence, so they
 * are unique across all articles. A comment never changes once written.
 */
@Entity
@Table(name = "comments")
public class Comment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "article_id")
    private long articleId;

    @Column(name = "author_id")
    private long authorId;

    private String body;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Comment() {
    }

    Comment(long articleId, long authorId, String body, Instant createdAt) {
        this.articleId = articleId;
        this.authorId = authorId;
        this.body = body;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public long id() {
        return id;
    }

    public long articleId() {
        return articleId;
    }

    public long authorId() {
        return authorId;
    }

    public String body() {
        return body;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
