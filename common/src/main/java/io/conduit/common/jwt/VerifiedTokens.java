package io.conduit.common.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The token verifier of users-service and posts-service: smallrye-jwt's parser (which Quarkus's JWT authentication
 * uses), except that it remembers, for a short while, tokens it has verified, so a client that sends the same token with
 * every request pays for one RS256 verification per {@link #REMEMBERED_FOR} instead of one per request (in
 * {@code make bench} the verification was a third of users-service's CPU for {@code GET /api/user}).
 * <p>
 * What is remembered is the exact token text, signature included, so no other text can match it; a token that fails
 * verification is never remembered. A remembered token is accepted only before its own {@code exp} and for at most
 * {@link #REMEMBERED_FOR} after it was verified, so a key withdrawn from the JWKS stops being honoured within that time,
 * as it would for a service whose JWKS refresh had not yet run. At most {@link #MAX_TOKENS} are kept; beyond that the
 * memory starts afresh.
 * <p>
 * The gateway, which verifies no tokens, excludes this bean ({@code quarkus.arc.exclude-types}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    static final Duration REMEMBERED_FOR = Duration.ofSeconds(60);
    static final int MAX_TOKENS = 10_000;

    /** The full verification of a token (signature, issuer, audience, expiry): smallrye-jwt's own, by default. */
    @FunctionalInterface
    interface Verifier {
        JsonWebToken verify(String token) throws ParseException;
    }

    private record Verified(JsonWebToken token, long usableUntilMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Verifier verifier;
    private final Clock clock;

    public VerifiedTokens() {
        this.verifier = super::parse;
        this.clock = Clock.systemUTC();
    }

    VerifiedTokens(Verifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(token);
        if (known != null && now < known.usableUntilMillis()) {
            return known.token();
        }
        JsonWebToken fresh = verifier.verify(token);
        long expires = fresh.getExpirationTime() * 1000;
        if (verified.size() >= MAX_TOKENS) {
            verified.clear();
        }
        verified.put(token, new Verified(fresh, Math.min(expires, now + REMEMBERED_FOR.toMillis())));
        return fresh;
    }
}
