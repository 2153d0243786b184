package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** What a hostile or sloppy client meets at the public edge: JSON for every refusal, and the edge's headers. */
@QuarkusTest
@WithTestResource(FakeUpstream.class)
class EdgeTest {

    private static final String CHUNKED_PUT = "PUT /api/user HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";

    @TestHTTPResource("/")
    java.net.URL root;

    @Test
    void answersMalformedUrisWithJson400() throws IOException {
        // Raw request lines: HTTP clients refuse to send such URIs, attackers do not.
        for (String uri : new String[] {"/api/articles/%zz", "/api/articles?tag=100%", "/api/profiles/a%2", "/api/user?x=%GG"}) {
            String response = exchange("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", new byte[0]);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
            assertTrue(response.endsWith("{\"errors\":{\"url\":[\"is not a valid URL\"]}}"), response);
        }
    }

    @Test
    void answersOverlongUrisAndHeadersWithJson() {
        given().urlEncodingEnabled(false).get("/api/articles?tag=" + "t".repeat(9_000)).then()
                .statusCode(414).contentType(ContentType.JSON).body("errors", hasKey("url"));
        given().header("Authorization", "Token " + "a".repeat(100_000)).get("/api/user").then()
                .statusCode(431).contentType(ContentType.JSON).body("errors", hasKey("headers"));
    }

    @Test
    void answersAChunkedBodyOverTheLimitWithJson413() throws IOException {
        String response = exchange(CHUNKED_PUT, chunked(1_100_000));
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
        assertTrue(response.contains("{\"errors\":{\"body\":["), response);
    }

    @Test
    void forwardsAChunkedBodyWithinTheLimit() throws IOException {
        String response = exchange(CHUNKED_PUT, chunked(300_000));
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("\"bodyLength\":" + json(300_000).length()), response);
    }

    @Test
    void routesSlugsAndUsernamesThatMerelyContainInternal() {
        given().get("/api/profiles/internal42").then().statusCode(200).body("uri", equalTo("/api/profiles/internal42"));
        given().get("/api/profiles/internal-affairs/follow").then().statusCode(200)
                .body("uri", equalTo("/api/profiles/internal-affairs/follow"));
        // Still never a way to another owner's paths or to /internal.
        given().urlEncodingEnabled(false).get("/api/profiles/..%2F..%2Finternal%2Fusers").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/profiles/%252e%252e%252f%252e%252e%252finternal").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/profiles/..%2Farticles").then().statusCode(404);
    }

    @Test
    void presentsTheInternalCredentialOnlyOnInternalCallsAndNeverRelaysAClientsCopy() {
        given().contentType(ContentType.JSON).body("{\"user\":{\"email\":\"a@b.c\",\"password\":\"right\"}}")
                .post("/api/users/login").then().statusCode(200).body("user.token", not(nullValue()));
        given().header("X-Conduit-Internal-Token", "forged").get("/api/user").then().statusCode(200)
                .body("internalToken", equalTo("null"));
    }

    @Test
    void overwritesAClientSentForwardedFor() {
        given().header("X-Forwarded-For", "203.0.113.9").get("/api/user").then().statusCode(200)
                .body("forwardedFor", equalTo("127.0.0.1"));
    }

    @Test
    void putsTheEdgeHeadersOnEveryResponse() {
        given().get("/api/user").then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Vary", containsString("Origin"));
        given().contentType(ContentType.JSON).body("{\"user\":{\"email\":\"a@b.c\",\"password\":\"wrong\"}}")
                .post("/api/users/login").then().statusCode(401)
                .header("WWW-Authenticate", "Token")
                .header("Cache-Control", "no-store");
        given().header("Origin", "http://elsewhere.test").get("/.well-known/jwks.json").then().statusCode(200)
                .header("Vary", containsString("Origin"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/api/nothing-here").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void namesTheAllowedMethodsOn405() {
        given().post("/.well-known/jwks.json").then().statusCode(405).contentType(ContentType.JSON)
                .header("Allow", containsString("GET"));
        given().get("/api/users/login").then().statusCode(405).contentType(ContentType.JSON).header("Allow", "POST");
        given().post("/api/openapi").then().statusCode(405).contentType(ContentType.JSON).header("Allow", "GET, HEAD");
    }

    private String exchange(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                new ByteArrayInputStream(body).transferTo(out);
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before it has read the whole body.
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String json(int size) {
        return "{\"user\":{\"bio\":\"" + "b".repeat(size - 20) + "\"}}";
    }

    /** {@link #json} in 8 KiB chunks. */
    private static byte[] chunked(int size) {
        byte[] bytes = json(size).getBytes(StandardCharsets.UTF_8);
        var out = new java.io.ByteArrayOutputStream();
        for (int from = 0; from < bytes.length; from += 8192) {
            int len = Math.min(8192, bytes.length - from);
            out.writeBytes((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, from, len);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
