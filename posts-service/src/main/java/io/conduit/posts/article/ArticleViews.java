package io.conduit.posts.article;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.posts.article.ArticleDtos.ArticleBody;
import io.conduit.posts.article.ArticleDtos.ArticleItem;
import io.conduit.posts.article.ArticleDtos.ArticleList;
import io.conduit.posts.article.ArticleQueries.Row;
import io.conduit.posts.favorite.FavoriteRepository;
import io.conduit.posts.favorite.FavoriteRepository.Stats;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersDirectory;
import io.conduit.posts.tag.TagRepository;

/**
 * Articles as a caller sees them. A page of any size costs two statements (tags, favorites) and one
 * users-service call for all its authors, never one per article.
 */
@ApplicationScoped
public class ArticleViews {

    @Inject
    TagRepository tags;

    @Inject
    FavoriteRepository favorites;

    @Inject
    UsersDirectory users;

    public ArticleBody one(Article article, Optional<Long> viewer) {
        return one(article, viewer, users.profile(article.authorId(), viewer));
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

    /** A page of list items; {@code knownAuthors} are profiles the caller already has for this viewer. */
    ArticleList page(List<Row> rows, long total, Optional<Long> viewer, Map<Long, Profile> knownAuthors) {
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<String>> tagsById = tags.namesByArticle(ids);
        Map<Long, Stats> statsById = favorites.stats(ids, viewer);
        Set<Long> missing = rows.stream()
                .map(Row::authorId)
                .filter(id -> !knownAuthors.containsKey(id))
                .collect(Collectors.toSet());
        Map<Long, Profile> authors = new HashMap<>(knownAuthors);
        authors.putAll(users.profiles(missing, viewer));
        List<ArticleItem> items = rows.stream().map(row -> {
            Stats stats = statsById.getOrDefault(row.id(), Stats.NONE);
            return new ArticleItem(row.slug(), row.title(), row.description(), tagsById.getOrDefault(row.id(), List.of()),
                    row.createdAt(), row.updatedAt(), stats.favorited(), stats.count(),
                    authors.getOrDefault(row.authorId(), Profile.UNKNOWN));
        }).toList();
        return new ArticleList(items, total);
    }
}
