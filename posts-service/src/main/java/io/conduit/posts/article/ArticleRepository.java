package io.conduit.posts.article;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.Validation;

/**
 * Single articles by slug or id, and their writes. Every lookup by slug goes through here: a value PostgreSQL
 * cannot store (U+0000, an unpaired surrogate) can name no article, so it never reaches the database.
 */
@ApplicationScoped
public class ArticleRepository {

    @Inject
    EntityManager em;

    /**
     * In a short transaction of its own when the caller has none: a request reads the article before it asks
     * users-service about the caller and before its write, and a read outside a transaction would keep its connection
     * until the request ends while the write waits for another; a few such requests at once would hold the whole pool
     * (SmallPoolTest).
     */
    @Transactional
    public Optional<Article> findBySlug(String slug) {
        if (!canBeASlug(slug)) {
            return Optional.empty();
        }
        return em.createQuery("from Article where slug = :slug", Article.class)
                .setParameter("slug", slug)
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    public Article requireBySlug(String slug) {
        return findBySlug(slug).orElseThrow(() -> ApiError.notFound("article"));
    }

    /** The id of the article with this slug (else 404), without loading its body; transactional as {@link #findBySlug}. */
    @Transactional
    public long requireIdBySlug(String slug) {
        if (!canBeASlug(slug)) {
            throw ApiError.notFound("article");
        }
        return em.createQuery("select a.id from Article a where a.slug = :slug", Long.class)
                .setParameter("slug", slug)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("article"));
    }

    public boolean slugTaken(String slug) {
        return em.createQuery("select count(*) from Article where slug = :slug", Long.class)
                .setParameter("slug", slug)
                .getSingleResult() > 0;
    }

    public Optional<Article> findById(long id) {
        return Optional.ofNullable(em.find(Article.class, id));
    }

    /** Inserts now, inside the caller's transaction, so that a slug clash fails here (and is retried). */
    void insert(Article article) {
        em.persist(article);
        em.flush();
    }

    /** Writes the changes made to a loaded article now, inside the caller's transaction. */
    void flush() {
        em.flush();
    }

    /** Comments, favorites and tag links go with it (ON DELETE CASCADE). */
    void delete(long id) {
        em.createQuery("delete from Article where id = :id").setParameter("id", id).executeUpdate();
    }

    /** Whether {@code slug} could name an article at all: text PostgreSQL cannot store names none and is not sent. */
    public static boolean canBeASlug(String slug) {
        return slug != null && Validation.isCleanText(slug);
    }
}
