package io.conduit.posts.favorite;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.conduit.common.ApiError;
import io.conduit.posts.article.Article;
import io.conduit.posts.article.ArticleRepository;
import io.conduit.posts.article.ArticleDtos.ArticleResponse;
import io.conduit.posts.article.ArticleViews;
import io.conduit.common.CurrentUser;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.quarkus.security.Authenticated;

/**
 * Favoriting and unfavoriting: idempotent, and any body or Content-Type is ignored. The caller's and the
 * author's profiles are fetched in one call before the write, so an unavailable users-service changes nothing
 * and a caller users-service does not know gets a 401 (before the 404 of an unknown slug) and stores nothing.
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

    @Inject
    ArticleRepository articles;

    @POST
    public ArticleResponse favorite(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        Target target = target(slug, user);
        favorites.add(target.article().id(), user);
        return new ArticleResponse(views.one(target.article(), Optional.of(user), target.author()));
    }

    @DELETE
    public ArticleResponse unfavorite(@PathParam("slug") String slug) {
        long user = currentUser.requireId();
        Target target = target(slug, user);
        favorites.remove(target.article().id(), user);
        return new ArticleResponse(views.one(target.article(), Optional.of(user), target.author()));
    }

    private record Target(Article article, Profile author) {
    }

    /** The article (else 404) and its author as the caller sees them, once users-service has vouched for the caller (else 401). */
    private Target target(String slug, long user) {
        Optional<Article> article = articles.findBySlug(slug);
        Map<Long, Profile> profiles = users.withCaller(user, article.map(Article::authorId));
        Article found = article.orElseThrow(() -> ApiError.notFound("article"));
        return new Target(found, profiles.getOrDefault(found.authorId(), Profile.UNKNOWN));
    }
}
