package io.conduit.posts.profile;

import static io.conduit.posts.testing.Api.addComment;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.conduit.common.testing.SettingsProfile;
import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Anonymous readers are served profiles users-service gave within the last {@code conduit.public-profiles.kept-for};
 * a reader with a token always gets users-service's answer of now. Here the profiles are kept for an hour, so what
 * is remembered does not depend on how fast the machine runs the test.
 */
@QuarkusTest
@TestProfile(PublicProfilesTest.KeptForAnHour.class)
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PublicProfilesTest {

    public static class KeptForAnHour extends SettingsProfile {
        public KeptForAnHour() {
            super("conduit.public-profiles.kept-for", "1h");
        }
    }

    @InjectFakeUsers
    FakeUsersService users;

    @Test
    void anonymousReadsShareProfilesWhileTheWriterSeesTheirChangeAtOnce() {
        User author = users.addUser("author");
        User reader = users.addUser("reader");
        String slug = createArticle(author);
        addComment(reader, slug, "first");

        users.resetCalls();
        anonymous().get("/api/articles/" + slug).then().statusCode(200).body("article.author.bio", equalTo(null));
        anonymous().get("/api/articles/" + slug).then().statusCode(200);
        anonymous().get("/api/articles/" + slug + "/comments").then().statusCode(200)
                .body("comments[0].author.username", equalTo(reader.username()));
        anonymous().get("/api/articles/" + slug + "/comments").then().statusCode(200);
        anonymous().queryParam("author", author.username()).get("/api/articles").then().statusCode(200)
                .body("articles[0].author.username", equalTo(author.username()));
        assertEquals(2, users.calls("profiles"), "one call for the author, one for the commenter: " + users.rawPaths());

        String bio = unique("Now writing about ");
        users.changeBio(author, bio);
        users.follow(reader, author);
        as(author).get("/api/articles/" + slug).then().statusCode(200).body("article.author.bio", equalTo(bio));
        as(reader).get("/api/articles/" + slug).then().statusCode(200)
                .body("article.author.bio", equalTo(bio))
                .body("article.author.following", equalTo(true));
        anonymous().get("/api/articles/" + slug).then().statusCode(200)
                .body("article.author.bio", equalTo(null))
                .body("article.author.following", equalTo(false));
    }

    @Test
    void theFeedShowsEveryAuthorAsFollowedWithoutAskingAboutThemAsTheReaderSeesThem() {
        User author = users.addUser("author");
        User reader = users.addUser("reader");
        users.follow(reader, author);
        String slug = createArticle(author);

        users.resetCalls();
        for (int i = 0; i < 2; i++) {
            as(reader).get("/api/articles/feed").then().statusCode(200)
                    .body("articles[0].slug", equalTo(slug))
                    .body("articles[0].author.username", equalTo(author.username()))
                    .body("articles[0].author.following", equalTo(true));
        }
        assertEquals(2, users.calls("followees"));
        assertEquals(1, users.calls("profiles"), users.rawPaths().toString());
        assertTrue(users.exchanges().stream().noneMatch(e -> e.rawQuery() != null && e.rawQuery().contains("viewer")),
                "a profile asked for as the reader sees it: " + users.rawPaths());

        users.unfollow(reader, author);
        as(reader).get("/api/articles/feed").then().statusCode(200).body("articlesCount", equalTo(0));
    }

    @Test
    void aUserUsersServiceNoLongerKnowsIsAskedAboutAgain() {
        User author = users.addUser("author");
        String slug = createArticle(author);
        users.removeUser(author);

        users.resetCalls();
        anonymous().get("/api/articles/" + slug).then().statusCode(200).body("article.author.username", equalTo("[unknown]"));
        anonymous().get("/api/articles/" + slug).then().statusCode(200).body("article.author.username", equalTo("[unknown]"));
        assertEquals(2, users.calls("profiles"), users.rawPaths().toString());
    }

    @Test
    void aProfileIsForgottenOnceItHasBeenKeptForTheWholeTime() {
        AtomicLong nanos = new AtomicLong();
        PublicProfiles profiles = new PublicProfiles(Duration.ofSeconds(1), nanos::get);
        Profile writer = new Profile("writer", "bio", null, false);
        profiles.remember(Map.of(7L, writer));

        nanos.set(Duration.ofMillis(999).toNanos());
        assertEquals(Map.of(7L, writer), profiles.known(Set.of(7L, 8L)));
        nanos.set(Duration.ofSeconds(1).toNanos());
        assertEquals(Map.of(), profiles.known(List.of(7L)));
    }
}
