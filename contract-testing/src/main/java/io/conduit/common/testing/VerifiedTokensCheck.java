package io.conduit.common.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conduit.common.jwt.VerifiedTokens;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InstanceHandle;
import io.smallrye.jwt.auth.principal.JWTParser;

/** Which token parser a service that verifies tokens runs with; called from inside a {@code @QuarkusTest}. */
public final class VerifiedTokensCheck {

    private VerifiedTokensCheck() {
    }

    /**
     * Quarkus's JWT authentication verifies tokens through common's {@link VerifiedTokens}, which remembers
     * verifications, rather than through smallrye-jwt's own parser.
     */
    public static void assertTokensAreVerifiedThroughVerifiedTokens() {
        InstanceHandle<JWTParser> parser = Arc.container().instance(JWTParser.class);
        assertTrue(parser.isAvailable(), "no JWTParser bean");
        assertInstanceOf(VerifiedTokens.class, ClientProxy.unwrap(parser.get()));
    }
}
