package io.conduit.common.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.ParseException;

/** What a remembered verification may and may not stand in for, on a clock the test moves. */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

    /** A verifier that accepts the tokens it was told about (with their exp) and records its verifications. */
    static final class CountingVerifier implements VerifiedTokens.Verifier {
        final Map<String, Long> valid = new HashMap<>();
        final List<String> verified = new ArrayList<>();

        @Override
        public JsonWebToken verify(String token) throws ParseException {
            verified.add(token);
            Long exp = valid.get(token);
            if (exp == null) {
                throw new ParseException("bad signature");
            }
            return new Token(token, exp);
        }
    }

    record Token(String getRawToken, long getExpirationTime) implements JsonWebToken {
        @Override
        public String getName() {
            return getRawToken;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            return "exp".equals(claimName) ? (T) Long.valueOf(getExpirationTime) : null;
        }
    }

    private final CountingVerifier verifier = new CountingVerifier();
    private Instant now = START;
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    private long expiresIn(Duration d) {
        return START.plus(d).getEpochSecond();
    }

    @Test
    void theSameTokenAgainIsNotVerifiedAgain() throws ParseException {
        verifier.valid.put("a", expiresIn(Duration.ofHours(1)));
        JsonWebToken first = tokens.parse("a");
        now = now.plusSeconds(30);
        assertSame(first, tokens.parse("a"));
        assertEquals(List.of("a"), verifier.verified);
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() throws ParseException {
        verifier.valid.put("a", expiresIn(Duration.ofHours(1)));
        verifier.valid.put("b", expiresIn(Duration.ofHours(1)));
        tokens.parse("a");
        tokens.parse("b");
        assertEquals(List.of("a", "b"), verifier.verified);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(List.of("forged", "forged"), verifier.verified);
    }

    @Test
    void aVerificationStandsForAMinuteAtMost() throws ParseException {
        verifier.valid.put("a", expiresIn(Duration.ofHours(1)));
        tokens.parse("a");
        now = START.plus(VerifiedTokens.REMEMBERED_FOR).minusMillis(1);
        tokens.parse("a");
        assertEquals(1, verifier.verified.size());
        // Say its key was withdrawn meanwhile: the next use is verified again, and refused.
        verifier.valid.remove("a");
        now = START.plus(VerifiedTokens.REMEMBERED_FOR);
        assertThrows(ParseException.class, () -> tokens.parse("a"));
        assertEquals(2, verifier.verified.size());
    }

    @Test
    void aTokenPastItsExpiryIsVerifiedAgain() throws ParseException {
        verifier.valid.put("short", expiresIn(Duration.ofSeconds(10)));
        tokens.parse("short");
        now = START.plusSeconds(10);
        verifier.valid.remove("short");  // the real verifier refuses an expired token
        assertThrows(ParseException.class, () -> tokens.parse("short"));
        assertEquals(2, verifier.verified.size());
    }

    @Test
    void theMemoryIsBounded() throws ParseException {
        for (int i = 0; i <= VerifiedTokens.MAX_TOKENS; i++) {
            verifier.valid.put("t" + i, expiresIn(Duration.ofHours(1)));
            tokens.parse("t" + i);
        }
        // The first token was forgotten when the memory filled up and started afresh.
        tokens.parse("t0");
        assertEquals(VerifiedTokens.MAX_TOKENS + 2, verifier.verified.size());
    }
}
