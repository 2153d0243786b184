package io.conduit.common;

import java.sql.SQLException;
import java.util.function.Predicate;

/** Recognises PostgreSQL errors (by SQLState) anywhere in an exception's cause chain. */
public final class SqlErrors {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** SQLState class 22: a value the database cannot take (NUL in text, numeric overflow, invalid encoding). */
    public static final String DATA_EXCEPTION_CLASS = "22";

    private SqlErrors() {
    }

    public static boolean isUniqueViolation(Throwable e, String constraint) {
        SQLException sql = find(e, UNIQUE_VIOLATION);
        return sql != null && String.valueOf(sql.getMessage()).contains("\"" + constraint + "\"");
    }

    public static boolean isForeignKeyViolation(Throwable e) {
        return find(e, FOREIGN_KEY_VIOLATION) != null;
    }

    /** The first {@link SQLException} in the cause chain with this SQLState, or null. */
    public static SQLException find(Throwable e, String state) {
        return find(e, sql -> state.equals(sql.getSQLState()));
    }

    /** The first throwable of this type in the cause chain, or null. */
    public static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first {@link SQLException} in the cause chain that {@code test} accepts, or null. */
    public static SQLException find(Throwable e, Predicate<SQLException> test) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && test.test(sql)) {
                return sql;
            }
        }
        return null;
    }
}
