package io.conduit.users.user;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.conduit.common.ApiError;

/**
 * Slows down password guessing (contract section 7) without letting a stranger lock the owner out:
 * <ul>
 * <li>per email <em>and client</em>: after {@code max-failures} failed logins within {@code window} from one
 * client, further attempts for that email from that client answer 429 with {@code Retry-After} until
 * {@code lockout} has passed. The same email from another client is not affected;</li>
 * <li>per email across all clients: after {@code max-failures-per-email} failures within {@code window}, from
 * however many clients, every attempt for that email answers 429 until {@code lockout} has passed
 * (distributed guessing).</li>
 * </ul>
 * The client is the address the gateway forwards (see {@link #clientKey}). A successful login clears that
 * client's count for the email, not the count across clients. State lives in the database, so every replica
 * enforces the same limits. Limits are {@link LoginSettings} ({@code conduit.login.*}).
 */
@ApplicationScoped
public class LoginThrottle {

    /** Longest client key stored; an IPv6 address with a zone fits. */
    static final int CLIENT_MAX = 64;
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:%_\\[\\]-]{1," + CLIENT_MAX + "}");
    /** Expired rows are deleted after every this many failures (of this replica). */
    private static final int PURGE_EVERY = 500;

    @Inject
    EntityManager em;

    @Inject
    Session session;

    @Inject
    LoginSettings settings;

    private final AtomicLong failures = new AtomicLong();

    /**
     * The client a login comes from: the first address of {@code X-Forwarded-For} (the gateway overwrites the
     * header with the address it sees; {@code /internal} trusts it because only callers with the internal
     * credential reach it), else the connection's remote address. A value that is not address-like (it never is
     * from the gateway) falls back to the remote address, so nothing unbounded or unstorable becomes a key.
     */
    public static String clientKey(String forwardedFor, String remoteAddress) {
        if (forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).strip();
            if (ADDRESS.matcher(first).matches()) {
                return first.toLowerCase(Locale.ROOT);
            }
        }
        if (remoteAddress != null && ADDRESS.matcher(remoteAddress).matches()) {
            return remoteAddress.toLowerCase(Locale.ROOT);
        }
        return "unknown";
    }

    /** Throws 429 while the email is locked for this client or for every client. Costs two indexed reads. */
    @Transactional
    public void check(String email, String client) {
        List<Long> secondsLeft = session.createNativeQuery("""
                SELECT CAST(ceil(extract(epoch FROM locked_until - now())) AS bigint) FROM login_throttle
                    WHERE email = ?1 AND locked_until > now()
                UNION ALL
                SELECT CAST(ceil(extract(epoch FROM locked_until - now())) AS bigint) FROM login_throttle_client
                    WHERE email = ?1 AND client = ?2 AND locked_until > now()
                """, Long.class)
                .setParameter(1, key(email))
                .setParameter(2, client)
                .getResultList();
        long wait = secondsLeft.stream().mapToLong(Long::longValue).max().orElse(0);
        if (!secondsLeft.isEmpty()) {
            throw new ThrottledException(Math.max(1, wait));
        }
    }

    /**
     * Counts a failure in the current window of this email and client, and of this email across clients; each
     * locks once its window holds too many.
     */
    @Transactional
    public void failed(String email, String client) {
        em.createNativeQuery("""
                INSERT INTO login_throttle_client AS t (email, client, failures, window_started_at)
                VALUES (?1, ?5, 1, now())
                ON CONFLICT (email, client) DO UPDATE SET""" + COUNT_FAILURE)
                .setParameter(1, key(email))
                .setParameter(2, (double) settings.window().toSeconds())
                .setParameter(3, settings.maxFailures())
                .setParameter(4, (double) settings.lockout().toSeconds())
                .setParameter(5, client)
                .executeUpdate();
        em.createNativeQuery("""
                INSERT INTO login_throttle AS t (email, failures, window_started_at)
                VALUES (?1, 1, now())
                ON CONFLICT (email) DO UPDATE SET""" + COUNT_FAILURE)
                .setParameter(1, key(email))
                .setParameter(2, (double) settings.window().toSeconds())
                .setParameter(3, settings.maxFailuresPerEmail())
                .setParameter(4, (double) settings.lockout().toSeconds())
                .executeUpdate();
        if (failures.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired();
        }
    }

    /** The upsert's update: ?2 window seconds, ?3 failures that lock, ?4 lockout seconds. */
    private static final String COUNT_FAILURE = """

                failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ?2) THEN 1 ELSE t.failures + 1 END,
                window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ?2) THEN now()
                                         ELSE t.window_started_at END,
                locked_until = CASE WHEN t.window_started_at >= now() - make_interval(secs => ?2) AND t.failures + 1 >= ?3
                                    THEN now() + make_interval(secs => ?4) ELSE t.locked_until END
            """;

    /** Clears this client's failures for the email; failures of other clients still count towards the ceiling. */
    @Transactional
    public void succeeded(String email, String client) {
        em.createNativeQuery("DELETE FROM login_throttle_client WHERE email = ?1 AND client = ?2")
                .setParameter(1, key(email))
                .setParameter(2, client)
                .executeUpdate();
    }

    /**
     * Rows whose window has passed and that lock nothing count as much as no row (the next failure starts a new
     * window), so they go: without this, every (email, client) pair ever seen would stay.
     */
    private void purgeExpired() {
        for (String table : List.of("login_throttle", "login_throttle_client")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE window_started_at < now() - make_interval(secs => ?1)"
                    + " AND (locked_until IS NULL OR locked_until < now())")
                    .setParameter(1, (double) settings.window().toSeconds())
                    .executeUpdate();
        }
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
