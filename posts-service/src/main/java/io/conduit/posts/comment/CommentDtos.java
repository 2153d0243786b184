package io.conduit.posts.comment;

import java.time.Instant;
import java.util.List;

import io.conduit.posts.profile.Profile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of the comment endpoints. */
public final class CommentDtos {

    private CommentDtos() {
    }

    @RegisterForReflection
    public record NewComment(String body) {
    }

    /** The body of {@code POST .../comments}, as the OpenAPI document shows it (the endpoint binds it late). */
    @RegisterForReflection
    public record NewCommentRequest(NewComment comment) {
    }

    @RegisterForReflection
    public record CommentBody(long id, Instant createdAt, Instant updatedAt, String body, Profile author) {
        static CommentBody of(Comment comment, Profile author) {
            return new CommentBody(comment.id, comment.createdAt, comment.updatedAt, comment.body, author);
        }
    }

    @RegisterForReflection
    public record CommentResponse(CommentBody comment) {
    }

    @RegisterForReflection
    public record CommentList(List<CommentBody> comments) {
    }
}
