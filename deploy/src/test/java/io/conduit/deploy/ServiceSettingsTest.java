package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * What the deployment files take from the services' application.properties: the management interface is on,
 * on its own fixed port per service (the Dockerfiles, compose files and manifests point probes, health checks and
 * Prometheus at it), and the environment variables compose and Kubernetes set are the ones the services read.
 */
class ServiceSettingsTest {

    /** The management ports fixed for the project (gateway, users-service, posts-service). */
    static final Map<String, Integer> EXPECTED = Map.of("gateway", 9000, "users-service", 9001, "posts-service", 9002);

    @Test
    void everyServiceServesManagementOnItsOwnPort() {
        assertEquals(EXPECTED, Repo.MANAGEMENT, "quarkus.management.port of each service");
        Set<Integer> all = new HashSet<>(Repo.SERVICES.values());
        for (String service : Repo.SERVICES.keySet()) {
            Properties props = Repo.applicationProperties(service);
            assertEquals("true", props.getProperty("quarkus.management.enabled", "").strip(),
                    service + ": quarkus.management.enabled (health and metrics would be on the public port)");
            assertEquals(String.valueOf(Repo.SERVICES.get(service)), props.getProperty("quarkus.http.port", "").strip(),
                    service + ": quarkus.http.port");
            assertNotEquals(Repo.SERVICES.get(service), Repo.MANAGEMENT.get(service), service + ": management on the public port");
            assertTrue(all.add(Repo.MANAGEMENT.get(service)), service + ": management port " + Repo.MANAGEMENT.get(service) + " is taken");
            for (String key : props.stringPropertyNames()) {
                // One value in every profile that runs the packaged application: the deployment files hard-code it.
                boolean packagedProfile = key.startsWith("%") && !key.startsWith("%test.") && !key.startsWith("%dev.");
                assertFalse(packagedProfile && key.matches("%[^.]+\\.quarkus\\.management\\.(port|enabled)"),
                        service + " overrides " + key + "; the deployment files assume " + Repo.MANAGEMENT.get(service));
            }
        }
        for (String service : Repo.MANAGEMENT_URL_ENV.keySet()) {
            assertEquals("true", Repo.applicationProperties(service).getProperty("quarkus.smallrye-openapi.management.enabled", "").strip(),
                    service + " serves its OpenAPI document on the management interface (the gateway reads it there)");
        }
    }

    @Test
    void theGatewayReadsTheManagementUrlsTheDeploymentFilesSet() {
        String gateway = String.join("\n", Repo.applicationProperties("gateway").values().stream().map(String::valueOf).toList());
        for (String env : Repo.MANAGEMENT_URL_ENV.values()) {
            assertTrue(gateway.contains("${" + env + ":") || gateway.contains("${" + env + "}"),
                    "gateway/src/main/resources/application.properties does not read " + env);
        }
    }

    @Test
    void everyServiceReadsTheInternalTokenTheDeploymentFilesSet() {
        for (String service : Repo.SERVICES.keySet()) {
            assertEquals("${" + Repo.INTERNAL_TOKEN_ENV + "}",
                    Repo.applicationProperties(service).getProperty("conduit.internal.token", "").strip(),
                    service + ": conduit.internal.token must come from " + Repo.INTERNAL_TOKEN_ENV + " with no default");
        }
    }
}
