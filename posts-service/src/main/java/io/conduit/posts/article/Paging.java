package io.conduit.posts.article;

import java.math.BigInteger;

import io.conduit.common.ApiError;

/**
 * {@code limit} and {@code offset} of a list request (CONTRACT.md section 4). Only plain decimal digits
 * are accepted; an empty value counts as absent; a limit above 100 counts as 100, however many digits
 * it has; an offset may be any size.
 *
 * @param offset the number of matches to skip, not a page index
 */
record Paging(int limit, BigInteger offset) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final BigInteger MAX_LIMIT_BIG = BigInteger.valueOf(MAX_LIMIT);

    static Paging parse(String limit, String offset) {
        int parsedLimit = DEFAULT_LIMIT;
        if (present(limit)) {
            BigInteger value = digits(limit, "limit");
            if (value.signum() == 0) {
                throw ApiError.unprocessable("limit", "must be at least 1");
            }
            parsedLimit = value.min(MAX_LIMIT_BIG).intValue();
        }
        BigInteger parsedOffset = present(offset) ? digits(offset, "offset") : BigInteger.ZERO;
        return new Paging(parsedLimit, parsedOffset);
    }

    /** Whether the page starts within {@code total} matches; past the end there is nothing to fetch. */
    boolean startsBefore(long total) {
        return offset.compareTo(BigInteger.valueOf(total)) < 0;
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static BigInteger digits(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw ApiError.unprocessable(field, "must be a whole number written in digits");
            }
        }
        return new BigInteger(value);
    }
}
