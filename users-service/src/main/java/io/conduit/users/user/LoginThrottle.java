package io.conduit.users.user;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.SqlRows;

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

    /** The seconds left of each lock on the email, for every client ({@code ?} 1) and for this one (2, 3). */
    private static final String SECONDS_LOCKED = """
            SELECT CAST(ceil(extract(epoch FROM locked_until - now())) AS bigint) FROM login_throttle
                WHERE email = ? AND locked_until > now()
            UNION ALL
            SELECT CAST(ceil(extract(epoch FROM locked_until - now())) AS bigint) FROM login_throttle_client
                WHERE email = ? AND client = ? AND locked_until > now()
            """;

    /**
     * The upsert's update, after the insert's own parameters: the window in seconds (three times), the failures
     * that lock, the lockout in seconds.
     */
    private static final String COUNT_FAILURE = """

                failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ?) THEN 1 ELSE t.failures + 1 END,
                window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ?) THEN now()
                                         ELSE t.window_started_at END,
                locked_until = CASE WHEN t.window_started_at >= now() - make_interval(secs => ?) AND t.failures + 1 >= ?
                                    THEN now() + make_interval(secs => ?) ELSE t.locked_until END
            """;

    /** Parameters: email, client, then those of {@link #COUNT_FAILURE}. */
    private static final String COUNT_CLIENT_FAILURE = """
            INSERT INTO login_throttle_client AS t (email, client, failures, window_started_at)
            VALUES (?, ?, 1, now())
            ON CONFLICT (email, client) DO UPDATE SET""" + COUNT_FAILURE;

    /** Parameters: email, then those of {@link #COUNT_FAILURE}. */
    private static final String COUNT_EMAIL_FAILURE = """
            INSERT INTO login_throttle AS t (email, failures, window_started_at)
            VALUES (?, 1, now())
            ON CONFLICT (email) DO UPDATE SET""" + COUNT_FAILURE;

    /** Rows whose window (in seconds: the parameter) has passed and that lock nothing. */
    private static final String EXPIRED = " WHERE window_started_at < now() - make_interval(secs => ?)"
            + " AND (locked_until IS NULL OR locked_until < now())";
    private static final List<String> PURGES =
            List.of("DELETE FROM login_throttle" + EXPIRED, "DELETE FROM login_throttle_client" + EXPIRED);

    @Inject
    DataSource db;

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
        List<Long> secondsLeft = SqlRows.list(db, SECONDS_LOCKED, row -> row.getLong(1), key(email), key(email), client);
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
        double window = settings.window().toSeconds();
        double lockout = settings.lockout().toSeconds();
        SqlRows.update(db, COUNT_CLIENT_FAILURE, key(email), client, window, window, window, settings.maxFailures(), lockout);
        SqlRows.update(db, COUNT_EMAIL_FAILURE, key(email), window, window, window, settings.maxFailuresPerEmail(), lockout);
        if (failures.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired();
        }
    }

    /** Clears this client's failures for the email; failures of other clients still count towards the ceiling. */
    @Transactional
    public void succeeded(String email, String client) {
        SqlRows.update(db, "DELETE FROM login_throttle_client WHERE email = ? AND client = ?", key(email), client);
    }

    /**
     * Rows whose window has passed and that lock nothing count as much as no row (the next failure starts a new
     * window), so they go: without this, every (email, client) pair ever seen would stay.
     */
    private void purgeExpired() {
        double window = settings.window().toSeconds();
        for (String purge : PURGES) {
            SqlRows.update(db, purge, window);
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
