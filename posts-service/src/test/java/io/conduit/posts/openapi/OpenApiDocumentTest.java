package io.conduit.posts.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.conduit.posts.testing.FakeUsersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document (management interface) shows the field rules of the request bodies, because they are the
 * request records' Bean Validation constraints: what is required, how long each text may be, how many tags.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiDocumentTest {

    /** The management root, {@code http://localhost:<random port>/q}. */
    @TestHTTPResource(management = true)
    URL management;

    @Test
    void showsWhatARequestRequiresAndHowLongItsTextMayBe() {
        JsonPath doc = given().queryParam("format", "json").get(management.toString().replaceAll("/+$", "") + "/openapi").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        String article = "components.schemas.NewArticle";
        assertThat(doc.getList(article + ".required"), containsInAnyOrder("title", "description", "body"));
        assertEquals(255, doc.getInt(article + ".properties.title.maxLength"));
        assertEquals(1000, doc.getInt(article + ".properties.description.maxLength"));
        assertNull(doc.get(article + ".properties.body.maxLength"), "the body is bounded by the request limit only");
        assertEquals(20, doc.getInt(article + ".properties.tagList.maxItems"));
        assertThat(doc.getList("components.schemas.NewArticleRequest.required"), hasItem("article"));

        String changes = "components.schemas.ArticleChanges";
        assertNull(doc.get(changes + ".required"), "a partial update requires nothing");
        assertEquals(255, doc.getInt(changes + ".properties.title.maxLength"));

        String comment = "components.schemas.NewComment";
        assertThat(doc.getList(comment + ".required"), containsInAnyOrder("body"));
        assertEquals(10_000, doc.getInt(comment + ".properties.body.maxLength"));
        assertEquals("#/components/schemas/NewArticleRequest",
                doc.getString("paths.'/api/articles'.post.requestBody.content.'application/json'.schema.'$ref'"));
    }
}
