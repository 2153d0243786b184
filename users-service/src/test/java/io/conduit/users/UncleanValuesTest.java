package io.conduit.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Values PostgreSQL cannot store (U+0000, unpaired surrogates, bytes that are not UTF-8) and values no account
 * can have, sent where they name something (a path segment), filter something (a query parameter) or would be
 * stored (a JSON field): 404, 422 or an ordinary answer, never a 5xx, and never a query that fails.
 */
@QuarkusTest
class UncleanValuesTest {

    /** Path segments as sent on the wire (percent-encoded, not encoded again). */
    private static final List<String> SEGMENTS = List.of(
            "%00", "a%00b", "%ED%A0%80", "x%ED%B0%80", "%C0%80", "%FF%FE", "%F0%9F%98%80", "u".repeat(65), "%E2%80%AE" + "v".repeat(70));

    private static RequestSpecification raw() {
        return given().urlEncodingEnabled(false);
    }

    private static RequestSpecification rawInternal() {
        return Internal.given().urlEncodingEnabled(false);
    }

    @Test
    void profilesNamedByUnstorableValuesAreNotFound() {
        Account me = Accounts.register();
        String auth = "Token " + me.token();
        for (String segment : SEGMENTS) {
            String path = "/api/profiles/" + segment;
            raw().get(path).then().statusCode(404).contentType(ContentType.JSON).body("errors.profile", contains("not found"));
            raw().header("Authorization", auth).get(path).then().statusCode(404).body("errors.profile", contains("not found"));
            raw().header("Authorization", auth).post(path + "/follow").then().statusCode(404)
                    .body("errors.profile", contains("not found"));
            raw().header("Authorization", auth).delete(path + "/follow").then().statusCode(404)
                    .body("errors.profile", contains("not found"));
            rawInternal().get("/internal/profiles/" + segment).then().statusCode(404).body("errors.profile", contains("not found"));
            rawInternal().get("/internal/profiles/" + segment + "?viewer=" + me.id()).then().statusCode(404)
                    .body("errors.profile", contains("not found"));
            rawInternal().get("/internal/users/" + segment + "/followees").then().statusCode(404)
                    .body("errors.user", contains("not found"));
        }
    }

    @Test
    void malformedIdsAndViewersAre422() {
        Account me = Accounts.register();
        for (String ids : List.of("%00", "1,%ED%A0%80", "%D9%A1", "99999999999999999999", "1,,2", "0x10", "%2B1", "1e3")) {
            rawInternal().get("/internal/profiles?ids=" + ids).then().statusCode(422).contentType(ContentType.JSON)
                    .body("errors", hasKey("ids"));
        }
        for (String viewer : List.of("%00", "%ED%A0%80", "x", "%D9%A1", "99999999999999999999")) {
            rawInternal().get("/internal/profiles?ids=" + me.id() + "&viewer=" + viewer).then().statusCode(422)
                    .body("errors.viewer", contains("must be an integer"));
            rawInternal().get("/internal/profiles/" + me.username() + "?viewer=" + viewer).then().statusCode(422)
                    .body("errors.viewer", contains("must be an integer"));
        }
        for (String id : List.of("x", "%D9%A1", "99999999999999999999", "-0x1")) {
            rawInternal().get("/internal/users/" + id + "/followees").then().statusCode(404).body("errors.user", contains("not found"));
        }
        // An empty viewer is no viewer.
        rawInternal().get("/internal/profiles?ids=" + me.id() + "&viewer=").then().statusCode(200);
    }

    @Test
    void unstorableTextInJsonFieldsIs422OnTheField() {
        Account me = Accounts.register();
        for (String bad : List.of("a\\u0000b", "\\ud800x", "x\\udc00")) {
            Internal.given().contentType(ContentType.JSON)
                    .body("{\"user\":{\"email\":\"" + bad + "@conduit.test\",\"password\":\"pw\"}}")
                    .post("/internal/users/login").then().statusCode(422).body("errors", hasKey("email"));
            Internal.given().contentType(ContentType.JSON)
                    .body("{\"user\":{\"email\":\"" + me.email() + "\",\"password\":\"" + bad + "\"}}")
                    .post("/internal/users/login").then().statusCode(422).body("errors", hasKey("password"));
            for (String field : List.of("username", "email", "password")) {
                String name = Accounts.unique("clean");
                String user = "{\"username\":\"" + (field.equals("username") ? bad : name) + "\","
                        + "\"email\":\"" + (field.equals("email") ? bad + "@conduit.test" : name + "@conduit.test") + "\","
                        + "\"password\":\"" + (field.equals("password") ? bad : "pw-" + name) + "\"}";
                Internal.given().contentType(ContentType.JSON).body("{\"user\":" + user + "}").post("/internal/users")
                        .then().statusCode(422).body("errors", hasKey(field));
            }
            for (String field : List.of("username", "email", "password", "bio", "image")) {
                given().header("Authorization", "Token " + me.token()).contentType(ContentType.JSON)
                        .body("{\"user\":{\"" + field + "\":\"" + bad + (field.equals("email") ? "@conduit.test" : "") + "\"}}")
                        .put("/api/user").then().statusCode(422).body("errors", hasKey(field));
            }
        }
        // Nothing was stored or throttled along the way: the account still signs in.
        Internal.given().contentType(ContentType.JSON)
                .body("{\"user\":{\"email\":\"" + me.email() + "\",\"password\":\"" + me.password() + "\"}}")
                .post("/internal/users/login").then().statusCode(200);
    }
}
