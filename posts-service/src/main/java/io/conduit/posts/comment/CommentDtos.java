package io.conduit.posts.comment;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.conduit.common.CleanText;
import io.conduit.posts.profile.Profile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of the comment endpoints. The one {@code @RegisterForReflection} covers every nested
 * type (a native build serializes them by reflection).
 */
@RegisterForReflection
public final class CommentDtos {

    private CommentDtos() {
    }

    static final int BODY_MAX = 10_000;

    /** The contract's rule for a comment (CONTRACT.md section 6), checked by {@link io.conduit.common.RequestBodies}. */
    public record NewComment(@NotBlank @CleanText @Size(max = BODY_MAX) String body) {
    }

    /** The body of {@code POST .../comments}, as the OpenAPI document shows it (the endpoint binds it late). */
    public record NewCommentRequest(@NotNull @Valid NewComment comment) {
    }

    public record CommentBody(long id, Instant createdAt, Instant updatedAt, String body, Profile author) {
        static CommentBody of(Comment comment, Profile author) {
            return new CommentBody(comment.id(), comment.createdAt(), comment.updatedAt(), comment.body(), author);
        }
    }

    public record CommentResponse(CommentBody comment) {
    }

    public record CommentList(List<CommentBody> comments) {
    }
}
