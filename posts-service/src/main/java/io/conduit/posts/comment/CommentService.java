package io.conduit.posts.comment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.SqlErrors;
import io.conduit.common.Validation;
import io.conduit.posts.comment.CommentDtos.CommentBody;
import io.conduit.posts.comment.CommentDtos.NewComment;
import io.conduit.posts.common.Timestamps;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Comments of an article: one statement and one users-service call for a whole list. */
@ApplicationScoped
public class CommentService {

    static final int BODY_MAX = 10_000;

    @Inject
    UsersDirectory users;

    public List<CommentBody> list(long articleId, Optional<Long> viewer) {
        List<Comment> comments = Comment.ofArticle(articleId);
        Set<Long> authorIds = comments.stream().map(c -> c.authorId).collect(Collectors.toSet());
        Map<Long, Profile> authors = users.profiles(authorIds, viewer);
        return comments.stream()
                .map(c -> CommentBody.of(c, authors.getOrDefault(c.authorId, Profile.UNKNOWN)))
                .toList();
    }

    /** {@code author} is the caller's profile, fetched before the write ({@link UsersDirectory#caller}). */
    public CommentBody add(long articleId, long authorId, Profile author, NewComment input) {
        Validation v = new Validation();
        v.required("body", input.body(), BODY_MAX);
        v.throwIfInvalid();
        Comment comment = QuarkusTransaction.requiringNew().call(() -> insert(articleId, authorId, input.body()));
        return CommentBody.of(comment, author);
    }

    private static Comment insert(long articleId, long authorId, String body) {
        Comment comment = new Comment();
        comment.articleId = articleId;
        comment.authorId = authorId;
        comment.body = body;
        comment.createdAt = Timestamps.now();
        comment.updatedAt = comment.createdAt;
        try {
            comment.persistAndFlush();
        } catch (PersistenceException e) {
            // The article was deleted between the lookup and this insert.
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw ApiError.notFound("article");
            }
            throw e;
        }
        return comment;
    }

    /**
     * Deletes the caller's own comment. A non-numeric or unknown id, or the id of another article's
     * comment, is 404; someone else's comment is 403, even for the article's author.
     */
    @Transactional
    public void delete(long articleId, String commentId, long userId) {
        // A lambda, not Comment::findById: a method reference would bind to the unenhanced PanacheEntityBase.
        Comment comment = parseId(commentId).map(id -> Comment.<Comment>findById(id))
                .filter(c -> c.articleId == articleId)
                .orElseThrow(() -> ApiError.notFound("comment"));
        if (comment.authorId != userId) {
            throw ApiError.forbidden("comment");
        }
        // A statement rather than an entity removal: when identical deletes race, the later ones find the row
        // already gone and delete nothing, instead of failing the optimistic row-count check.
        Comment.delete("id", comment.id);
    }

    private static Optional<Long> parseId(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }
}
