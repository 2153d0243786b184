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
import io.conduit.common.CurrentUser;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.quarkus.security.Authenticated;

/**
 * Favoriting and unfavoriting: idempotent, and any body or Content-Type is ignored. The author's profile
 * is fetched before the write, so an unavailable users-service changes nothing.
 */
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

    @Inject
    UsersDirectory users;

    @POST
    public ArticleResponse favorite(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        Article article = Article.requireBySlug(slug);
        Profile author = users.profile(article.authorId, Optional.of(user));
        favorites.add(article.id, user);
        return new ArticleResponse(views.one(article, Optional.of(user), author));
    }

    @DELETE
    public ArticleResponse unfavorite(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        Article article = Article.requireBySlug(slug);
        Profile author = users.profile(article.authorId, Optional.of(user));
        favorites.remove(article.id, user);
        return new ArticleResponse(views.one(article, Optional.of(user), author));
    }
}
