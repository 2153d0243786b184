package io.conduit.posts.article;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.conduit.posts.profile.Profile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request and response bodies of the article endpoints. Unknown and server-managed input fields are ignored. */
public final class ArticleDtos {

    private ArticleDtos() {
    }

    @RegisterForReflection
    public record NewArticle(String title, String description, String body, List<String> tagList) {
    }

    /** The body of {@code POST /api/articles}, as the OpenAPI document shows it (the endpoint binds it late). */
    @RegisterForReflection
    public record NewArticleRequest(NewArticle article) {
    }

    /** A partial update: absent and null fields are left unchanged. */
    @RegisterForReflection
    public record ArticleChanges(String title, String description, String body, List<String> tagList) {
        @JsonIgnore
        public boolean isEmpty() {
            return title == null && description == null && body == null && tagList == null;
        }
    }

    /** The body of {@code PUT /api/articles/{slug}}, as the OpenAPI document shows it. */
    @RegisterForReflection
    public record UpdateArticleRequest(ArticleChanges article) {
    }

    /** The single-article shape, body included. */
    @RegisterForReflection
    public record ArticleBody(String slug, String title, String description, String body, List<String> tagList,
            Instant createdAt, Instant updatedAt, boolean favorited, long favoritesCount, Profile author) {
    }

    @RegisterForReflection
    public record ArticleResponse(ArticleBody article) {
    }

    /** The list-item shape: no body (spec since 2024-08). */
    @RegisterForReflection
    public record ArticleItem(String slug, String title, String description, List<String> tagList,
            Instant createdAt, Instant updatedAt, boolean favorited, long favoritesCount, Profile author) {
    }

    @RegisterForReflection
    public record ArticleList(List<ArticleItem> articles, long articlesCount) {
        static final ArticleList EMPTY = new ArticleList(List.of(), 0);
    }
}
