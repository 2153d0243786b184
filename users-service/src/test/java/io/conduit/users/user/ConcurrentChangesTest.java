package io.conduit.users.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * An account change reads the account and then writes only the columns it changes. Each test lets the change read
 * the row while another transaction (the test's own connection) holds an uncommitted write of that row, so the
 * change's {@code UPDATE} waits for it; the test commits once PostgreSQL reports the wait, never after a pause.
 */
@QuarkusTest
class ConcurrentChangesTest {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aChangeOfTheBioKeepsAnImageSetConcurrently() throws Exception {
        Account me = Accounts.register();
        CompletableFuture<ValidatableResponse> change;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            run(other, "UPDATE users SET image = 'https://img.example/concurrent.png' WHERE id = ?", me.id());
            change = CompletableFuture.supplyAsync(() -> update(me.token(), Map.of("bio", "written meanwhile")));
            awaitBlockedBy(other, change);
            other.commit();
        }
        change.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode(200).body("user.bio", equalTo("written meanwhile"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement("SELECT bio, image FROM users WHERE id = ?")) {
            read.setLong(1, me.id());
            try (ResultSet row = read.executeQuery()) {
                row.next();
                assertEquals("written meanwhile", row.getString("bio"));
                assertEquals("https://img.example/concurrent.png", row.getString("image"),
                        "the change of the bio must not write the image it read before the other change committed");
            }
        }
    }

    @Test
    void aChangeOfAnAccountDeletedMeanwhileIsAnUnknownCaller() throws Exception {
        Account me = Accounts.register();
        CompletableFuture<ValidatableResponse> change;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            run(other, "DELETE FROM users WHERE id = ?", me.id());
            change = CompletableFuture.supplyAsync(() -> update(me.token(), Map.of("bio", "too late")));
            awaitBlockedBy(other, change);
            other.commit();
        }
        change.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).statusCode(401).contentType(ContentType.JSON)
                .body("errors.token", contains("names a user that no longer exists"));
    }

    private static ValidatableResponse update(String token, Map<String, Object> changes) {
        return given().header("Authorization", "Token " + token).contentType(ContentType.JSON)
                .body(Map.of("user", changes)).put("/api/user").then();
    }

    private static void run(Connection connection, String sql, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            assertEquals(1, statement.executeUpdate());
        }
    }

    /** Waits until some session waits for a lock that {@code holder}'s transaction holds. */
    private void awaitBlockedBy(Connection holder, CompletableFuture<?> request) throws SQLException {
        int pid;
        try (PreparedStatement statement = holder.prepareStatement("SELECT pg_backend_pid()");
                ResultSet row = statement.executeQuery()) {
            row.next();
            pid = row.getInt(1);
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (Connection watcher = dataSource.getConnection();
                PreparedStatement blocked = watcher.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))")) {
            blocked.setInt(1, pid);
            while (true) {
                try (ResultSet row = blocked.executeQuery()) {
                    row.next();
                    if (row.getLong(1) > 0) {
                        return;
                    }
                }
                if (request.isDone()) {
                    fail("the change was answered without waiting for the other transaction's row lock");
                }
                if (System.nanoTime() > deadline) {
                    fail("the change never came to wait for the other transaction's row lock");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }
}
