package io.conduit.common;

import java.sql.SQLException;
import java.util.function.Function;

import javax.sql.DataSource;

/**
 * A table of pairs of ids that has no entity (posts-service's favorites: article and user; users-service's follows:
 * follower and followee): a pair is only ever added or removed, each as a single idempotent statement, so parallel
 * identical requests all succeed, count once and never race into a duplicate-key error.
 */
public final class PairTable {

    private final String insert;
    private final String delete;

    /** The pairs {@code (first, second)} of {@code table}; the names are the code's own constants, never input. */
    public PairTable(String table, String first, String second) {
        this.insert = "INSERT INTO " + table + " (" + first + ", " + second + ") VALUES (?, ?) ON CONFLICT DO NOTHING";
        this.delete = "DELETE FROM " + table + " WHERE " + first + " = ? AND " + second + " = ?";
    }

    /**
     * Adds the pair unless it is there. Callers look up what the pair refers to first; should a row be deleted in
     * between, its foreign key refuses the insert, and what {@code vanished} makes of that violation (a 404, say) is
     * thrown instead. Any other failure is thrown as it is.
     */
    public void add(DataSource db, long first, long second, Function<SQLException, RuntimeException> vanished) {
        try {
            SqlRows.update(db, insert, first, second);
        } catch (SqlFailure e) {
            SQLException violation = SqlErrors.find(e, SqlErrors.FOREIGN_KEY_VIOLATION);
            throw violation == null ? e : vanished.apply(violation);
        }
    }

    /** Removes the pair if it is there. */
    public void remove(DataSource db, long first, long second) {
        SqlRows.update(db, delete, first, second);
    }
}
