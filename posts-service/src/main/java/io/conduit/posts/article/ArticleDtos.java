package io.conduit.posts.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.conduit.common.CleanText;
import io.conduit.common.NotBlankIfSent;
import io.conduit.posts.profile.Profile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Request and response bodies of the article endpoints. Unknown and server-managed input fields are ignored. The
 * request records carry the contract's field rules (CONTRACT.md section 6) as Bean Validation constraints, checked
 * by {@link io.conduit.common.RequestBodies}; lengths count code points. Tags are trimmed and their duplicates
 * merged as they are read, so the limit of {@value #TAGS_MAX} counts distinct tags. The one
 * {@code @RegisterForReflection} covers every nested type (a native build serializes them by reflection).
 */
@RegisterForReflection
public final class ArticleDtos {

    static final int TITLE_MAX = 255;
    static final int DESCRIPTION_MAX = 1000;
    static final int TAG_MAX = 64;
    static final int TAGS_MAX = 20;
    static final String NULL_TAG = "can't contain null";
    static final String BLANK_TAG = "can't contain blank tags";
    static final String TAG_TOO_LONG = "has a tag that is too long (maximum is {max} characters)";
    static final String TOO_MANY_TAGS = "is too long (maximum is {max} tags)";

    private ArticleDtos() {
    }

    /** The body is bounded only by the 1 MiB request limit; an absent or null tagList is no tags. */
    public record NewArticle(
            @NotBlank @CleanText @Size(max = TITLE_MAX) String title,
            @NotBlank @CleanText @Size(max = DESCRIPTION_MAX) String description,
            @NotBlank @CleanText String body,
            @Size(max = TAGS_MAX, message = TOO_MANY_TAGS) List<@NotNull(message = NULL_TAG)
                    @NotBlankIfSent(message = BLANK_TAG) @CleanText @Size(max = TAG_MAX, message = TAG_TOO_LONG) String> tagList) {
        public NewArticle {
            tagList = tagList == null ? List.of() : distinctTrimmed(tagList);
        }
    }

    public record NewArticleRequest(@NotNull @Valid NewArticle article) {
    }

    /** A partial update: absent and null fields are left unchanged; a tagList replaces the whole set. */
    public record ArticleChanges(
            @NotBlankIfSent @CleanText @Size(max = TITLE_MAX) String title,
            @NotBlankIfSent @CleanText @Size(max = DESCRIPTION_MAX) String description,
            @NotBlankIfSent @CleanText String body,
            @Size(max = TAGS_MAX, message = TOO_MANY_TAGS) List<@NotNull(message = NULL_TAG)
                    @NotBlankIfSent(message = BLANK_TAG) @CleanText @Size(max = TAG_MAX, message = TAG_TOO_LONG) String> tagList) {
        public ArticleChanges {
            tagList = tagList == null ? null : distinctTrimmed(tagList);
        }

        @JsonIgnore
        public boolean isEmpty() {
            return title == null && description == null && body == null && tagList == null;
        }
    }

    public record UpdateArticleRequest(@NotNull @Valid ArticleChanges article) {
    }

    /** The single-article shape, body included. */
    public record ArticleBody(String slug, String title, String description, String body, List<String> tagList,
            Instant createdAt, Instant updatedAt, boolean favorited, long favoritesCount, Profile author) {
    }

    public record ArticleResponse(ArticleBody article) {
    }

    /** The list-item shape: no body (spec since 2024-08). */
    public record ArticleItem(String slug, String title, String description, List<String> tagList,
            Instant createdAt, Instant updatedAt, boolean favorited, long favoritesCount, Profile author) {
    }

    public record ArticleList(List<ArticleItem> articles, long articlesCount) {
        static final ArticleList EMPTY = new ArticleList(List.of(), 0);
    }

    /** Each tag trimmed, later duplicates dropped, in order; null elements stay for the constraints to report. */
    private static List<String> distinctTrimmed(List<String> tags) {
        List<String> distinct = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            String trimmed = tag == null ? null : tag.strip();
            if (trimmed == null || seen.add(trimmed)) {
                distinct.add(trimmed);
            }
        }
        return Collections.unmodifiableList(distinct);
    }
}
