package io.conduit.posts.comment;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A comment on an article. Ids come from one sequence, so they are unique across all articles. */
@Entity
@Table(name = "comments")
public class Comment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "article_id")
    public long articleId;

    @Column(name = "author_id")
    public long authorId;

    public String body;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Newest first; ties go to the higher id. */
    public static List<Comment> ofArticle(long articleId) {
        return list("articleId = ?1 order by createdAt desc, id desc", articleId);
    }
}
