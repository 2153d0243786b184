package io.conduit.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Deterministic races against a service's database, for a {@code @QuarkusTest}: a connection of the test's own (not
 * one of the service's pool) writes a row in a transaction it keeps open, the test sends a request that must come to
 * wait for that transaction, and commits once PostgreSQL reports the request's session blocked by the holder's
 * backend ({@code pg_blocking_pids}), never after a pause. Works with the service's own database however the test
 * profile provides it (here quarkus-embedded-postgresql); the PostgreSQL driver comes with the service's classpath.
 */
public final class RowLocks {

    /** How long a request may take to come to wait for the holder, and to be answered once the holder commits. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    /** How long each look at the request waits for it to be answered before PostgreSQL is asked again. */
    private static final long LOOK_MILLIS = 10;

    private RowLocks() {
    }

    /** A new connection to the database the service under test uses ({@code quarkus.datasource.*}). */
    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /**
     * A write that another transaction makes and holds: {@link Holding#send} runs {@code sql} (which must change
     * exactly one row) with {@code parameters} in a transaction of a connection of its own, sends the request, waits
     * until the request is blocked by that transaction, commits it, and answers the request's answer.
     */
    public static Holding whileAnotherTransactionHolds(String sql, Object... parameters) {
        return new Holding(sql, List.of(parameters));
    }

    /** See {@link RowLocks#whileAnotherTransactionHolds}. */
    public record Holding(String sql, List<Object> parameters) {

        /**
         * Runs the write in an open transaction, sends {@code request} on another thread, waits until its session is
         * blocked by the transaction ({@link RowLocks#awaitBlockedBy}), commits, and answers what {@code request}
         * answered, within {@link RowLocks#DEADLINE}.
         */
        public <T> T send(Supplier<T> request) throws Exception {
            CompletableFuture<T> sent;
            try (Connection holder = connect()) {
                holder.setAutoCommit(false);
                try (PreparedStatement statement = holder.prepareStatement(sql)) {
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                    }
                    assertEquals(1, statement.executeUpdate(), "the other transaction must write one row: " + sql);
                }
                sent = CompletableFuture.supplyAsync(request);
                awaitBlockedBy(holder, sent);
                holder.commit();
            }
            return sent.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * Returns once some session of the database is blocked by a lock that {@code holder}'s open transaction holds
     * (a row lock, or the transaction itself, as an insert into a unique index waits for an uncommitted duplicate),
     * while {@code request} is still unanswered. Fails as soon as {@code request} is answered without having come to
     * wait, or after {@link #DEADLINE}, listing what the database's sessions are doing.
     */
    public static void awaitBlockedBy(Connection holder, CompletableFuture<?> request) throws SQLException {
        int pid = backendPid(holder);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Connection watcher = connect();
                PreparedStatement blocked = watcher.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid)))")) {
            blocked.setInt(1, pid);
            while (true) {
                try (ResultSet row = blocked.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        assertFalse(request.isDone(), "a session is blocked by the other transaction (pid " + pid
                                + "), but not the request's: the request was answered already");
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("the request never came to wait for the other transaction (pid " + pid + ") within "
                            + DEADLINE.toSeconds() + " s; the database's sessions: " + sessions(watcher));
                }
                // The state wait proper: the request being answered, which ends the test's premise.
                try {
                    Object answer = request.get(LOOK_MILLIS, TimeUnit.MILLISECONDS);
                    fail("the request was answered without waiting for the other transaction (pid " + pid
                            + "), which holds the row it writes; answer: " + describe(answer));
                } catch (TimeoutException stillInFlight) {
                    // Not answered yet: ask PostgreSQL again.
                } catch (ExecutionException failed) {
                    fail("the request failed before it came to wait for the other transaction (pid " + pid + ")",
                            failed.getCause());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    fail("interrupted while waiting for the request to be blocked", interrupted);
                }
            }
        }
    }

    /** A REST Assured answer as its status and the start of its body; anything else as itself. */
    private static String describe(Object answer) {
        if (answer instanceof ValidatableResponse validatable) {
            answer = validatable.extract().response();
        }
        String described = answer instanceof Response response
                ? response.statusCode() + " " + response.asString()
                : String.valueOf(answer);
        return described.length() > 300 ? described.substring(0, 300) + "..." : described;
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The other sessions of the watcher's database: pid, state, wait event, blockers, the start of the query. */
    private static List<String> sessions(Connection watcher) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement statement = watcher.prepareStatement("SELECT pid, state, wait_event_type, wait_event,"
                + " pg_blocking_pids(pid) AS blockers, left(query, 120) AS query FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY pid");
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                sessions.add(row.getInt("pid") + " " + row.getString("state") + " waiting on "
                        + row.getString("wait_event_type") + "/" + row.getString("wait_event") + " blocked by "
                        + Arrays.toString((Integer[]) row.getArray("blockers").getArray()) + ": "
                        + row.getString("query"));
            }
        }
        return sessions;
    }
}
