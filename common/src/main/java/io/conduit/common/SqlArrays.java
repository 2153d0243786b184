package io.conduit.common;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Many ids as one statement parameter: bound as text and compared with {@code = ANY (CAST(:ids AS bigint[]))}, so
 * the SQL text, and the prepared statement pgjdbc keeps per connection for it, is the same whatever the number of
 * ids (an {@code IN (:ids)} list expands to one placeholder per id: a new statement for every list length).
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** PostgreSQL's array literal of these ids, e.g. {@code {3,5,8}}. */
    public static String bigints(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
