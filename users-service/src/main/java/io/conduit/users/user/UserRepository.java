package io.conduit.users.user;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.conduit.common.SqlRows;
import io.conduit.common.Usernames;
import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Account;

/**
 * Accounts by id, username or email, and their writes. Runs inside the caller's transaction. A username or email
 * no account can have (longer than the field may be, or text PostgreSQL cannot store, such as U+0000 or an
 * unpaired surrogate from a path) finds nothing without a query.
 */
@ApplicationScoped
public class UserRepository {

    @Inject
    EntityManager em;

    @Inject
    Session session;

    public Optional<User> findById(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /** The account with this id, read as one plain statement without loading an entity (to show, never to change). */
    Optional<Account> accountById(long id) {
        return SqlRows.list(session, "SELECT id, email, username, bio, image FROM users WHERE id = ?",
                row -> new Account(row.getLong("id"), row.getString("email"), row.getString("username"),
                        row.getString("bio"), row.getString("image")),
                id).stream().findFirst();
    }

    /** The account with this username, ignoring case. */
    public Optional<User> findByUsername(String username) {
        if (!couldBeStored(username, Usernames.MAX_LENGTH)) {
            return Optional.empty();
        }
        return first("from User where lower(username) = lower(:value)", username);
    }

    /** Like {@link #findByUsername}, by email. */
    public Optional<User> findByEmail(String email) {
        if (!couldBeStored(email, UserDtos.EMAIL_MAX)) {
            return Optional.empty();
        }
        return first("from User where lower(email) = lower(:value)", email);
    }

    /** Whether an account other than {@code exceptId} (null: any account) has this username, ignoring case. */
    public boolean usernameTaken(String username, Long exceptId) {
        return taken("select count(*) from User where lower(username) = lower(:value) and id <> :except", username, exceptId);
    }

    public boolean emailTaken(String email, Long exceptId) {
        return taken("select count(*) from User where lower(email) = lower(:value) and id <> :except", email, exceptId);
    }

    void insert(User user) {
        em.persist(user);
        em.flush();
    }

    /** Writes the changes made to a loaded account now. */
    void flush() {
        em.flush();
    }

    private Optional<User> first(String query, String value) {
        return em.createQuery(query, User.class).setParameter("value", value).setMaxResults(1).getResultStream().findFirst();
    }

    private boolean taken(String query, String value, Long exceptId) {
        return em.createQuery(query, Long.class)
                .setParameter("value", value)
                .setParameter("except", exceptId == null ? -1L : exceptId)
                .getSingleResult() > 0;
    }

    private static boolean couldBeStored(String value, int maxLength) {
        return value != null && value.length() <= 2 * maxLength && Validation.isCleanText(value)
                && value.codePointCount(0, value.length()) <= maxLength;
    }
}
