package io.conduit.common;

import java.sql.SQLException;

/**
 * A statement PostgreSQL refused or could not run, unchecked so a {@code @Transactional} method rolls back. The
 * {@link SQLException} is the cause: {@link SqlErrors} and the error mappers read its SQLState.
 */
public class SqlFailure extends RuntimeException {

    public SqlFailure(String sql, SQLException cause) {
        super("SQL failed (" + cause.getSQLState() + "): " + sql, cause);
    }
}
