package io.conduit.posts.common;

import java.sql.SQLException;

/** Recognises PostgreSQL constraint violations and transaction conflicts anywhere in an exception's cause chain. */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable e, String constraint) {
        SQLException sql = find(e, UNIQUE_VIOLATION);
        return sql != null && String.valueOf(sql.getMessage()).contains("\"" + constraint + "\"");
    }

    public static boolean isForeignKeyViolation(Throwable e) {
        return find(e, FOREIGN_KEY_VIOLATION) != null;
    }

    /** The transaction lost a lock conflict and was rolled back: running it again is safe. */
    public static boolean isTransactionConflict(Throwable e) {
        return find(e, DEADLOCK_DETECTED) != null || find(e, SERIALIZATION_FAILURE) != null;
    }

    private static SQLException find(Throwable e, String state) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }
}
