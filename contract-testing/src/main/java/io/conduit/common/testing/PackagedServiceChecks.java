package io.conduit.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.net.URI;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What every packaged service answers on its management interface ({@link PackagedServiceResource}'s management
 * root) and refuses on its public port.
 */
public final class PackagedServiceChecks {

    private PackagedServiceChecks() {
    }

    /** Live and ready; returns the readiness answer, for a service's own checks of it. */
    public static ValidatableResponse assertLiveAndReady(URI management) {
        given().get(management + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
        return given().get(management + "/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * Metrics, and an OpenAPI document that lists {@code publicPath}, on the management interface; on the public port
     * health, metrics and OpenAPI are JSON 404s.
     */
    public static void assertManagementPortOnly(URI management, String publicPath) {
        given().get(management + "/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(management + "/openapi?format=json").then().statusCode(200).contentType(ContentType.JSON)
                .body("paths", hasKey(publicPath));
        for (String path : new String[] {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"}) {
            given().get(path).then().statusCode(404).contentType(ContentType.JSON).body("$", hasKey("errors"));
        }
    }
}
