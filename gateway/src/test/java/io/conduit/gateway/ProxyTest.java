package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(FakeUpstream.class)
class ProxyTest {

    @Test
    void keepsUpstreamStatusHeadersAndBody() {
        given().get("/api/profiles/teapot").then()
                .statusCode(418)
                .header("X-Upstream", "kept")
                .body("teapot", equalTo(true));
    }

    @Test
    void forwardsMethodQueryAuthorizationAndStreamedBody() {
        String body = "{\"user\":{\"bio\":\"" + "b".repeat(200_000) + "\"}}";
        given().header("Authorization", "Token abc.def.ghi").contentType(ContentType.JSON)
                .body(body)
                .put("/api/user?x=1").then()
                .statusCode(200)
                .body("method", equalTo("PUT"))
                .body("uri", equalTo("/api/user?x=1"))
                .body("authorization", equalTo("Token abc.def.ghi"))
                .body("forwardedFor", equalTo("127.0.0.1"))
                .body("bodyLength", equalTo(body.length()));
    }

    @Test
    void keepsASaneRequestIdAndCreatesOneOtherwise() {
        given().header("X-Request-Id", "trace-123").get("/api/user").then()
                .header("X-Request-Id", "trace-123")
                .body("requestId", equalTo("trace-123"));
        String created = given().header("X-Request-Id", "bad id with spaces").get("/api/user").then()
                .extract().header("X-Request-Id");
        given().get("/api/user").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        org.hamcrest.MatcherAssert.assertThat(created, matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void propagatesW3cTraceContext() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get("/api/user").then()
                .statusCode(200)
                .body("traceparent", matchesPattern("00-" + traceId + "-(?!00f067aa0ba902b7)[0-9a-f]{16}-[0-9a-f]{2}"));
        // Without one, the gateway starts a trace of its own.
        given().get("/api/user").then().statusCode(200)
                .body("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"));
    }

    @Test
    void answersADownUpstreamWithJson503() {
        given().get("/api/articles").then()
                .statusCode(503).contentType(ContentType.JSON)
                .body("errors.upstream[0]", containsString("posts-service"));
    }

    @Test
    void answersASlowUpstreamWithJson504WithinTheReadTimeout() {
        // The fake never answers while the tests run (FakeUpstream): only the gateway's read timeout (1 s here)
        // can end the request, and its 504 (not the fake's 200) is the proof.
        given().get("/api/profiles/slow").then().statusCode(504).contentType(ContentType.JSON)
                .body("errors", hasKey("upstream"));
    }

    @Test
    void neverExposesInternalEndpoints() {
        given().get("/internal/users").then().statusCode(404).contentType(ContentType.JSON);
        given().urlEncodingEnabled(false).get("/api/%2e%2e/internal/users").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/profiles/..%2F..%2Finternal%2Fusers").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/user/../../internal/users/1/followees").then().statusCode(404);
    }

    @Test
    void answersUnknownRoutesAndOversizedBodiesWithJson() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON).body("errors", hasKey("route"));
        given().contentType(ContentType.JSON).body("{\"user\":{\"bio\":\"" + "x".repeat(1_048_577) + "\"}}")
                .put("/api/user").then().statusCode(413).contentType(ContentType.JSON).body("errors", hasKey("body"));
    }

    @Test
    void answersCorsPreflightsNamingAuthorization() {
        given().header("Origin", "http://localhost:4100")
                .header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/articles/some-slug").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:4100")
                .header("Access-Control-Allow-Methods", containsString("DELETE"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }
}
