package io.conduit.posts.article;

import java.util.Set;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.ApiError;
import io.conduit.common.SqlErrors;
import io.conduit.common.Validation;
import io.conduit.posts.article.ArticleDtos.ArticleChanges;
import io.conduit.posts.article.ArticleDtos.NewArticle;
import io.conduit.posts.common.Timestamps;
import io.conduit.posts.tag.TagRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writing articles. Slugs are claimed by the unique constraint, not by a check alone: when a parallel
 * request takes the same slug first, the write is retried in a fresh transaction with a new suffix, so
 * creating or retitling never fails because of the title. The tag and article counters (V2 migration)
 * are updated by triggers in the same transaction; two writes that lock shared tag rows in opposite
 * orders can deadlock, and the one PostgreSQL aborts is run again the same way.
 */
@ApplicationScoped
public class ArticleService {

    private static final String SLUG_CONSTRAINT = "articles_slug_key";
    private static final int ATTEMPTS = 5;
    /** Slugs that would be shadowed by a fixed route ({@code GET /api/articles/feed}). */
    private static final Set<String> RESERVED = Set.of("feed");

    @Inject
    TagRepository tags;

    public Article create(long authorId, NewArticle input) {
        Validation v = new Validation();
        ArticleRules.title(v, input.title());
        ArticleRules.description(v, input.description());
        ArticleRules.body(v, input.body());
        Set<String> tagSet = ArticleRules.tags(v, input.tagList());
        v.throwIfInvalid();

        String base = Slugs.base(input.title());
        return inRetriedTransaction(attempt -> {
            Article article = new Article();
            article.slug = candidate(base, attempt);
            article.title = input.title();
            article.description = input.description();
            article.body = input.body();
            article.authorId = authorId;
            article.createdAt = Timestamps.now();
            article.updatedAt = article.createdAt;
            article.persistAndFlush();
            tags.replace(article.id, tagSet);
            return article;
        });
    }

    /** Applies {@code changes} to an article the caller has been checked to own (404 and 403 come first). */
    public Article update(long articleId, ArticleChanges changes) {
        if (changes.isEmpty()) {
            throw ApiError.unprocessable("article", "must change at least one field");
        }
        Validation v = new Validation();
        if (changes.title() != null) {
            ArticleRules.title(v, changes.title());
        }
        if (changes.description() != null) {
            ArticleRules.description(v, changes.description());
        }
        if (changes.body() != null) {
            ArticleRules.body(v, changes.body());
        }
        Set<String> tagSet = changes.tagList() == null ? null : ArticleRules.tags(v, changes.tagList());
        v.throwIfInvalid();

        return inRetriedTransaction(attempt -> {
            Article article = Article.findById(articleId);
            if (article == null) {
                throw ApiError.notFound("article");
            }
            if (changes.title() != null) {
                String base = Slugs.base(changes.title());
                // A new title that asks for the same slug keeps the one the article has.
                if (!base.equals(Slugs.base(article.title)) && !base.equals(article.slug)) {
                    article.slug = candidate(base, attempt);
                }
                article.title = changes.title();
            }
            if (changes.description() != null) {
                article.description = changes.description();
            }
            if (changes.body() != null) {
                article.body = changes.body();
            }
            article.updatedAt = Timestamps.after(article.updatedAt);
            article.flush();
            if (tagSet != null) {
                tags.replace(article.id, tagSet);
            }
            return article;
        });
    }

    public void delete(long articleId) {
        // Comments, favorites and tag links go with it (ON DELETE CASCADE).
        inRetriedTransaction(attempt -> Article.delete("id", articleId));
    }

    /** The slug to try: the bare base on the first attempt when it is free, else the base with a random suffix. */
    private static String candidate(String base, int attempt) {
        if (attempt == 0 && !base.isEmpty() && !RESERVED.contains(base) && !Article.slugTaken(base)) {
            return base;
        }
        return Slugs.withSuffix(base);
    }

    /** Runs {@code write} in a transaction of its own per attempt until it loses neither a slug race nor a deadlock. */
    private static <T> T inRetriedTransaction(IntFunction<T> write) {
        for (int attempt = 0;; attempt++) {
            int current = attempt;
            try {
                return QuarkusTransaction.requiringNew().call(() -> write.apply(current));
            } catch (RuntimeException e) {
                boolean retryable = SqlErrors.isUniqueViolation(e, SLUG_CONSTRAINT) || SqlErrors.isTransactionConflict(e);
                if (attempt + 1 >= ATTEMPTS || !retryable) {
                    throw e;
                }
            }
        }
    }
}
