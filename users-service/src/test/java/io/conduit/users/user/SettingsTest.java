package io.conduit.users.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The typed settings of users-service: their defaults (written once, in the interfaces), and that the environment
 * variables operators set still reach them under the documented names.
 */
class SettingsTest {

    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                // As Quarkus reads durations ("60s" as well as "PT60S").
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withMapping(LoginSettings.class)
                .withMapping(PasswordSettings.class)
                .build();
    }

    @Test
    void defaults() {
        SmallRyeConfig config = config(Map.of(), Map.of());
        LoginSettings login = config.getConfigMapping(LoginSettings.class);
        assertEquals(10, login.maxFailures());
        assertEquals(100, login.maxFailuresPerEmail());
        assertEquals(Duration.ofSeconds(60), login.window());
        assertEquals(Duration.ofSeconds(60), login.lockout());
        PasswordSettings password = config.getConfigMapping(PasswordSettings.class);
        assertEquals(12288, password.memoryKib());
        assertEquals(3, password.iterations());
        assertEquals(1, password.parallelism());
        assertEquals(0, password.maxConcurrent());
        assertEquals(5000, password.queueTimeoutMs());
    }

    @Test
    void environmentVariablesAndPropertiesSetThem() {
        SmallRyeConfig config = config(
                Map.of("CONDUIT_LOGIN_MAX_FAILURES", "7", "CONDUIT_LOGIN_WINDOW", "2m",
                        "CONDUIT_PASSWORD_MEMORY_KIB", "65536", "CONDUIT_PASSWORD_QUEUE_TIMEOUT_MS", "250"),
                Map.of("conduit.login.lockout", "5m", "conduit.password.max-concurrent", "3"));
        LoginSettings login = config.getConfigMapping(LoginSettings.class);
        assertEquals(7, login.maxFailures());
        assertEquals(Duration.ofMinutes(2), login.window());
        assertEquals(Duration.ofMinutes(5), login.lockout());
        PasswordSettings password = config.getConfigMapping(PasswordSettings.class);
        assertEquals(65536, password.memoryKib());
        assertEquals(250, password.queueTimeoutMs());
        assertEquals(3, password.maxConcurrent());
    }
}
