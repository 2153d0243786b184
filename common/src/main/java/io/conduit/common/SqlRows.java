package io.conduit.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

/**
 * The services' one way to PostgreSQL: each query or write is one prepared statement on a connection from the
 * datasource (Agroal). Inside a {@code @Transactional} method Agroal hands every call the transaction's own connection
 * and keeps it until commit or rollback; outside one, each statement commits on its own. A {@link SQLException}
 * arrives wrapped in {@link SqlFailure}, so the error mappers and {@link SqlErrors} find its SQLState in the cause
 * chain and the transaction rolls back.
 * <p>
 * Why plain JDBC and not an ORM: every read here was already hand-written SQL (Hibernate's native queries filled
 * its query plan cache and cost up to half a service's CPU in {@code make bench}), and Hibernate ORM was ~5,000 of
 * users-service's 16,800 loaded classes: start-up time and resident memory for mapping four tables.
 * pgjdbc keeps a statement prepared on the server per connection and SQL text, so the SQL texts are constants.
 */
public final class SqlRows {

    private static final LongAdder STATEMENTS = new LongAdder();

    /** Reads one row; called once per row, with the cursor on it. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private SqlRows() {
    }

    /** Every row of {@code sql} run with {@code parameters} bound in order to its {@code ?} placeholders. */
    public static <T> List<T> list(DataSource db, String sql, Row<T> row, Object... parameters) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /** The one row {@code sql} answers (an aggregate, an {@code INSERT … RETURNING}); fails when there is none. */
    public static <T> T single(DataSource db, String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(db, sql, row, parameters);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " from " + sql);
        }
        return rows.get(0);
    }

    /** Runs a write ({@code INSERT}, {@code UPDATE}, {@code DELETE}) and answers how many rows it touched. */
    public static int update(DataSource db, String sql, Object... parameters) {
        try (Connection connection = db.getConnection();
                PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /** A {@code timestamptz} column as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * How many statements this process has sent through this class: the tests that prove a response costs a fixed
     * number of statements, whatever the page size, read it before and after a request.
     */
    public static long statementsRun() {
        return STATEMENTS.sum();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                // pgjdbc binds java.time's offset types, not Instant.
                Object value = parameters[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : parameters[i];
                statement.setObject(i + 1, value);
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        STATEMENTS.increment();
        return statement;
    }
}
