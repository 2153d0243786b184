package io.conduit.posts.article;

import static io.conduit.posts.testing.Api.ISO_MS;
import static io.conduit.posts.testing.Api.SLUG;
import static io.conduit.posts.testing.Api.addComment;
import static io.conduit.posts.testing.Api.favorite;
import static io.conduit.posts.testing.Api.anonymous;
import static io.conduit.posts.testing.Api.article;
import static io.conduit.posts.testing.Api.as;
import static io.conduit.posts.testing.Api.createArticle;
import static io.conduit.posts.testing.Api.unique;
import static io.conduit.posts.testing.Api.withToken;
import static io.conduit.posts.testing.Api.wrap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.conduit.common.testing.RowLocks;
import io.conduit.posts.testing.FakeUsersResource;
import io.conduit.posts.testing.FakeUsersService;
import io.conduit.posts.testing.FakeUsersService.User;
import io.conduit.posts.testing.InjectFakeUsers;
import io.conduit.posts.testing.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ArticleResourceTest {

    @InjectFakeUsers
    FakeUsersService users;

    User author;
    User intruder;

    @BeforeEach
    void users() {
        author = users.addUser(unique("author"), "I write", "http://img/a.png");
        intruder = users.addUser("intruder");
    }

    private static Map<String, Object> with(Map<String, Object> article, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(article);
        copy.put(field, value);
        return copy;
    }

    private Response create(Map<String, Object> article) {
        return as(author).body(wrap("article", article)).when().post("/api/articles");
    }

    private Response update(User who, String slug, Object article) {
        return as(who).body(wrap("article", article)).when().put("/api/articles/{slug}", slug);
    }

    // --- create -------------------------------------------------------------------------------

    @Test
    void createsAnArticleWithTheFullShape() {
        String title = unique("Create me ");
        Response res = create(article(title, "zeta", " alpha ", "mid", "alpha"));
        res.then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("article.slug", equalTo(title.toLowerCase().replace(' ', '-')))
                .body("article.title", equalTo(title))
                .body("article.description", equalTo("A description"))
                .body("article.body", equalTo("A body"))
                .body("article.tagList", contains("alpha", "mid", "zeta"))
                .body("article.createdAt", matchesPattern(ISO_MS))
                .body("article.updatedAt", equalTo(res.path("article.createdAt")))
                .body("article.favorited", equalTo(false))
                .body("article.favoritesCount", equalTo(0))
                .body("article.author.username", equalTo(author.username()))
                .body("article.author.bio", equalTo("I write"))
                .body("article.author.image", equalTo("http://img/a.png"))
                .body("article.author.following", equalTo(false));
        Map<String, Object> body = res.path("article");
        assertEquals(List.of("author", "body", "createdAt", "description", "favorited", "favoritesCount", "slug",
                "tagList", "title", "updatedAt"), body.keySet().stream().sorted().toList());
        Map<String, Object> profile = res.path("article.author");
        assertEquals(List.of("bio", "following", "image", "username"), profile.keySet().stream().sorted().toList());
    }

    @Test
    void treatsAMissingOrNullTagListAsEmpty() {
        Map<String, Object> input = article(unique("No tags "));
        input.remove("tagList");
        create(input).then().statusCode(201).body("article.tagList", empty());
        create(with(input, "tagList", null)).then().statusCode(201).body("article.tagList", empty());
    }

    @Test
    void ignoresServerManagedFields() {
        Map<String, Object> input = article(unique("Managed "));
        input.put("slug", "chosen-by-client");
        input.put("favorited", true);
        input.put("favoritesCount", 999);
        input.put("createdAt", "2000-01-01T00:00:00.000Z");
        input.put("author", Map.of("username", intruder.username()));
        create(input).then().statusCode(201)
                .body("article.slug", not(equalTo("chosen-by-client")))
                .body("article.favorited", equalTo(false))
                .body("article.favoritesCount", equalTo(0))
                .body("article.createdAt", not(equalTo("2000-01-01T00:00:00.000Z")))
                .body("article.author.username", equalTo(author.username()));
    }

    @Test
    void roundTripsTrickyTextUnchanged() {
        String tricky = "Ünïcödé 日本語 🐉 e\u0301 \"quotes\" <script>x</script> Robert'); DROP TABLE articles; -- % _ \\ "
                + "  \r\n\t ";
        Map<String, Object> input = article(tricky + unique(""), "'; DROP TABLE tags; --", "ドラゴン");
        input.put("description", tricky);
        input.put("body", tricky);
        String slug = create(input).then().statusCode(201).extract().path("article.slug");
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200)
                .body("article.title", equalTo(input.get("title")))
                .body("article.description", equalTo(tricky))
                .body("article.body", equalTo(tricky))
                .body("article.tagList", contains("'; DROP TABLE tags; --", "ドラゴン"));
    }

    @Test
    void storesANearlyOneMebibyteBodyAndRejectsALargerRequestWith413() {
        String body = "Lorem ipsum dolor sit amet. ".repeat(32_000) + "ü🐉end";
        String slug = create(with(article(unique("Big ")), "body", body)).then().statusCode(201).extract().path("article.slug");
        String stored = anonymous().get("/api/articles/{slug}", slug).then().statusCode(200).extract().path("article.body");
        assertEquals(body, stored);

        create(with(article(unique("Too big ")), "body", "x".repeat(1_100_000)))
                .then().statusCode(413).contentType(ContentType.JSON).body("errors", hasKey("body"));
    }

    @Test
    void rejectsMissingNullBlankAndWrongTypedFieldsWith422KeyedByField() {
        for (String field : List.of("title", "description", "body")) {
            Map<String, Object> missing = article(unique("T "));
            missing.remove(field);
            create(missing).then().statusCode(422).body("errors." + field, not(empty()));
            for (Object value : Arrays.asList(null, "", "  \n\t ", 42, true, List.of("x"), Map.of("x", 1))) {
                create(with(article(unique("T ")), field, value)).then().statusCode(422)
                        .contentType(ContentType.JSON)
                        .body("errors." + field, not(empty()));
            }
        }
    }

    @Test
    void rejectsANumberBeyondTheParsersLimitsAs422NotAsUnparseable() {
        String body = "{\"article\":{\"title\":" + "9".repeat(5_000) + ",\"description\":\"d\",\"body\":\"b\"}}";
        as(users.addUser("author")).body(body).post("/api/articles").then()
                .statusCode(422).contentType(ContentType.JSON).body("errors", not(anEmptyMap()));
    }

    @Test
    void rejectsAMalformedTagList() {
        List<Object> bad = Arrays.asList("a,b", 42, Map.of("a", 1), List.of(1, 2), Arrays.asList((Object) null),
                List.of("ok", ""), List.of("ok", "   "), List.of(List.of("nested")), List.of("bad\u0000tag"));
        for (Object tagList : bad) {
            create(with(article(unique("T ")), "tagList", tagList)).then().statusCode(422).body("errors.tagList", not(empty()));
        }
    }

    @Test
    void enforcesTheLengthLimits() {
        String id = unique("");
        create(with(article(""), "title", "t".repeat(255))).then().statusCode(201);
        create(with(article(""), "title", "t".repeat(256))).then().statusCode(422).body("errors", hasKey("title"));
        create(with(article(id), "title", "🐉".repeat(255))).then().statusCode(201);
        create(with(article(id), "description", "d".repeat(1000))).then().statusCode(201);
        create(with(article(id), "description", "d".repeat(1001))).then().statusCode(422).body("errors", hasKey("description"));
        List<String> twenty = IntStream.range(0, 20).mapToObj(i -> "n" + i + "-" + id).toList();
        create(with(article(id), "tagList", twenty)).then().statusCode(201).body("article.tagList.size()", equalTo(20));
        List<String> twentyOne = new ArrayList<>(twenty);
        twentyOne.add("n20-" + id);
        create(with(article(id), "tagList", twentyOne)).then().statusCode(422).body("errors", hasKey("tagList"));
        // Duplicates merge before the count: 21 entries of 20 distinct tags pass.
        List<String> duplicated = new ArrayList<>(twenty);
        duplicated.add(" " + twenty.get(0) + " ");
        create(with(article(id), "tagList", duplicated)).then().statusCode(201);
        create(with(article(id), "tagList", List.of(id + "x".repeat(64 - id.length())))).then().statusCode(201);
        create(with(article(id), "tagList", List.of(id + "x".repeat(65 - id.length())))).then().statusCode(422)
                .body("errors", hasKey("tagList"));
    }

    @Test
    void rejectsNulCharactersAndLoneSurrogates() {
        create(with(article(unique("T ")), "body", "before\u0000after")).then().statusCode(422).body("errors", hasKey("body"));
        create(with(article(unique("T ")), "title", "lone \ud800 surrogate")).then().statusCode(422).body("errors", hasKey("title"));
        create(with(article(unique("T ")), "description", "lone \udc00")).then().statusCode(422).body("errors", hasKey("description"));
    }

    @Test
    void rejectsAMissingWrapperAndMalformedBodies() {
        for (String body : List.of("{\"title\":\"x\",\"description\":\"d\",\"body\":\"b\"}", "{\"article\":null}",
                "{\"article\":\"x\"}", "{\"article\":[]}", "{}", "[]", "\"text\"", "42", "null", "")) {
            as(author).body(body).when().post("/api/articles").then().statusCode(422).contentType(ContentType.JSON);
        }
        for (String body : List.of("{\"article\": {", "{article: 1}", "not json", "{\"a\":\"\\x\"}")) {
            as(author).body(body).when().post("/api/articles").then().statusCode(400).contentType(ContentType.JSON)
                    .body("errors", hasKey("body"));
        }
        as(author).contentType(ContentType.TEXT).body("{\"article\":{}}").when().post("/api/articles")
                .then().statusCode(415).contentType(ContentType.JSON);
    }

    @Test
    void acceptsACharsetParameter() {
        as(author).contentType("application/json; charset=utf-8")
                .body("{\"article\":{\"title\":\"" + unique("Charset ") + "\",\"description\":\"d\",\"body\":\"b\"}}")
                .when().post("/api/articles").then().statusCode(201);
    }

    @Test
    void requiresAValidTokenToCreate() {
        Map<String, Object> body = wrap("article", article(unique("Anon ")));
        anonymous().body(body).when().post("/api/articles").then().statusCode(401).body("errors", hasKey("token"));
        withToken("garbage").body(body).when().post("/api/articles").then().statusCode(401);
        withToken(Tokens.foreign(author.id())).body(body).when().post("/api/articles").then().statusCode(401);
        withToken(Tokens.expired(author.id())).body(body).when().post("/api/articles").then().statusCode(401);
        // During a key rotation the JWKS publishes the old key beside the new one: its tokens still verify.
        withToken(Tokens.signedByPreviousKey(author.id())).body(body).when().post("/api/articles").then().statusCode(201);
        anonymous().header("Authorization", "Token").body(body).when().post("/api/articles").then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + Tokens.of(author)).body(body).when().post("/api/articles")
                .then().statusCode(201);
    }

    // --- get ----------------------------------------------------------------------------------

    @Test
    void getsAnArticleAnonymouslyAndAnswers404ForUnknownSlugs() {
        String slug = createArticle(author, unique("Get me "), "g");
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200)
                .body("article.slug", equalTo(slug))
                .body("article.body", equalTo("A body"))
                .body("article.tagList", contains("g"))
                .body("article.author.username", equalTo(author.username()));
        anonymous().get("/api/articles/{slug}", unique("no-such-")).then().statusCode(404)
                .contentType(ContentType.JSON).body("errors.article", contains("not found"));
        anonymous().get("/api/articles/{slug}", slug.substring(0, slug.length() - 2) + "%").then().statusCode(404);
        anonymous().get("/api/articles/{slug}", slug.substring(0, slug.length() - 1) + "_").then().statusCode(404);
    }

    @Test
    void answers401ForAnInvalidTokenEvenThoughAuthIsOptional() {
        String slug = createArticle(author);
        withToken("garbage").get("/api/articles/{slug}", slug).then().statusCode(401).body("errors", hasKey("token"));
        withToken(Tokens.expired(author.id())).get("/api/articles/{slug}", slug).then().statusCode(401);
    }

    @Test
    void showsFollowingForTheCaller() {
        String slug = createArticle(author);
        User fan = users.addUser("fan");
        users.follow(fan, author);
        as(fan).get("/api/articles/{slug}", slug).then().statusCode(200).body("article.author.following", equalTo(true));
        as(intruder).get("/api/articles/{slug}", slug).then().statusCode(200).body("article.author.following", equalTo(false));
    }

    @Test
    void showsThreeFractionalDigitsEvenOnAWholeSecond() throws Exception {
        String slug = unique("whole-second-");
        try (Connection db = RowLocks.connect();
                PreparedStatement insert = db.prepareStatement("INSERT INTO articles"
                        + " (slug, title, description, body, author_id, created_at, updated_at)"
                        + " VALUES (?, 'Whole second', 'd', 'b', ?, '2024-02-03T04:05:06Z', '2024-02-03T04:05:07Z')")) {
            insert.setString(1, slug);
            insert.setLong(2, author.id());
            insert.executeUpdate();
        }
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200)
                .body("article.createdAt", equalTo("2024-02-03T04:05:06.000Z"))
                .body("article.updatedAt", equalTo("2024-02-03T04:05:07.000Z"));
        anonymous().queryParam("author", author.username()).get("/api/articles").then().statusCode(200)
                .body("articles.find { it.slug == '" + slug + "' }.createdAt", equalTo("2024-02-03T04:05:06.000Z"));
    }

    // --- update -------------------------------------------------------------------------------

    @Test
    void updatesTheBodyOnlyAndMovesUpdatedAtForward() {
        Response created = create(article(unique("Keep "), "keep"));
        String slug = created.path("article.slug");
        String createdAt = created.path("article.createdAt");
        String previous = created.path("article.updatedAt");
        for (int i = 0; i < 3; i++) {
            Response res = update(author, slug, Map.of("body", "With two hands " + i));
            res.then().statusCode(200)
                    .body("article.slug", equalTo(slug))
                    .body("article.title", equalTo(created.path("article.title")))
                    .body("article.tagList", contains("keep"))
                    .body("article.createdAt", equalTo(createdAt))
                    .body("article.body", equalTo("With two hands " + i));
            String updatedAt = res.path("article.updatedAt");
            assertTrue(updatedAt.compareTo(previous) > 0, updatedAt + " must be after " + previous);
            previous = updatedAt;
        }
        anonymous().get("/api/articles/{slug}", slug).then().body("article.body", equalTo("With two hands 2"))
                .body("article.updatedAt", equalTo(previous));
    }

    @Test
    void leavesAbsentAndNullFieldsUnchanged() {
        String title = unique("Nulls ");
        String slug = createArticle(author, title);
        Map<String, Object> changes = new HashMap<>();
        changes.put("title", null);
        changes.put("description", "new description");
        update(author, slug, changes).then().statusCode(200)
                .body("article.title", equalTo(title))
                .body("article.body", equalTo("A body"))
                .body("article.description", equalTo("new description"));
    }

    @Test
    void changesTheSlugWithTheTitleAndKeepsItForTheSameTitle() {
        String title = unique("Old title ");
        String slug = createArticle(author, title);
        update(author, slug, Map.of("title", title, "body", "edited")).then().statusCode(200).body("article.slug", equalTo(slug));
        update(author, slug, Map.of("title", title.toUpperCase() + "!!")).then().statusCode(200).body("article.slug", equalTo(slug));

        String newTitle = unique("Did you train your dragon ");
        String newSlug = update(author, slug, Map.of("title", newTitle)).then().statusCode(200)
                .body("article.title", equalTo(newTitle))
                .extract().path("article.slug");
        assertEquals(newTitle.toLowerCase().replace(' ', '-'), newSlug);
        anonymous().get("/api/articles/{slug}", newSlug).then().statusCode(200);
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(404);
    }

    @Test
    void retitlingToATakenSlugGetsASuffix() {
        String taken = unique("Taken title ");
        String takenSlug = createArticle(intruder, taken);
        String slug = createArticle(author);
        String newSlug = update(author, slug, Map.of("title", taken)).then().statusCode(200).extract().path("article.slug");
        assertTrue(newSlug.startsWith(takenSlug + "-") && newSlug.matches(SLUG), newSlug);
    }

    @Test
    void replacesTheTagListAndAnEmptyListClearsIt() {
        String slug = createArticle(author, unique("Tags "), "old", "keep");
        update(author, slug, Map.of("tagList", List.of("new", "keep", " new "))).then().statusCode(200)
                .body("article.tagList", contains("keep", "new"));
        update(author, slug, Map.of("body", "no tag change")).then().statusCode(200)
                .body("article.tagList", contains("keep", "new"));
        update(author, slug, Map.of("tagList", List.of())).then().statusCode(200).body("article.tagList", empty());
    }

    @Test
    void forbidsEditingSomeoneElsesArticle() {
        String slug = createArticle(author);
        update(intruder, slug, Map.of("body", "hijacked")).then().statusCode(403).contentType(ContentType.JSON)
                .body("errors", hasKey("article"));
        anonymous().get("/api/articles/{slug}", slug).then().body("article.body", equalTo("A body"));
    }

    @Test
    void rejectsBlankWrongTypedAndEmptyUpdatesWith422() {
        String slug = createArticle(author);
        for (String field : List.of("title", "description", "body")) {
            for (Object value : List.of("", "   ", 7, List.of("x"))) {
                update(author, slug, Map.of(field, value)).then().statusCode(422).body("errors." + field, not(empty()));
            }
        }
        update(author, slug, Map.of("tagList", "a,b")).then().statusCode(422).body("errors", hasKey("tagList"));
        update(author, slug, Map.of()).then().statusCode(422).body("errors", hasKey("article"));
        Map<String, Object> allNull = new HashMap<>();
        allNull.put("title", null);
        update(author, slug, allNull).then().statusCode(422);
        as(author).body(Map.of("body", "x")).when().put("/api/articles/{slug}", slug).then().statusCode(422);
        as(author).body("").when().put("/api/articles/{slug}", slug).then().statusCode(422);
    }

    @Test
    void checksInTheOrder401Then404Then403Then422() {
        String slug = createArticle(author);
        Map<String, Object> wrongType = Map.of("title", 7);
        anonymous().body(wrap("article", wrongType)).when().put("/api/articles/{slug}", unique("missing-"))
                .then().statusCode(401);
        update(author, unique("missing-"), wrongType).then().statusCode(404);
        update(intruder, slug, wrongType).then().statusCode(403);
        update(intruder, slug, Map.of()).then().statusCode(403);
        update(author, slug, wrongType).then().statusCode(422);
        as(author).body("{\"comment\":{\"body\":42}}").when().post("/api/articles/{slug}/comments", unique("missing-"))
                .then().statusCode(404);
    }

    @Test
    void requiresATokenToUpdate() {
        String slug = createArticle(author);
        anonymous().body(wrap("article", Map.of("body", "x"))).when().put("/api/articles/{slug}", slug).then().statusCode(401);
        withToken("garbage").body(wrap("article", Map.of("body", "x"))).when().put("/api/articles/{slug}", slug).then().statusCode(401);
    }

    // --- delete -------------------------------------------------------------------------------

    @Test
    void deletesWith204AndTakesCommentsFavoritesAndTagsAlong() {
        String tag = unique("gone");
        String slug = createArticle(author, unique("Delete me "), tag);
        addComment(intruder, slug, "hi");
        favorite(intruder, slug);

        anonymous().delete("/api/articles/{slug}", slug).then().statusCode(401);
        as(intruder).delete("/api/articles/{slug}", slug).then().statusCode(403);
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200);

        String text = as(author).delete("/api/articles/{slug}", slug).then().statusCode(204).extract().asString();
        assertEquals("", text);
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(404);
        anonymous().get("/api/articles/{slug}/comments", slug).then().statusCode(404);
        as(author).delete("/api/articles/{slug}", slug).then().statusCode(404);
        anonymous().queryParam("tag", tag).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(0)).body("articles", empty());
        anonymous().queryParam("favorited", intruder.username()).get("/api/articles").then().statusCode(200)
                .body("articlesCount", equalTo(0));
    }

    @Test
    void unknownRoutesAndMethodsAnswerJson() {
        anonymous().get("/api/articles/some-slug/unknown/deeper").then().statusCode(404).contentType(ContentType.JSON);
        as(author).patch("/api/articles/some-slug").then().statusCode(405).contentType(ContentType.JSON);
    }

    @Test
    void showsAPlaceholderAuthorWhenUsersServiceNoLongerKnowsTheUser() {
        User leaver = users.addUser("leaver");
        String slug = createArticle(author);
        String leaverSlug = createArticle(leaver);
        addComment(leaver, slug, "written before leaving");
        users.removeUser(leaver);

        // Content of an account users-service no longer knows still renders, under a placeholder author.
        anonymous().get("/api/articles/{slug}", leaverSlug).then().statusCode(200)
                .body("article.author.username", equalTo("[unknown]"))
                .body("article.author.bio", nullValue())
                .body("article.author.following", equalTo(false));
        anonymous().get("/api/articles/{slug}/comments", slug).then().statusCode(200)
                .body("comments.author.username", contains("[unknown]"));
        anonymous().get("/api/articles/{slug}", slug).then().statusCode(200)
                .body("article.author.username", equalTo(author.username()));
    }
}
