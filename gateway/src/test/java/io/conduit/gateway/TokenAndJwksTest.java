package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(FakeUpstream.class)
class TokenAndJwksTest {

    @Test
    void publishesOnlyPublicRsaSigningKeys() {
        given().get("/.well-known/jwks.json").then().statusCode(200).contentType(ContentType.JSON)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kid", notNullValue())
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")))
                .body("keys[0]", not(hasKey("q")));
    }

    @Test
    void registrationAnswersTheUserWithATokenThatVerifiesAgainstTheJwks() throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "newbie", "email", "new@conduit.test", "password", "pw")))
                .post("/api/users")
                .then().statusCode(201)
                .body("user.username", equalTo("newbie"))
                .body("user.email", equalTo("new@conduit.test"))
                .body("user.bio", nullValue())
                .body("user", not(hasKey("id")))
                .extract().path("user.token");

        JwtClaims claims = verifier().processToClaims(token);
        assertEquals(Long.toString(FakeUpstream.REGISTERED_ID), claims.getSubject());
        assertEquals(List.of("conduit"), claims.getAudience());
        assertTrue(claims.getExpirationTime().getValue() > System.currentTimeMillis() / 1000);
    }

    @Test
    void loginSignsForTheAccountUsersServiceVouchedFor() throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", "old@conduit.test", "password", "right")))
                .post("/api/users/login")
                .then().statusCode(200).extract().path("user.token");
        assertEquals(Long.toString(FakeUpstream.LOGGED_IN_ID), verifier().processToClaims(token).getSubject());
    }

    @Test
    void passesUsersServiceRefusalsThroughUnchanged() {
        given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", "old@conduit.test", "password", "wrong")))
                .post("/api/users/login")
                .then().statusCode(401).body("errors.'email or password'[0]", equalTo("is invalid"))
                .body("$", not(hasKey("user")));
        given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "taken", "email", "t@conduit.test", "password", "pw")))
                .post("/api/users")
                .then().statusCode(422).body("errors.username[0]", equalTo("has already been taken"));
    }

    /**
     * A 2xx from users-service whose body holds no account is a JSON 502, never a request left open: the socket
     * timeout is only the deadline that turns a hang into a failure of this test.
     */
    @Test
    void answersA2xxWithoutAnAccountWithJson502() {
        RestAssuredConfig deadline = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 60_000));
        for (String notAnAccount : FakeUpstream.NOT_AN_ACCOUNT.keySet()) {
            given().config(deadline).contentType(ContentType.JSON)
                    .body(Map.of("user", Map.of("email", "old@conduit.test", "password", notAnAccount)))
                    .post("/api/users/login")
                    .then().statusCode(502).contentType(ContentType.JSON)
                    .body("errors.upstream[0]", equalTo("users-service answered with an unexpected body"));
            given().config(deadline).contentType(ContentType.JSON)
                    .body(Map.of("user", Map.of("username", notAnAccount, "email", "n@conduit.test", "password", "pw")))
                    .post("/api/users")
                    .then().statusCode(502).contentType(ContentType.JSON)
                    .body("errors.upstream[0]", equalTo("users-service answered with an unexpected body"));
        }
    }

    @Test
    void onlyPostIsAllowedOnTheAccountEndpoints() {
        given().get("/api/users").then().statusCode(405).contentType(ContentType.JSON).body("errors", hasKey("method"));
        given().get("/api/users/login").then().statusCode(405).contentType(ContentType.JSON);
    }

    @Test
    void refusesTokensFromAnotherKey() throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", "old@conduit.test", "password", "right")))
                .post("/api/users/login").then().extract().path("user.token");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertFalse(verifies(tampered));
        assertTrue(verifies(token));
    }

    private static boolean verifies(String token) {
        try {
            verifier().processToClaims(token);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static JwtConsumer verifier() throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer("https://conduit.local")
                .setExpectedAudience("conduit")
                .setVerificationKeyResolver((jws, nesting) -> selectKey(jwks, jws))
                .build();
    }

    private static java.security.Key selectKey(JsonWebKeySet jwks, JsonWebSignature jws) {
        try {
            JsonWebKey key = new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys());
            if (key == null) {
                throw new IllegalStateException("no published key for kid " + jws.getKeyIdHeaderValue());
            }
            return key.getKey();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
