package io.conduit.posts.article;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

/**
 * An article, read and written through {@link ArticleRepository}. Lists never load this entity (they read the
 * columns they show, without the body, as {@link ArticleQueries.Row}); it serves the single-article endpoints and
 * the writes. Fields change only through its methods, so Hibernate's dirty tracking sees every change.
 */
@Entity
@Table(name = "articles")
@DynamicUpdate
public class Article {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String slug;

    private String title;

    private String description;

    private String body;

    @Column(name = "author_id")
    private long authorId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Article() {
    }

    /** A new article, created and last updated at {@code createdAt}. */
    Article(String slug, String title, String description, String body, long authorId, Instant createdAt) {
        this.slug = slug;
        this.title = title;
        this.description = description;
        this.body = body;
        this.authorId = authorId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public long id() {
        return id;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String body() {
        return body;
    }

    public long authorId() {
        return authorId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    void retitle(String title, String slug) {
        this.title = title;
        this.slug = slug;
    }

    void describe(String description) {
        this.description = description;
    }

    void rewrite(String body) {
        this.body = body;
    }

    void touch(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
