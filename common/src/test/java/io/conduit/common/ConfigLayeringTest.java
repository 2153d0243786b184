package io.conduit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * How the shared settings (common's META-INF/microprofile-config.properties, ordinal 100) and a service's own
 * application.properties (ordinal 250, as Quarkus loads it) combine, checked on the shared file itself: a service
 * overrides any shared key, in every profile, by setting the plain key; shared profile keys apply where the service
 * sets nothing; the %database. keys apply only to a service that names that profile as its parent.
 */
class ConfigLayeringTest {

    private static SmallRyeConfig config(String profile, Map<String, String> applicationProperties) throws IOException {
        URL shared = ConfigLayeringTest.class.getClassLoader().getResource("META-INF/microprofile-config.properties");
        assertNotNull(shared, "common's META-INF/microprofile-config.properties is not on the classpath");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // The active profile comes from configuration, as in Quarkus (quarkus.profile, or the launch mode's),
                // so that a parent profile (quarkus.config.profile.parent) is read too.
                .withSources(new PropertiesConfigSource(Map.of("smallrye.config.profile", profile), "launch mode", 400))
                .withSources(new PropertiesConfigSource(shared, 100))
                .withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
                .build();
    }

    private static String value(SmallRyeConfig config, String name) {
        return config.getRawValue(name);
    }

    @Test
    void sharedKeysApplyWhereTheServiceSetsNothing() throws IOException {
        SmallRyeConfig prod = config("prod", Map.of());
        assertEquals("10s", value(prod, "quarkus.shutdown.timeout"));
        assertEquals("1", value(prod, "smallrye.jwt.jwks.forced-refresh-interval"));
        assertEquals("https://conduit.local", value(prod, "mp.jwt.verify.issuer"));
        // Profile keys of the shared file: the prod one in prod, the test one in tests.
        assertEquals("true", value(prod, "quarkus.log.console.json.enabled"));
        assertEquals("2s", value(prod, "quarkus.shutdown.delay"));
        SmallRyeConfig test = config("test", Map.of());
        assertEquals("false", value(test, "quarkus.log.console.json.enabled"));
        assertEquals("0s", value(test, "quarkus.shutdown.delay"));
        assertEquals("test-internal-token", value(test, InternalCaller.TOKEN_PROPERTY));
    }

    @Test
    void aServicesPlainKeyWinsOverTheSharedOneInEveryProfile() throws IOException {
        Map<String, String> service = Map.of("quarkus.shutdown.delay", "5s", "quarkus.shutdown.timeout", "20s");
        for (String profile : new String[] {"prod", "dev", "test"}) {
            SmallRyeConfig config = config(profile, service);
            // Beats the shared plain key, and the shared %test. key too.
            assertEquals("5s", value(config, "quarkus.shutdown.delay"), profile);
            assertEquals("20s", value(config, "quarkus.shutdown.timeout"), profile);
        }
    }

    @Test
    void aServicesProfileKeyWinsInItsProfileOnly() throws IOException {
        Map<String, String> service = Map.of("%test.smallrye.jwt.jwks.refresh-interval", "1");
        assertEquals("1", value(config("test", service), "smallrye.jwt.jwks.refresh-interval"));
        assertEquals("10", value(config("prod", service), "smallrye.jwt.jwks.refresh-interval"));
    }

    @Test
    void databaseSettingsApplyOnlyToServicesWhoseParentProfileIsDatabase() throws IOException {
        String key = "quarkus.datasource.jdbc.acquisition-timeout";
        Map<String, String> withDatabase = Map.of("smallrye.config.profile.parent", "database");
        for (String profile : new String[] {"prod", "dev", "test"}) {
            assertEquals("3s", value(config(profile, withDatabase), key), profile);
            // The gateway names no parent profile: it sees no datasource key, so none can warn there.
            SmallRyeConfig gateway = config(profile, Map.of());
            assertEquals(null, value(gateway, key), profile);
            for (String name : gateway.getPropertyNames()) {
                assertFalse(name.startsWith("quarkus.datasource."), profile + ": the gateway would see " + name);
            }
        }
        // The service's own value still wins.
        assertEquals("5s", value(config("prod", Map.of("smallrye.config.profile.parent", "database", key, "5s")), key));
    }
}
