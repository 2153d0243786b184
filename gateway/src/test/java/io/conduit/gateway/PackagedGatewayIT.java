package io.conduit.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.conduit.common.InternalCaller;
import io.conduit.common.testing.TrainingLoad;
import io.conduit.common.testing.TrainingLoad.Call;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged gateway (target/quarkus-app, or the native executable with -Pnative) started as it ships, in the
 * prod profile, with its signing key from a file as in a container, and FakeUpstream standing in for
 * users-service. Health and metrics are on the management interface, on a free port the test hands over as
 * {@code quarkus.management.port} (a packaged application does not use the test port settings), so the test
 * never collides with a running stack. Runs with -DskipITs=false (make test-it).
 */
@QuarkusIntegrationTest
@WithTestResource(value = FakeUpstream.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = PackagedGatewayIT.SigningKeyFile.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PackagedGatewayIT {

    /** The management root, {@code http://localhost:<port>/q}, injected by {@link SigningKeyFile}. */
    URI management;

    @TestHTTPResource("/")
    URI root;

    /**
     * A fresh PKCS#8 key in target/, handed to the packaged application as CONDUIT_JWT_PRIVATE_KEY_LOCATION would be,
     * and a free management port.
     */
    public static class SigningKeyFile implements QuarkusTestResourceLifecycleManager {
        private URI management;

        @Override
        public void inject(TestInjector testInjector) {
            testInjector.injectIntoFields(management, new TestInjector.MatchesType(URI.class));
        }

        @Override
        public Map<String, String> start() {
            try (ServerSocket free = new ServerSocket(0)) {
                management = URI.create("http://localhost:" + free.getLocalPort() + "/q");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                Path file = Path.of("target", "it-keys", "jwt-private.pem").toAbsolutePath();
                Files.createDirectories(file.getParent());
                Files.writeString(file, pem);
                return Map.of("conduit.jwt.private-key-location", file.toString(),
                        "quarkus.management.port", Integer.toString(free.getLocalPort()),
                        // The token FakeUpstream (users-service) accepts on /internal.
                        InternalCaller.TOKEN_PROPERTY, "test-internal-token");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void reportsHealthy() {
        given().get(management + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesHealthAndMetricsOnTheManagementPortOnly() {
        given().get(management + "/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"}) {
            given().get(path).then().statusCode(404).contentType(ContentType.JSON).body("errors", hasKey("route"));
        }
    }

    @Test
    void signsARegistrationTokenThatItsJwksVerifies() throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "newbie", "email", "new@conduit.test", "password", "pw")))
                .post("/api/users")
                .then().statusCode(201).body("user.username", equalTo("newbie"))
                .extract().path("user.token");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        JsonWebKeySet jwks = new JsonWebKeySet(given().get("/.well-known/jwks.json").asString());
        jws.setKey(new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys()).getKey());
        assertEquals(true, jws.verifySignature());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals(Long.toString(FakeUpstream.REGISTERED_ID), claims.getSubject());
        assertEquals(List.of("conduit"), claims.getAudience());
    }

    @Test
    void publishesItsPublicSigningKey() {
        given().get("/.well-known/jwks.json").then().statusCode(200).contentType(ContentType.JSON)
                .body("keys.size()", equalTo(1))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0]", not(hasKey("d")));
    }

    @Test
    void answersUnknownRoutesWithJson() {
        given().get("/api/nothing-here").then().statusCode(404).contentType(ContentType.JSON).body("errors", hasKey("route"));
        given().get("/internal/users").then().statusCode(404).contentType(ContentType.JSON);
    }

    @Test
    void proxiesItsHotPathsUnderLoad() {
        List<Call> calls = List.of(
                Call.get("/api/user", 200).with("Authorization", "Token header.payload.signature"),
                Call.get("/api/profiles/someone", 200),
                Call.get("/.well-known/jwks.json", 200));
        assertEquals(2 * TrainingLoad.ROUNDS * calls.size(), TrainingLoad.run(root, calls));
    }
}
