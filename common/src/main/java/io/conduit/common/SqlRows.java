package io.conduit.common;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.hibernate.Session;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Read queries as plain prepared statements on the session's own connection (so inside the caller's transaction),
 * each row mapped by column name to a typed value. The statement goes through Hibernate's JDBC coordinator, so it is
 * counted in Hibernate's statistics, logged like Hibernate's own SQL, released with the session, and a failure
 * arrives as Hibernate's {@code JDBCException} (with the {@link SQLException} as its cause) like any other query's.
 * <p>
 * Why not Hibernate's native queries: with a result type ({@code createNativeQuery(sql, Long.class)}, or
 * {@code Tuple.class} with {@code addScalar}) Hibernate caches an interpretation per execution under keys that never
 * equal one another yet share a hash, so its query plan cache fills up and every later execution scans it: in
 * {@code make bench} that scan was up to half of a service's CPU (JFR: {@code SelectInterpretationsKey.equals}).
 * Here a query costs one prepared statement, which pgjdbc keeps prepared on the server per connection and SQL text.
 */
public final class SqlRows {

    /** Reads one row; called once per row, with the cursor on it. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private SqlRows() {
    }

    /** Every row of {@code sql} run with {@code parameters} bound in order to its {@code ?} placeholders. */
    public static <T> List<T> list(Session session, String sql, Row<T> row, Object... parameters) {
        SharedSessionContractImplementor owner = session.unwrap(SharedSessionContractImplementor.class);
        JdbcCoordinator jdbc = owner.getJdbcCoordinator();
        PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            ResultSet rows = jdbc.getResultSetReturn().extract(statement, sql);
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(row.read(rows));
            }
            return result;
        } catch (SQLException e) {
            throw owner.getJdbcServices().getSqlExceptionHelper().convert(e, "could not read rows", sql);
        } finally {
            jdbc.getLogicalConnection().getResourceRegistry().release(statement);
            jdbc.afterStatementExecution();
        }
    }

    /** The one row {@code sql} answers (an aggregate, say); fails when there is none. */
    public static <T> T single(Session session, String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(session, sql, row, parameters);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " from " + sql);
        }
        return rows.get(0);
    }

    /** A {@code timestamptz} column as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
