package io.conduit.posts.favorite;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.conduit.posts.article.Article;
import io.conduit.posts.article.ArticleDtos.ArticleResponse;
import io.conduit.posts.article.ArticleViews;
import io.conduit.posts.common.CurrentUser;
import io.quarkus.security.Authenticated;

/** Favoriting and unfavoriting: idempotent, and any body or Content-Type is ignored. */
@Path("/api/articles/{slug}/favorite")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class FavoriteResource {

    @Inject
    CurrentUser currentUser;

    @Inject
    FavoriteRepository favorites;

    @Inject
    ArticleViews views;

    @POST
    public ArticleResponse favorite(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        Article article = Article.requireBySlug(slug);
        favorites.add(article.id, user);
        return new ArticleResponse(views.one(article, Optional.of(user)));
    }

    @DELETE
    public ArticleResponse unfavorite(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        Article article = Article.requireBySlug(slug);
        favorites.remove(article.id, user);
        return new ArticleResponse(views.one(article, Optional.of(user)));
    }
}
