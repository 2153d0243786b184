package io.conduit.posts.article;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.Validation;
import io.conduit.posts.article.ArticleDtos.ArticleList;
import io.conduit.posts.article.ArticleQueries.Filter;
import io.conduit.posts.profile.Profile;
import io.conduit.posts.profile.UsersApi.UserProfile;
import io.conduit.posts.profile.UsersDirectory;

/**
 * {@code GET /api/articles} and the feed. A page costs at most four statements (total, page, tags,
 * favorites) plus one users-service call for its authors, and one more call to resolve each username
 * filter or the caller's followees.
 */
@ApplicationScoped
public class ArticleListing {

    @Inject
    ArticleQueries queries;

    @Inject
    ArticleViews views;

    @Inject
    UsersDirectory users;

    /**
     * Empty filter values count as absent; an unknown tag or username matches nothing. So does a value that
     * can name nothing (text PostgreSQL cannot store, a tag longer than any tag): it is answered without a
     * query, and a username filter without asking users-service ({@link UsersDirectory#byUsername}).
     */
    public ArticleList articles(String tag, String author, String favorited, Paging paging, Optional<Long> viewer) {
        Filter filter = Filter.none();
        Map<Long, Profile> knownAuthors = new HashMap<>();
        if (present(tag)) {
            if (!canBeATag(tag)) {
                return ArticleList.EMPTY;
            }
            filter = filter.withTag(tag);
        }
        if (present(author)) {
            Optional<UserProfile> profile = users.byUsername(author, viewer);
            if (profile.isEmpty()) {
                return ArticleList.EMPTY;
            }
            filter = filter.withAuthor(profile.get().id());
            // Every article of this page has this author: no need to ask users-service again.
            knownAuthors.put(profile.get().id(), profile.get().toProfile());
        }
        if (present(favorited)) {
            Optional<UserProfile> fan = users.byUsername(favorited, Optional.empty());
            if (fan.isEmpty()) {
                return ArticleList.EMPTY;
            }
            filter = filter.withFavoritedBy(fan.get().id());
        }
        return page(filter, paging, viewer, ids -> profiles(ids, viewer, knownAuthors));
    }

    /**
     * Articles by the authors the caller follows. The followees are asked first: a caller users-service does
     * not know is a 401, which comes before a 422 for bad paging (CONTRACT.md section 3).
     */
    public ArticleList feed(long viewer, String limit, String offset) {
        List<Long> followees = users.followees(viewer);
        Paging paging = Paging.parse(limit, offset);
        if (followees.isEmpty()) {
            return ArticleList.EMPTY;
        }
        // Every author of the feed is one of these followees: their profiles need no second call with the viewer.
        return page(Filter.none().withAuthorIn(followees), paging, Optional.of(viewer), users::followed);
    }

    private ArticleList page(Filter filter, Paging paging, Optional<Long> viewer,
            Function<Set<Long>, Map<Long, Profile>> authors) {
        long total = queries.count(filter);
        if (!paging.startsBefore(total)) {
            return new ArticleList(List.of(), total);
        }
        var rows = queries.page(filter, paging.limit(), paging.offset().longValueExact());
        return views.page(rows, total, viewer, authors);
    }

    /** The profiles of {@code ids} as {@code viewer} sees them: those already {@code known}, the others asked for. */
    private Map<Long, Profile> profiles(Set<Long> ids, Optional<Long> viewer, Map<Long, Profile> known) {
        Map<Long, Profile> all = new HashMap<>(known);
        all.putAll(users.profiles(ids.stream().filter(id -> !known.containsKey(id)).toList(), viewer));
        return all;
    }

    private static boolean canBeATag(String value) {
        return Validation.isCleanText(value) && value.codePointCount(0, value.length()) <= ArticleDtos.TAG_MAX;
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
