package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** During a rotation the gateway signs with the new key and keeps publishing the retired one. */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotating.class)
@WithTestResource(FakeUpstream.class)
class KeyRotationTest {

    public static class Rotating implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("conduit.jwt.retired-public-key-locations", "src/test/resources/retired-public.pem");
        }
    }

    @Test
    void publishesTheRetiredKeyBesideTheCurrentOneAndSignsWithTheCurrent() {
        List<String> kids = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys", hasSize(2)).extract().path("keys.kid");
        assertNotEquals(kids.get(0), kids.get(1));

        String token = given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", "old@conduit.test", "password", "right")))
                .post("/api/users/login").then().statusCode(200).extract().path("user.token");
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertEquals(kids.get(0), header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1"), "signed with the current key");
    }
}
