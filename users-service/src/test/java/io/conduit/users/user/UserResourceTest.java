package io.conduit.users.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.conduit.users.Internal;
import io.conduit.users.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class UserResourceTest {

    private static ValidatableResponse update(String token, Map<String, Object> changes) {
        return given().header("Authorization", "Token " + token).contentType(ContentType.JSON)
                .body(Map.of("user", changes)).put("/api/user").then();
    }

    private static ValidatableResponse login(String email, String password) {
        return Internal.given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", email, "password", password)))
                .post("/internal/users/login").then();
    }

    private static ValidatableResponse getUser(String authorization) {
        return given().header("Authorization", authorization).get("/api/user").then();
    }

    @Test
    void returnsTheCallerWithTheTokenTheyPresented() {
        Account me = Accounts.register();
        getUser("Token " + me.token()).statusCode(200)
                .body("user.username", equalTo(me.username()))
                .body("user.email", equalTo(me.email()))
                .body("user.token", equalTo(me.token()))
                .body("user.bio", nullValue());
        getUser("Bearer " + me.token()).statusCode(200);
    }

    @Test
    void refusesMissingForgedExpiredAndUnsignedTokens() {
        Account me = Accounts.register();
        given().get("/api/user").then().statusCode(401).body("errors.token", contains("is missing"));
        getUser("Token garbage").statusCode(401);
        getUser("Token").statusCode(401);
        getUser("Token " + TestTokens.signedByForeignKey(me.id())).statusCode(401);
        getUser("Token " + TestTokens.expired(me.id())).statusCode(401);
        getUser("Token " + TestTokens.withIssuer(me.id(), "https://evil.example")).statusCode(401);
        String payload = me.token().split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        getUser("Token " + header + "." + payload + ".").statusCode(401);
        getUser("Token " + TestTokens.forUser(987_654_321L)).statusCode(401);
    }

    @Test
    void acceptsTokensFromEveryPublishedKeyDuringARotation() {
        Account me = Accounts.register();
        getUser("Token " + TestTokens.forUser(me.id())).statusCode(200);
        getUser("Token " + TestTokens.signedByPreviousKey(me.id())).statusCode(200).body("user.username", equalTo(me.username()));
        getUser("Token " + TestTokens.signedByForeignKeyWithUnknownKid(me.id())).statusCode(401);
    }

    @Test
    void updatesFieldsAndClearsBioAndImage() {
        Account me = Accounts.register();
        update(me.token(), Map.of("bio", "I write", "image", "https://img.example/me.png")).statusCode(200)
                .body("user.bio", equalTo("I write")).body("user.image", equalTo("https://img.example/me.png"));
        update(me.token(), Map.of("username", me.username())).statusCode(200).body("user.bio", equalTo("I write"));

        Map<String, Object> clear = new HashMap<>();
        clear.put("bio", null);
        clear.put("image", "");
        update(me.token(), clear).statusCode(200).body("user.bio", nullValue()).body("user.image", nullValue());
    }

    @Test
    void changesPasswordAndKeepsItWhenTheBoxIsEmpty() {
        Account me = Accounts.register();
        update(me.token(), Map.of("password", "")).statusCode(200);
        login(me.email(), me.password()).statusCode(200);

        update(me.token(), Map.of("password", "a brand new secret")).statusCode(200);
        login(me.email(), me.password()).statusCode(401);
        login(me.email(), "a brand new secret").statusCode(200);
    }

    @Test
    void renamesWhileOlderTokensKeepWorking() {
        Account me = Accounts.register();
        String renamed = Accounts.unique("renamed");
        update(me.token(), Map.of("username", renamed)).statusCode(200).body("user.username", equalTo(renamed));
        given().get("/api/profiles/" + me.username()).then().statusCode(404);
        given().get("/api/profiles/" + renamed).then().statusCode(200);
        getUser("Token " + me.token()).statusCode(200).body("user.username", equalTo(renamed));
    }

    @Test
    void namesTheAllowedMethodsOn405() {
        given().patch("/api/user").then().statusCode(405).contentType(ContentType.JSON)
                .header("Allow", equalTo("GET, HEAD, OPTIONS, PUT"));
        given().put("/api/profiles/someone").then().statusCode(405).header("Allow", equalTo("GET, HEAD, OPTIONS"));
    }

    @Test
    void rejectsEmptyInvalidAndTakenChanges() {
        Account me = Accounts.register();
        Account other = Accounts.register();
        update(me.token(), Map.of()).statusCode(422).body("errors.user", contains("must change at least one field"));
        update(me.token(), Map.of("email", "   ")).statusCode(422).body("errors.email", contains("can't be blank"));
        update(me.token(), Map.of("email", other.email().toUpperCase())).statusCode(422)
                .body("errors.email", contains("has already been taken"));
        update(me.token(), Map.of("username", other.username())).statusCode(422)
                .body("errors.username", contains("has already been taken"));
        update(me.token(), Map.of("bio", "b".repeat(1001))).statusCode(422)
                .body("errors.bio", contains("is too long (maximum is 1000 characters)"));
        update(me.token(), Map.of("bio", 7)).statusCode(422);
        // A wrong type is 422 on its field whatever its size, even beyond the JSON parser's number limits.
        String hugeNumber = "9".repeat(5_000);
        given().header("Authorization", "Token " + me.token()).contentType(ContentType.JSON)
                .body("{\"user\":{\"bio\":" + hugeNumber + "}}").put("/api/user").then()
                .statusCode(422).body("errors.bio", contains("is invalid"));
        Internal.given().contentType(ContentType.JSON)
                .body("{\"user\":{\"username\":" + hugeNumber + ".5,\"email\":\"n@x.io\",\"password\":\"p\"}}")
                .post("/internal/users").then().statusCode(422).body("errors.username", contains("is invalid"));
        given().header("Authorization", "Token " + me.token()).contentType(ContentType.JSON).body("{}")
                .put("/api/user").then().statusCode(422).body("errors.user", contains("can't be blank"));
    }

    @Test
    void rejectsRenamesToUsernamesThatCannotRoundTripThroughAPathSegment() {
        Account me = Accounts.register();
        for (String name : List.of(".", "..", "a/b", "a\\b", "a?b", "a#b")) {
            update(me.token(), Map.of("username", name)).statusCode(422).body("errors.username[0]", startsWith("is invalid"));
        }
        getUser("Token " + me.token()).statusCode(200).body("user.username", equalTo(me.username()));
    }

    @Test
    void refusesTwoAuthorizationHeaders() {
        Account me = Accounts.register();
        Account other = Accounts.register();
        String mine = "Token " + me.token();
        List<List<String>> pairs = List.of(
                List.of(mine, "Token " + other.token()), List.of(mine, mine), List.of(mine, "Token garbage"),
                List.of("Token garbage", mine), List.of(mine, "Bearer " + me.token()));
        for (List<String> pair : pairs) {
            given().header("Authorization", pair.get(0)).header("Authorization", pair.get(1)).get("/api/user")
                    .then().statusCode(401).contentType(ContentType.JSON).body("errors", hasKey("token"));
            given().header("Authorization", pair.get(0)).header("Authorization", pair.get(1)).contentType(ContentType.JSON)
                    .body(Map.of("user", Map.of("bio", "hijacked"))).put("/api/user").then().statusCode(401);
            given().header("Authorization", pair.get(0)).header("Authorization", pair.get(1))
                    .get("/api/profiles/" + other.username()).then().statusCode(401);
            given().header("Authorization", pair.get(0)).header("Authorization", pair.get(1))
                    .post("/api/profiles/" + other.username() + "/follow").then().statusCode(401);
            given().header("Authorization", pair.get(0)).header("Authorization", pair.get(1))
                    .delete("/api/profiles/" + other.username() + "/follow").then().statusCode(401);
        }
        getUser(mine).statusCode(200).body("user.bio", nullValue());
        given().header("Authorization", mine).get("/api/profiles/" + other.username()).then().statusCode(200)
                .body("profile.following", equalTo(false));
        // Endpoints without auth ignore the header, however many there are.
        Internal.given().header("Authorization", mine).header("Authorization", "Token garbage").contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("email", me.email(), "password", me.password())))
                .post("/internal/users/login").then().statusCode(200);
    }
}
