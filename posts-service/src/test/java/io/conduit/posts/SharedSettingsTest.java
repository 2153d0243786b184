package io.conduit.posts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.conduit.common.testing.VerifiedTokensCheck;
import io.conduit.posts.testing.FakeUsersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The settings posts-service runs with: those shared through common's META-INF/microprofile-config.properties
 * (its %database. ones included, through {@code quarkus.config.profile.parent}), and how its own fault-tolerance
 * numbers relate to each other.
 */
@QuarkusTest
@WithTestResource(value = FakeUsersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SharedSettingsTest {

    private final Config config = ConfigProvider.getConfig();

    @Test
    void runsWithTheSharedSettings() {
        assertEquals(1, config.getValue("smallrye.jwt.jwks.forced-refresh-interval", Integer.class));
        assertEquals("https://conduit.local", config.getValue("mp.jwt.verify.issuer", String.class));
        assertEquals("test-internal-token", config.getValue("conduit.internal.token", String.class));
        assertEquals(Duration.ZERO, config.getValue("quarkus.shutdown.delay", Duration.class));
        assertEquals(Duration.ofSeconds(3), config.getValue("quarkus.datasource.jdbc.acquisition-timeout", Duration.class));
        assertEquals(Duration.ofSeconds(2),
                config.getValue("quarkus.datasource.jdbc.foreground-validation-interval", Duration.class));
    }

    @Test
    void tokensAreVerifiedThroughVerifiedTokens() {
        VerifiedTokensCheck.assertTokensAreVerifiedThroughVerifiedTokens();
    }

    @Test
    void theClientsReadTimeoutFiresBeforeTheFaultToleranceTimeout() {
        long readTimeout = config.getValue("quarkus.rest-client.users-service.read-timeout", Long.class);
        long timeout = config.getValue("Timeout/value", Long.class);
        assertTrue(readTimeout < timeout, "the REST client's read timeout (" + readTimeout + " ms) must be shorter than"
                + " the fault tolerance's Timeout/value (" + timeout + " ms), or it can never fire");
    }
}
