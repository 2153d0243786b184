package io.conduit.users.user;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.conduit.common.ApiError;

/**
 * Slows down password guessing per email (contract section 7): after {@code max-failures} failed logins within
 * {@code window}, further attempts for that email answer 429 with {@code Retry-After} until {@code lockout}
 * has passed. State lives in the database, so every replica enforces the same limit.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "conduit.login.max-failures", defaultValue = "10")
    int maxFailures;

    @ConfigProperty(name = "conduit.login.window", defaultValue = "60s")
    Duration window;

    @ConfigProperty(name = "conduit.login.lockout", defaultValue = "60s")
    Duration lockout;

    /** Throws 429 while the email is locked out. Costs one indexed read. */
    @Transactional
    public void check(String email) {
        List<?> secondsLeft = em.createNativeQuery("SELECT CAST(ceil(extract(epoch FROM locked_until - now())) AS bigint)"
                + " FROM login_throttle WHERE email = ?1 AND locked_until > now()")
                .setParameter(1, key(email))
                .getResultList();
        if (!secondsLeft.isEmpty()) {
            throw new ThrottledException(Math.max(1, ((Number) secondsLeft.get(0)).longValue()));
        }
    }

    /** Counts a failure in the current window, and locks the email once the window holds too many. */
    @Transactional
    public void failed(String email) {
        em.createNativeQuery("""
                INSERT INTO login_throttle AS t (email, failures, window_started_at)
                VALUES (?1, 1, now())
                ON CONFLICT (email) DO UPDATE SET
                    failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ?2) THEN 1 ELSE t.failures + 1 END,
                    window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ?2) THEN now()
                                             ELSE t.window_started_at END,
                    locked_until = CASE WHEN t.window_started_at >= now() - make_interval(secs => ?2) AND t.failures + 1 >= ?3
                                        THEN now() + make_interval(secs => ?4) ELSE t.locked_until END
                """)
                .setParameter(1, key(email))
                .setParameter(2, (double) window.toSeconds())
                .setParameter(3, maxFailures)
                .setParameter(4, (double) lockout.toSeconds())
                .executeUpdate();
    }

    @Transactional
    public void succeeded(String email) {
        em.createNativeQuery("DELETE FROM login_throttle WHERE email = ?1").setParameter(1, key(email)).executeUpdate();
    }

    private static String key(String email) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        return key.length() > 254 ? key.substring(0, 254) : key;
    }

    /** 429 in the contract's error shape, with the seconds to wait. */
    static class ThrottledException extends ApiError {
        ThrottledException(long retryAfterSeconds) {
            super(429, Map.of("email or password", List.of("has failed too often; try again in " + retryAfterSeconds + " seconds")),
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }
}
