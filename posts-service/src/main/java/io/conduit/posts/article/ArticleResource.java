package io.conduit.posts.article;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.conduit.common.ApiError;
import io.conduit.posts.article.ArticleDtos.ArticleChanges;
import io.conduit.posts.article.ArticleDtos.ArticleList;
import io.conduit.posts.article.ArticleDtos.ArticleResponse;
import io.conduit.posts.article.ArticleDtos.NewArticle;
import io.conduit.posts.article.ArticleDtos.NewArticleRequest;
import io.conduit.posts.article.ArticleDtos.UpdateArticleRequest;
import io.conduit.common.CurrentUser;
import io.conduit.common.RequestBodies;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.quarkus.security.Authenticated;

/**
 * {@code /api/articles}: lists, the feed, and one article. Checks run in the contract's order:
 * 401, then 404, then 403, then 422. A validly signed token for a user users-service does not know is a 401
 * on every endpoint that requires a token ({@link UsersDirectory#caller}).
 */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    RequestBodies bodies;

    @Inject
    ArticleRepository repository;

    @Inject
    ArticleService articles;

    @Inject
    ArticleListing listing;

    @Inject
    ArticleViews views;

    @Inject
    UsersDirectory users;

    @GET
    public ArticleList list(@QueryParam("tag") String tag, @QueryParam("author") String author,
            @QueryParam("favorited") String favorited, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        var viewer = currentUser.id();
        return listing.articles(tag, author, favorited, Paging.parse(limit, offset), viewer);
    }

    @GET
    @Path("/feed")
    @Authenticated
    public ArticleList feed(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        long viewer = currentUser.requireId();
        return listing.feed(viewer, limit, offset);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @ResponseStatus(201)
    public ArticleResponse create(@RequestBody(content = @Content(schema = @Schema(implementation = NewArticleRequest.class)))
            JsonNode body) throws JsonProcessingException {
        long author = currentUser.requireId();
        // Before anything else (401 comes first) and before the write: an author users-service does not know
        // gets a 401 and no row; with users-service down, a 503 and nothing stored.
        Profile profile = users.caller(author);
        NewArticle input = bodies.read(body, "article", NewArticle.class);
        return new ArticleResponse(views.one(articles.create(author, input), Optional.of(author), profile));
    }

    @GET
    @Path("/{slug}")
    public ArticleResponse get(@PathParam("slug") String slug) {
        var viewer = currentUser.id();
        return new ArticleResponse(views.bySlug(slug, viewer));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    public ArticleResponse update(@PathParam("slug") String slug,
            @RequestBody(content = @Content(schema = @Schema(implementation = UpdateArticleRequest.class))) JsonNode body)
            throws JsonProcessingException {
        long user = currentUser.requireId();
        Profile profile = users.caller(user);
        Article article = owned(slug, user);
        ArticleChanges changes = bodies.read(body, "article", ArticleChanges.class);
        return new ArticleResponse(views.one(articles.update(article.id(), changes), Optional.of(user), profile));
    }

    @DELETE
    @Path("/{slug}")
    @Authenticated
    public void delete(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        users.caller(user);
        articles.delete(owned(slug, user).id());
    }

    /** The article, if it exists (else 404) and the caller wrote it (else 403). */
    private Article owned(String slug, long user) {
        Article article = repository.requireBySlug(slug);
        if (article.authorId() != user) {
            throw ApiError.forbidden("article");
        }
        return article;
    }
}
