package io.conduit.posts.article;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.conduit.common.ApiError;
import io.conduit.common.Validation;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An article. Lists never load this entity (they read the columns they show, without the body);
 * it serves the single-article endpoints and the writes.
 */
@Entity
@Table(name = "articles")
@DynamicUpdate
public class Article extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;

    public String title;

    public String description;

    public String body;

    @Column(name = "author_id")
    public long authorId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The article with this slug. Every lookup by slug goes through here or {@link #requireIdBySlug}: a value
     * PostgreSQL cannot store (U+0000, an unpaired surrogate) can name no article, so it never reaches the database.
     */
    public static Optional<Article> findBySlug(String slug) {
        if (!canBeASlug(slug)) {
            return Optional.empty();
        }
        return find("slug", slug).firstResultOptional();
    }

    public static Article requireBySlug(String slug) {
        return findBySlug(slug).orElseThrow(() -> ApiError.notFound("article"));
    }

    /** The id of the article with this slug (else 404), without loading its body. */
    public static long requireIdBySlug(String slug) {
        if (!canBeASlug(slug)) {
            throw ApiError.notFound("article");
        }
        return getEntityManager().createQuery("select a.id from Article a where a.slug = :slug", Long.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("article"));
    }

    private static boolean canBeASlug(String slug) {
        return slug != null && Validation.isCleanText(slug);
    }

    public static boolean slugTaken(String slug) {
        return count("slug", slug) > 0;
    }
}
