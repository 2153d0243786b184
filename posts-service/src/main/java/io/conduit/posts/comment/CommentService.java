package io.conduit.posts.comment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.SqlErrors;
import io.conduit.common.SqlFailure;
import io.conduit.posts.comment.CommentDtos.CommentBody;
import io.conduit.posts.comment.CommentDtos.NewComment;
import io.conduit.posts.comment.CommentRepository.Listed;
import io.conduit.posts.common.Timestamps;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Comments of an article: one statement and one users-service call for a whole list. */
@ApplicationScoped
public class CommentService {

    @Inject
    UsersDirectory users;

    @Inject
    CommentRepository comments;

    /** The comments of the article with this slug (else 404), newest first. */
    public List<CommentBody> list(String slug, Optional<Long> viewer) {
        List<Listed> list = comments.ofArticle(slug).orElseThrow(() -> ApiError.notFound("article"));
        Set<Long> authorIds = list.stream().map(Listed::authorId).collect(Collectors.toSet());
        Map<Long, Profile> authors = users.profiles(authorIds, viewer);
        return list.stream()
                .map(c -> new CommentBody(c.id(), c.createdAt(), c.updatedAt(), c.body(),
                        authors.getOrDefault(c.authorId(), Profile.UNKNOWN)))
                .toList();
    }

    /**
     * {@code author} is the caller's profile, fetched before the write ({@link UsersDirectory#caller}); {@code input}
     * has been checked ({@link io.conduit.common.RequestBodies}).
     */
    public CommentBody add(long articleId, long authorId, Profile author, NewComment input) {
        Comment comment = QuarkusTransaction.requiringNew().call(() -> insert(articleId, authorId, input.body()));
        return CommentBody.of(comment, author);
    }

    private Comment insert(long articleId, long authorId, String body) {
        try {
            return comments.insert(articleId, authorId, body, Timestamps.now());
        } catch (SqlFailure e) {
            // The article was deleted between the lookup and this insert.
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw ApiError.notFound("article");
            }
            throw e;
        }
    }

    /**
     * Deletes the caller's own comment. A non-numeric or unknown id, or the id of another article's
     * comment, is 404; someone else's comment is 403, even for the article's author.
     */
    @Transactional
    public void delete(long articleId, String commentId, long userId) {
        Comment comment = parseId(commentId).flatMap(comments::findById)
                .filter(c -> c.articleId() == articleId)
                .orElseThrow(() -> ApiError.notFound("comment"));
        if (comment.authorId() != userId) {
            throw ApiError.forbidden("comment");
        }
        comments.delete(comment.id());
    }

    private static Optional<Long> parseId(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }
}
