package io.conduit.posts.article;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.ApiError;
import io.conduit.posts.article.ArticleDtos.ArticleBody;
import io.conduit.posts.article.ArticleDtos.ArticleItem;
import io.conduit.posts.article.ArticleDtos.ArticleList;
import io.conduit.posts.article.ArticleQueries.Row;
import io.conduit.posts.article.ArticleQueries.Shown;
import io.conduit.posts.favorite.FavoriteRepository;
import io.conduit.posts.favorite.FavoriteRepository.Stats;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.conduit.posts.tag.TagRepository;

/**
 * Articles as a caller sees them. A page of any size costs two statements (tags, favorites) and one
 * users-service call for all its authors, never one per article; one article costs one statement and one call.
 */
@ApplicationScoped
public class ArticleViews {

    @Inject
    TagRepository tags;

    @Inject
    FavoriteRepository favorites;

    @Inject
    UsersDirectory users;

    @Inject
    ArticleQueries queries;

    /** The article with this slug as {@code viewer} sees it (else 404): one statement and one profile. */
    public ArticleBody bySlug(String slug, Optional<Long> viewer) {
        Shown article = queries.shown(slug, viewer).orElseThrow(() -> ApiError.notFound("article"));
        Profile author = users.profile(article.authorId(), viewer);
        return new ArticleBody(article.slug(), article.title(), article.description(), article.body(), article.tags(),
                article.createdAt(), article.updatedAt(), article.favorited(), article.favorites(), author);
    }

    /**
     * With the author's profile fetched beforehand. Writes fetch it before they write, so that when
     * users-service is down the client gets a 503 and nothing is stored, rather than a 503 for a write
     * that happened (a retried create would then make a second article).
     */
    public ArticleBody one(Article article, Optional<Long> viewer, Profile author) {
        List<Long> ids = List.of(article.id());
        List<String> tagList = tags.namesByArticle(ids).getOrDefault(article.id(), List.of());
        Stats stats = favorites.stats(ids, viewer).getOrDefault(article.id(), Stats.NONE);
        return new ArticleBody(article.slug(), article.title(), article.description(), article.body(), tagList,
                article.createdAt(), article.updatedAt(), stats.favorited(), stats.count(), author);
    }

    /** A page of list items; {@code authors} gives the profiles of the page's authors as the caller sees them. */
    ArticleList page(List<Row> rows, long total, Optional<Long> viewer, Function<Set<Long>, Map<Long, Profile>> authors) {
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> tagsById = tags.namesByArticle(ids);
        Map<Long, Stats> statsById = favorites.stats(ids, viewer);
        Map<Long, Profile> profiles = authors.apply(rows.stream().map(Row::authorId).collect(Collectors.toSet()));
        List<ArticleItem> items = rows.stream().map(row -> {
            Stats stats = statsById.getOrDefault(row.id(), Stats.NONE);
            return new ArticleItem(row.slug(), row.title(), row.description(), tagsById.getOrDefault(row.id(), List.of()),
                    row.createdAt(), row.updatedAt(), stats.favorited(), stats.count(),
                    profiles.getOrDefault(row.authorId(), Profile.UNKNOWN));
        }).toList();
        return new ArticleList(items, total);
    }
}
