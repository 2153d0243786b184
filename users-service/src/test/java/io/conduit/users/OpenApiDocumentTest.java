package io.conduit.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document (management interface) shows the field rules of the request bodies, because they are the
 * request records' Bean Validation constraints: what is required and how long each text may be.
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** The management root, {@code http://localhost:<random port>/q}. */
    @TestHTTPResource(management = true)
    URL management;

    private JsonPath document() {
        return given().queryParam("format", "json").get(management.toString().replaceAll("/+$", "") + "/openapi").then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    @Test
    void showsWhatARequestRequiresAndHowLongItsTextMayBe() {
        JsonPath doc = document();
        String registration = "components.schemas.Registration";
        assertThat(doc.getList(registration + ".required"), containsInAnyOrder("username", "email", "password"));
        assertEquals(64, doc.getInt(registration + ".properties.username.maxLength"));
        assertEquals(254, doc.getInt(registration + ".properties.email.maxLength"));
        assertEquals(256, doc.getInt(registration + ".properties.password.maxLength"));
        assertThat(doc.getList("components.schemas.RegistrationRequest.required"), hasItem("user"));
        assertThat(doc.getList("components.schemas.Credentials.required"), containsInAnyOrder("email", "password"));

        String changes = "components.schemas.Changes";
        assertNull(doc.get(changes + ".required"), "a partial update requires nothing");
        assertEquals(1000, doc.getInt(changes + ".properties.bio.maxLength"));
        assertEquals(2048, doc.getInt(changes + ".properties.image.maxLength"));
        assertEquals(64, doc.getInt(changes + ".properties.username.maxLength"));
        assertEquals("#/components/schemas/UpdateRequest",
                doc.getString("paths.'/api/user'.put.requestBody.content.'application/json'.schema.'$ref'"));
    }
}
