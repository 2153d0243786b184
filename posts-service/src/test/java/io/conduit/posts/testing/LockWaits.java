package io.conduit.posts.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A connection of the test's own to the service's database, to hold a row or an uncommitted value while a request
 * runs, and a wait, inside PostgreSQL, until that request is blocked on it.
 */
public final class LockWaits {

    private LockWaits() {
    }

    /** A new connection to the database the service under test uses. */
    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /**
     * Returns once some session of this database waits on a lock, or fails after 30 s with {@code neverWaited}.
     * PostgreSQL does the waiting, refreshing its activity snapshot on each look.
     */
    public static void awaitALockWaiter(String neverWaited) throws SQLException {
        try (Connection watcher = connect(); var statement = watcher.createStatement()) {
            statement.execute("""
                    DO $$
                    DECLARE deadline timestamptz := clock_timestamp() + interval '30 seconds';
                    BEGIN
                      LOOP
                        PERFORM pg_stat_clear_snapshot();
                        EXIT WHEN clock_timestamp() > deadline OR EXISTS (SELECT 1 FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock');
                        PERFORM pg_sleep(0.02);
                      END LOOP;
                    END $$""");
            try (var waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
                waiting.next();
                assertTrue(waiting.getLong(1) > 0, neverWaited);
            }
        }
    }
}
