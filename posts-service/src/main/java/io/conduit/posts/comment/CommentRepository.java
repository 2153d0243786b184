package io.conduit.posts.comment;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The comments of an article, and their writes. */
@ApplicationScoped
public class CommentRepository {

    @Inject
    EntityManager em;

    /** Newest first; ties go to the higher id. */
    List<Comment> ofArticle(long articleId) {
        return em.createQuery("from Comment where articleId = :article order by createdAt desc, id desc", Comment.class)
                .setParameter("article", articleId)
                .getResultList();
    }

    Optional<Comment> findById(long id) {
        return Optional.ofNullable(em.find(Comment.class, id));
    }

    /** Inserts now, inside the caller's transaction, so that an article deleted meanwhile fails here. */
    void insert(Comment comment) {
        em.persist(comment);
        em.flush();
    }

    /**
     * A statement rather than an entity removal: when identical deletes race, the later ones find the row
     * already gone and delete nothing, instead of failing the optimistic row-count check.
     */
    void delete(long id) {
        em.createQuery("delete from Comment where id = :id").setParameter("id", id).executeUpdate();
    }
}
