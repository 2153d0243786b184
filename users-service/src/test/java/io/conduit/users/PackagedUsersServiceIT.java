package io.conduit.users;

import static io.conduit.common.testing.PackagedServiceResource.INTERNAL_TOKEN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.conduit.common.InternalCaller;
import io.conduit.common.testing.PackagedServiceChecks;
import io.conduit.common.testing.PackagedServiceResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
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

    public static class Database extends PackagedServiceResource {
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
