package io.conduit.posts.article;

import java.util.Set;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.conduit.common.ApiError;
import io.conduit.common.SqlErrors;
import io.conduit.posts.article.ArticleDtos.ArticleChanges;
import io.conduit.posts.article.ArticleDtos.NewArticle;
import io.conduit.posts.common.Timestamps;
import io.conduit.posts.tag.TagRepository;
import io.conduit.posts.tag.TagsInUse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writing articles, whose input {@link io.conduit.common.RequestBodies} has checked. Slugs are claimed by the
 * unique constraint, not by a check alone: when a parallel request takes the same slug first, the write runs
 * again in a fresh transaction with a new suffix, so creating or retitling never fails because of the title. That
 * is the only retry: the list counters that triggers keep in the same transaction (V3 migration) lock their rows
 * in one order, so parallel writes wait for each other at most and never deadlock. Each retry is counted
 * ({@value #RETRIES} metric, tagged by reason).
 */
@ApplicationScoped
public class ArticleService {

    static final String RETRIES = "conduit.article.write.retries";
    private static final Logger LOG = Logger.getLogger(ArticleService.class);
    private static final String SLUG_CONSTRAINT = "articles_slug_key";
    private static final int ATTEMPTS = 5;
    /** Slugs that would be shadowed by a fixed route ({@code GET /api/articles/feed}). */
    private static final Set<String> RESERVED = Set.of("feed");

    @Inject
    ArticleRepository articles;

    @Inject
    TagRepository tags;

    @Inject
    TagsInUse tagsInUse;

    private final Counter slugRetries;

    ArticleService(MeterRegistry registry) {
        this.slugRetries = Counter.builder(RETRIES).tag("reason", "slug taken")
                .description("Article writes run again because a parallel write took the same slug first")
                .register(registry);
    }

    public Article create(long authorId, NewArticle input) {
        String base = Slugs.base(input.title());
        return inRetriedTransaction(attempt -> {
            Article article = articles.insert(Article.draft(candidate(base, attempt), input.title(), input.description(),
                    input.body(), authorId, Timestamps.now()));
            tags.replace(article.id(), input.tagList());
            return article;
        });
    }

    /** Applies {@code changes} to an article the caller has been checked to own (404 and 403 come first). */
    public Article update(long articleId, ArticleChanges changes) {
        if (changes.isEmpty()) {
            throw ApiError.unprocessable("article", "must change at least one field");
        }
        return inRetriedTransaction(attempt -> {
            Article article = articles.findById(articleId).orElseThrow(() -> ApiError.notFound("article"));
            String slug = null;
            if (changes.title() != null) {
                String base = Slugs.base(changes.title());
                // A new title that asks for the same slug keeps the one the article has.
                boolean sameSlug = base.equals(Slugs.base(article.title())) || base.equals(article.slug());
                slug = sameSlug ? article.slug() : candidate(base, attempt);
            }
            Article updated = article.with(slug, changes.title(), changes.description(), changes.body(),
                    Timestamps.after(article.updatedAt()));
            // Only the fields that changed are written (a field sent with its current value is not).
            articles.update(article, updated);
            if (changes.tagList() != null) {
                tags.replace(article.id(), changes.tagList());
            }
            return updated;
        });
    }

    public void delete(long articleId) {
        QuarkusTransaction.requiringNew().run(() -> articles.delete(articleId));
        tagsInUse.changed();
    }

    /** The slug to try: the bare base on the first attempt when it is free, else the base with a random suffix. */
    private String candidate(String base, int attempt) {
        if (attempt == 0 && !base.isEmpty() && !RESERVED.contains(base) && !articles.slugTaken(base)) {
            return base;
        }
        return Slugs.withSuffix(base);
    }

    /** Runs {@code write} in a transaction of its own per attempt until it loses no slug race. */
    private <T> T inRetriedTransaction(IntFunction<T> write) {
        for (int attempt = 0;; attempt++) {
            int current = attempt;
            try {
                T written = QuarkusTransaction.requiringNew().call(() -> write.apply(current));
                tagsInUse.changed();
                return written;
            } catch (RuntimeException e) {
                if (attempt + 1 >= ATTEMPTS || !SqlErrors.isUniqueViolation(e, SLUG_CONSTRAINT)) {
                    throw e;
                }
                slugRetries.increment();
                LOG.debugf("Slug taken by a parallel write; attempt %d of %d", attempt + 2, ATTEMPTS);
            }
        }
    }
}
