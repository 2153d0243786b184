package io.conduit.posts.comment;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.conduit.common.RequestBodies;
import io.conduit.posts.article.ArticleRepository;
import io.conduit.posts.comment.CommentDtos.CommentList;
import io.conduit.posts.comment.CommentDtos.CommentResponse;
import io.conduit.posts.comment.CommentDtos.NewComment;
import io.conduit.posts.comment.CommentDtos.NewCommentRequest;
import io.conduit.common.CurrentUser;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.quarkus.security.Authenticated;

/** {@code /api/articles/{slug}/comments}. Adding answers 200, not 201, as the spec says. */
@Path("/api/articles/{slug}/comments")
@Produces(MediaType.APPLICATION_JSON)
public class CommentResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    RequestBodies bodies;

    @Inject
    ArticleRepository articles;

    @Inject
    CommentService comments;

    @Inject
    UsersDirectory users;

    @GET
    public CommentList list(@PathParam("slug") String slug) {
        var viewer = currentUser.id();
        return new CommentList(comments.list(slug, viewer));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public CommentResponse add(@PathParam("slug") String slug,
            @RequestBody(content = @Content(schema = @Schema(implementation = NewCommentRequest.class))) JsonNode body)
            throws JsonProcessingException {
        long author = currentUser.requireId();
        // First (401 before 404 and 422), and before the write: a caller users-service does not know gets a
        // 401 and no row; with users-service down, a 503 and nothing stored.
        Profile profile = users.caller(author);
        long articleId = articles.requireIdBySlug(slug);
        NewComment input = bodies.read(body, "comment", NewComment.class);
        return new CommentResponse(comments.add(articleId, author, profile, input));
    }

    /** The id is taken as text so that a non-numeric one is a 404 like any other unknown comment. */
    @DELETE
    @Path("/{id}")
    @Authenticated
    public void delete(@PathParam("slug") String slug, @PathParam("id") String id) {
        long user = currentUser.requireId();
        users.caller(user);
        comments.delete(articles.requireIdBySlug(slug), id, user);
    }
}
