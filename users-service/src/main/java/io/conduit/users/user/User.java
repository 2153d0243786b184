package io.conduit.users.user;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.conduit.common.Usernames;
import io.conduit.common.Validation;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An account. Only the columns a request changed are written, so concurrent edits of different fields both stick. */
@Entity
@Table(name = "users")
@DynamicUpdate
public class User extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String email;

    @Column(name = "password_hash")
    public String passwordHash;

    public String bio;

    public String image;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /**
     * The account with this username, ignoring case. A value no account can have (longer than a username may be,
     * or text PostgreSQL cannot store, such as U+0000 or an unpaired surrogate from a path) finds nothing without
     * a query.
     */
    public static Optional<User> findByUsername(String username) {
        if (!couldBeStored(username, Usernames.MAX_LENGTH)) {
            return Optional.empty();
        }
        return find("lower(username) = lower(?1)", username).firstResultOptional();
    }

    /** Like {@link #findByUsername}, by email. */
    public static Optional<User> findByEmail(String email) {
        if (!couldBeStored(email, UserRules.EMAIL_MAX)) {
            return Optional.empty();
        }
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    private static boolean couldBeStored(String value, int maxLength) {
        return value != null && value.length() <= 2 * maxLength && Validation.isCleanText(value)
                && value.codePointCount(0, value.length()) <= maxLength;
    }

    public static boolean usernameTaken(String username, Long exceptId) {
        return count("lower(username) = lower(?1) and id <> ?2", username, exceptId == null ? -1L : exceptId) > 0;
    }

    public static boolean emailTaken(String email, Long exceptId) {
        return count("lower(email) = lower(?1) and id <> ?2", email, exceptId == null ? -1L : exceptId) > 0;
    }
}
