package io.conduit.users.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.ApiError;
import io.conduit.common.SqlRows;
import io.conduit.common.Usernames;
import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Account;

/**
 * Accounts by id, username or email, and their writes, as plain statements ({@link SqlRows}) in the caller's
 * transaction. A username or email no account can have (longer than the field may be, or text PostgreSQL cannot
 * store, such as U+0000 or an unpaired surrogate from a path) finds nothing without a query.
 */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "SELECT id, username, email, password_hash, bio, image FROM users";
    private static final String BY_ID = COLUMNS + " WHERE id = ?";
    private static final String BY_USERNAME = COLUMNS + " WHERE lower(username) = lower(?) LIMIT 1";
    private static final String BY_EMAIL = COLUMNS + " WHERE lower(email) = lower(?) LIMIT 1";
    private static final String USERNAME_TAKEN =
            "SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(?) AND id <> ?)";
    private static final String EMAIL_TAKEN = "SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower(?) AND id <> ?)";
    /** {@code created_at} is the database's own default; {@code updated_at} is the code's clock, as on every change. */
    private static final String INSERT =
            "INSERT INTO users (username, email, password_hash, updated_at) VALUES (?, ?, ?, ?) RETURNING id";

    private static final SqlRows.Row<User> USER = row -> new User(row.getLong("id"), row.getString("username"),
            row.getString("email"), row.getString("password_hash"), row.getString("bio"), row.getString("image"));

    @Inject
    DataSource db;

    public Optional<User> findById(long id) {
        return first(BY_ID, id);
    }

    /** The account with this id, as shown ({@code GET /api/user}); no password hash is read. */
    Optional<Account> accountById(long id) {
        return SqlRows.list(db, "SELECT id, email, username, bio, image FROM users WHERE id = ?",
                row -> new Account(row.getLong("id"), row.getString("email"), row.getString("username"),
                        row.getString("bio"), row.getString("image")),
                id).stream().findFirst();
    }

    /** The account with this username, ignoring case. */
    public Optional<User> findByUsername(String username) {
        if (!couldBeStored(username, Usernames.MAX_LENGTH)) {
            return Optional.empty();
        }
        return first(BY_USERNAME, username);
    }

    /** Like {@link #findByUsername}, by email. */
    public Optional<User> findByEmail(String email) {
        if (!couldBeStored(email, UserDtos.EMAIL_MAX)) {
            return Optional.empty();
        }
        return first(BY_EMAIL, email);
    }

    /** Whether an account other than {@code exceptId} (null: any account) has this username, ignoring case. */
    public boolean usernameTaken(String username, Long exceptId) {
        return SqlRows.single(db, USERNAME_TAKEN, row -> row.getBoolean(1), username, exceptId == null ? -1L : exceptId);
    }

    public boolean emailTaken(String email, Long exceptId) {
        return SqlRows.single(db, EMAIL_TAKEN, row -> row.getBoolean(1), email, exceptId == null ? -1L : exceptId);
    }

    /** A new account, without bio or image; its id is PostgreSQL's identity. A clash fails on a unique index. */
    User insert(String username, String email, String passwordHash, Instant now) {
        long id = SqlRows.single(db, INSERT, row -> row.getLong(1), username, email, passwordHash, now);
        return new User(id, username, email, passwordHash, null, null);
    }

    /**
     * Writes {@code after} over {@code before} (the same account as read earlier in this transaction): only the
     * columns whose values differ, and {@code updated_at}. So a concurrent change of another column is kept, and
     * the row is not locked between the read and this write. 401 if the account is gone by now.
     */
    void update(User before, User after, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE users SET ");
        List<Object> values = new ArrayList<>();
        set(sql, values, "username", before.username(), after.username());
        set(sql, values, "email", before.email(), after.email());
        set(sql, values, "password_hash", before.passwordHash(), after.passwordHash());
        set(sql, values, "bio", before.bio(), after.bio());
        set(sql, values, "image", before.image(), after.image());
        sql.append("updated_at = ? WHERE id = ?");
        values.add(now);
        values.add(after.id());
        if (SqlRows.update(db, sql.toString(), values.toArray()) == 0) {
            throw ApiError.unknownCaller();
        }
    }

    /** Appends {@code column = ?} when the value changed; the column is one of this class's constants, never input. */
    private static void set(StringBuilder sql, List<Object> values, String column, String before, String after) {
        if (!Objects.equals(before, after)) {
            sql.append(column).append(" = ?, ");
            values.add(after);
        }
    }

    private Optional<User> first(String sql, Object value) {
        return SqlRows.list(db, sql, USER, value).stream().findFirst();
    }

    private static boolean couldBeStored(String value, int maxLength) {
        return value != null && value.length() <= 2 * maxLength && Validation.isCleanText(value)
                && value.codePointCount(0, value.length()) <= maxLength;
    }
}
