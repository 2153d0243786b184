package io.conduit.users.user;

import static io.conduit.common.testing.RowLocks.whileAnotherTransactionHolds;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.conduit.users.Accounts;
import io.conduit.users.Accounts.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * An account change reads the account and then writes only the columns it changes. Each test lets the change read
 * the row while another transaction (a connection of the test's own) holds an uncommitted write of that row, so the
 * change's {@code UPDATE} waits for it; the test commits once PostgreSQL reports the change blocked by that
 * transaction, never after a pause (RowLocks).
 */
@QuarkusTest
class ConcurrentChangesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aChangeOfTheBioKeepsAnImageSetConcurrently() throws Exception {
        Account me = Accounts.register();
        whileAnotherTransactionHolds(
                "UPDATE users SET image = 'https://img.example/concurrent.png' WHERE id = ?", me.id())
                .send(() -> update(me.token(), Map.of("bio", "written meanwhile")))
                .statusCode(200).body("user.bio", equalTo("written meanwhile"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement read = c.prepareStatement("SELECT bio, image FROM users WHERE id = ?")) {
            read.setLong(1, me.id());
            try (ResultSet row = read.executeQuery()) {
                row.next();
                assertEquals("written meanwhile", row.getString("bio"));
                assertEquals("https://img.example/concurrent.png", row.getString("image"),
                        "the change of the bio must not write the image it read before the other change committed");
            }
        }
    }

    @Test
    void aChangeOfAnAccountDeletedMeanwhileIsAnUnknownCaller() throws Exception {
        Account me = Accounts.register();
        whileAnotherTransactionHolds("DELETE FROM users WHERE id = ?", me.id())
                .send(() -> update(me.token(), Map.of("bio", "too late")))
                .statusCode(401).contentType(ContentType.JSON)
                .body("errors.token", contains("names a user that no longer exists"));
    }

    private static ValidatableResponse update(String token, Map<String, Object> changes) {
        return given().header("Authorization", "Token " + token).contentType(ContentType.JSON)
                .body(Map.of("user", changes)).put("/api/user").then();
    }
}
