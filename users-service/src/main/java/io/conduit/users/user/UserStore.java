package io.conduit.users.user;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Account;
import io.conduit.users.user.UserDtos.Changes;

/**
 * Every database access of registration, login and account changes, each a short transaction of its own (a
 * single read: no transaction).
 * {@link UserService} calls these from outside any transaction and hashes passwords between them, so a request
 * holds no database connection while it hashes or waits for a hashing slot: a burst of sign-ups queues at the
 * hasher, never in the connection pool. (Outside a transaction each statement takes a pooled connection and gives it
 * back at once.)
 */
@ApplicationScoped
class UserStore {

    @Inject
    LoginThrottle throttle;

    @Inject
    UserRepository users;

    /**
     * The account a verified token names; 401 when it no longer exists (or never did). One statement: in the
     * caller's transaction when there is one, else none, and its connection goes back as soon as the row is read (a
     * JTA transaction per {@code GET /api/user} showed up as a large share of users-service's CPU, JFR under
     * {@code make bench}).
     */
    User existing(long id) {
        return users.findById(id).orElseThrow(ApiError::unknownCaller);
    }

    /** Like {@link #existing}, only the columns shown ({@code GET /api/user}). */
    Account shown(long id) {
        return users.accountById(id).orElseThrow(ApiError::unknownCaller);
    }

    /**
     * For an account change ({@code accountId} not null), 401 first if the account is gone. Then adds
     * "has already been taken" for a username or email (either may be null: not checked) that another account has.
     */
    @Transactional
    void checkAvailable(Validation v, Long accountId, String username, String email) {
        if (accountId != null) {
            existing(accountId);
        }
        if (username != null && users.usernameTaken(username, accountId)) {
            v.add("username", Validation.TAKEN);
        }
        if (email != null && users.emailTaken(email, accountId)) {
            v.add("email", Validation.TAKEN);
        }
    }

    /** A race with another sign-up that got past {@link #checkAvailable} fails on a unique index (422). */
    @Transactional
    User insert(String username, String email, String passwordHash) {
        return users.insert(username, email, passwordHash, Instant.now());
    }

    /** 429 while the email is throttled for this client; else the account with this email, or null. */
    @Transactional
    User loginCandidate(String email, String client) {
        throttle.check(email, client);
        return users.findByEmail(email).orElse(null);
    }

    /**
     * Reads the account (401 if gone), applies the changes sent (an empty bio or image clears it; a null
     * {@code passwordHash} keeps the password) and writes only the columns that now differ from what was read
     * ({@link UserRepository#update}), so a concurrent change of another field sticks too.
     */
    @Transactional
    User apply(long id, String passwordHash, Changes changes) {
        User before = existing(id);
        User after = new User(id,
                changes.username() != null ? changes.username() : before.username(),
                changes.email() != null ? changes.email() : before.email(),
                passwordHash != null ? passwordHash : before.passwordHash(),
                changes.bioSent() ? emptyToNull(changes.bio()) : before.bio(),
                changes.imageSent() ? emptyToNull(changes.image()) : before.image());
        users.update(before, after, Instant.now());
        return after;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
