package io.conduit.posts.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import io.conduit.common.ApiError;

class PagingTest {

    @Test
    void defaultsToTwentyFromTheStart() {
        assertEquals(new Paging(20, BigInteger.ZERO), Paging.parse(null, null));
        assertEquals(new Paging(20, BigInteger.ZERO), Paging.parse("", ""));
    }

    @Test
    void acceptsPlainDigitsAndCapsTheLimitAtOneHundred() {
        assertEquals(new Paging(1, BigInteger.valueOf(24)), Paging.parse("1", "24"));
        assertEquals(new Paging(100, BigInteger.ZERO), Paging.parse("100", "0"));
        assertEquals(new Paging(100, BigInteger.ZERO), Paging.parse("101", null));
        assertEquals(new Paging(100, BigInteger.ZERO), Paging.parse("99999999999999999999999999", null));
        assertEquals(new Paging(7, BigInteger.ZERO), Paging.parse("007", null));
        assertEquals(new BigInteger("99999999999999999999"), Paging.parse(null, "99999999999999999999").offset());
    }

    @Test
    void rejectsEverythingElseKeyedByTheParameter() {
        for (String limit : new String[] {"0", "000", "-1", "+1", "abc", "1.5", "1e3", "0x10", " 1", "1 ", "١"}) {
            ApiError e = assertThrows(ApiError.class, () -> Paging.parse(limit, null), limit);
            assertEquals(422, e.status());
            assertTrue(e.body().errors().containsKey("limit"));
        }
        for (String offset : new String[] {"-1", "abc", "2.5", "1e3", "-0"}) {
            ApiError e = assertThrows(ApiError.class, () -> Paging.parse(null, offset), offset);
            assertTrue(e.body().errors().containsKey("offset"));
        }
    }

    @Test
    void knowsWhenThePageStartsPastTheEnd() {
        assertTrue(Paging.parse(null, "24").startsBefore(25));
        assertFalse(Paging.parse(null, "25").startsBefore(25));
        assertFalse(Paging.parse(null, "0").startsBefore(0));
        assertFalse(Paging.parse(null, "99999999999999999999").startsBefore(Long.MAX_VALUE));
    }
}
