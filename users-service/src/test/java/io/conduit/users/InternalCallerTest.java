package io.conduit.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.conduit.common.InternalCaller;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Every {@code /internal} endpoint answers only callers that present the internal credential. */
@QuarkusTest
class InternalCallerTest {

    private static final String REFUSED = "is not allowed";

    /** One request to each internal endpoint, sent with whatever credential the spec carries. */
    private static List<Function<RequestSpecification, Response>> everyInternalEndpoint(Account someone) {
        Map<String, Object> registration = Map.of("user", Map.of("username", Accounts.unique("caller"),
                "email", Accounts.unique("caller") + "@conduit.test", "password", "pw-long-enough"));
        Map<String, Object> credentials = Map.of("user", Map.of("email", someone.email(), "password", someone.password()));
        return List.of(
                spec -> spec.contentType(ContentType.JSON).body(registration).post("/internal/users"),
                spec -> spec.contentType(ContentType.JSON).body(credentials).post("/internal/users/login"),
                spec -> spec.queryParam("ids", someone.id()).get("/internal/profiles"),
                spec -> spec.get("/internal/profiles/" + someone.username()),
                spec -> spec.get("/internal/users/" + someone.id() + "/followees"));
    }

    @Test
    void refusesCallersWithoutTheCredential() {
        Account someone = Accounts.register();
        String right = Internal.token();
        for (var call : everyInternalEndpoint(someone)) {
            call.apply(given()).then().statusCode(401).contentType(ContentType.JSON).body("errors.caller", contains(REFUSED));
            for (String wrong : List.of("", "wrong", right + "x", right.substring(1), right.toUpperCase())) {
                call.apply(given().header(InternalCaller.HEADER, wrong)).then().statusCode(401)
                        .body("errors.caller", contains(REFUSED));
            }
            // Two copies, one of them right, are not the right credential.
            call.apply(given().header(InternalCaller.HEADER, right).header(InternalCaller.HEADER, "wrong")).then()
                    .statusCode(401).body("errors.caller", contains(REFUSED));
        }
    }

    @Test
    void servesCallersWithTheCredential() {
        Account someone = Accounts.register();
        var calls = everyInternalEndpoint(someone);
        int[] expected = {201, 200, 200, 200, 200};
        for (int i = 0; i < calls.size(); i++) {
            calls.get(i).apply(Internal.given()).then().statusCode(expected[i]);
        }
    }

    /** Once a request matches an internal endpoint, the caller is checked before its body or parameters are read. */
    @Test
    void checksTheCallerBeforeLookingAtTheRequest() {
        given().contentType(ContentType.JSON).body("{\"user\": {").post("/internal/users")
                .then().statusCode(401).body("errors.caller", contains(REFUSED));
        given().contentType(ContentType.JSON).body("x".repeat(100_000)).post("/internal/users/login")
                .then().statusCode(401).body("errors.caller", contains(REFUSED));
        given().queryParam("ids", "x").get("/internal/profiles").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/internal/users/%00/followees").then().statusCode(401);
    }

    @Test
    void publicEndpointsNeedNoCredential() {
        Account someone = Accounts.register();
        given().get("/api/profiles/" + someone.username()).then().statusCode(200);
        given().header("Authorization", "Token " + someone.token()).get("/api/user").then().statusCode(200);
    }
}
