package io.conduit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("transaction failed", new IllegalStateException("flush failed", cause));
    }

    @Test
    void namesTheFieldOfAUniqueViolationAnywhereInTheCauseChain() {
        SQLException duplicate = new SQLException(
                "ERROR: duplicate key value violates unique constraint \"users_email_key\"", "23505");
        assertEquals("email", ErrorMappers.uniqueViolationField(wrapped(duplicate)));
        var response = mappers.unexpected(wrapped(duplicate));
        assertEquals(422, response.getStatus());
        assertEquals(List.of(Validation.TAKEN), response.getEntity().errors().get("email"));
    }

    @Test
    void answersALostDatabaseWith503() {
        for (SQLException lost : List.of(new SQLException("Connection refused", "08001"),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new SQLException("Sorry, acquisition timeout!"),
                new SQLException("FATAL: database \"posts\" is not currently accepting connections", "55000"))) {
            assertTrue(ErrorMappers.isDatabaseUnavailable(wrapped(lost)), lost.getMessage());
            assertEquals(503, mappers.unexpected(wrapped(lost)).getStatus());
        }
    }

    @Test
    void keepsOtherFailuresA500WithoutDetails() {
        SQLException syntax = new SQLException("syntax error at or near \"SELEC\"", "42601");
        assertFalse(ErrorMappers.isDatabaseUnavailable(syntax));
        assertNull(ErrorMappers.uniqueViolationField(syntax));
        var response = mappers.unexpected(wrapped(syntax));
        assertEquals(500, response.getStatus());
        String message = response.getEntity().errors().get("server").get(0);
        assertFalse(message.contains("SELEC") || message.contains("SQLException"), message);
    }

    @Test
    void answersAValueTheDatabaseRefusedWith422() {
        for (SQLException refused : List.of(new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"),
                new SQLException("value \"99999999999\" is out of range for type integer", "22003"))) {
            var response = mappers.unexpected(wrapped(refused));
            assertEquals(422, response.getStatus());
            assertEquals(List.of("contains a value that is not allowed"), response.getEntity().errors().get("request"));
        }
    }

    @Test
    void validatesCleanText() {
        assertTrue(Validation.isCleanText("Zoë 日本 😀"));
        assertFalse(Validation.isCleanText("nul\u0000byte"));
        assertFalse(Validation.isCleanText("lone \ud800 high"));
        assertFalse(Validation.isCleanText("lone \udc00 low"));
    }
}
