package io.conduit.users;

import static io.conduit.common.testing.PackagedServiceResource.INTERNAL_TOKEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.conduit.common.InternalCaller;
import io.conduit.common.testing.PackagedServiceChecks;
import io.conduit.common.testing.PackagedServiceResource;
import io.conduit.common.testing.TrainingLoad;
import io.conduit.common.testing.TrainingLoad.Call;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged users-service (target/quarkus-app, or the native executable with -Pnative) started as it ships,
 * in the prod profile: Flyway migrates a real PostgreSQL, registration hashes with the production Argon2id cost,
 * health and OpenAPI are on a management port of its own ({@link PackagedServiceResource}, shared with
 * posts-service's suite). Runs on every verify (-DskipITs skips it).
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedUsersServiceIT.Database.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PackagedUsersServiceIT {

    /** The management root, {@code http://localhost:<port>/q}, injected by {@link Database}. */
    URI management;

    @TestHTTPResource("/")
    URI root;

    /** Also trusts the test key pair ({@link TestTokens}) as the gateway's published keys. */
    public static class Database extends PackagedServiceResource {
        @Override
        protected Map<String, String> serviceSettings() throws IOException {
            try {
                Path jwks = Path.of(Database.class.getResource("/test-keys/jwks.json").toURI());
                return Map.of("mp.jwt.verify.publickey.location", jwks.toString());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
    }

    @Test
    void isReadyOnceItsDatabaseIsMigrated() {
        PackagedServiceChecks.assertLiveAndReady(management)
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void servesHealthMetricsAndOpenApiOnTheManagementPortOnly() {
        PackagedServiceChecks.assertManagementPortOnly(management, "/api/profiles/{username}");
    }

    @Test
    void registersThroughTheInternalApiAndServesTheProfile() {
        String name = "it" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).header(InternalCaller.HEADER, INTERNAL_TOKEN)
                .body(Map.of("user", Map.of("username", name, "email", name + "@conduit.test", "password", "secret-" + name)))
                .post("/internal/users")
                .then().statusCode(201)
                .body("user.id", greaterThan(0))
                .body("user.username", equalTo(name))
                .body("user", not(hasKey("password")));
        given().contentType(ContentType.JSON).header(InternalCaller.HEADER, INTERNAL_TOKEN)
                .body(Map.of("user", Map.of("email", name + "@conduit.test", "password", "secret-" + name)))
                .post("/internal/users/login")
                .then().statusCode(200).body("user.username", equalTo(name));
        given().get("/api/profiles/" + name).then().statusCode(200)
                .body("profile.username", equalTo(name))
                .body("profile.following", equalTo(false));
    }

    @Test
    void answersItsHotPathsUnderLoad() {
        String name = "load" + UUID.randomUUID().toString().substring(0, 8);
        long id = given().contentType(ContentType.JSON).header(InternalCaller.HEADER, INTERNAL_TOKEN)
                .body(Map.of("user", Map.of("username", name, "email", name + "@conduit.test", "password", "secret-" + name)))
                .post("/internal/users")
                .then().statusCode(201).extract().jsonPath().getLong("user.id");
        String token = "Token " + TestTokens.forUser(id);
        List<Call> calls = List.of(
                Call.get("/api/user", 200).with("Authorization", token),
                Call.get("/api/profiles/" + name, 200),
                Call.get("/api/profiles/" + name, 200).with("Authorization", token),
                Call.get("/internal/profiles?ids=" + id + "&viewer=" + id, 200).with(InternalCaller.HEADER, INTERNAL_TOKEN));
        assertEquals(2 * TrainingLoad.ROUNDS * calls.size(), TrainingLoad.run(root, calls));
    }

    @Test
    void refusesInternalCallsWithoutTheInternalToken() {
        given().get("/internal/profiles?ids=1").then().statusCode(401).contentType(ContentType.JSON)
                .body("errors.caller[0]", equalTo("is not allowed"));
        given().header(InternalCaller.HEADER, "not-" + INTERNAL_TOKEN).get("/internal/profiles?ids=1").then().statusCode(401);
        given().header(InternalCaller.HEADER, INTERNAL_TOKEN).get("/internal/profiles?ids=1").then().statusCode(200);
    }

    @Test
    void answersUnknownProfilesWithJson404() {
        given().get("/api/profiles/nobody-" + UUID.randomUUID()).then().statusCode(404).contentType(ContentType.JSON)
                .body("$", hasKey("errors"));
    }
}
