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
 * Every database access of registration, login and account changes, each a short transaction of its own.
 * {@link UserService} calls these from outside any transaction and hashes passwords between them, so a request
 * holds no database connection while it hashes or waits for a hashing slot: a burst of sign-ups queues at the
 * hasher, never in the connection pool. (Outside a transaction, Hibernate would use a request-scoped session,
 * which may keep its connection until the request ends.)
 */
@ApplicationScoped
class UserStore {

    @Inject
    LoginThrottle throttle;

    @Inject
    UserRepository users;

    /** The account a verified token names; 401 when it no longer exists (or never did). */
    @Transactional
    User existing(long id) {
        return users.findById(id).orElseThrow(ApiError::unknownCaller);
    }

    /**
     * Like {@link #existing}, to show the account only: one plain statement, no transaction, no entity. The JTA
     * transaction and entity load that {@link #existing} costs were a third of users-service's CPU for
     * {@code GET /api/user} (JFR under {@code make bench}). Outside a transaction the request's session keeps the
     * connection until the answer is written, which here follows at once.
     */
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
    User insert(User user) {
        user.touch(Instant.now());
        users.insert(user);
        return user;
    }

    /** 429 while the email is throttled for this client; else the account with this email, or null. */
    @Transactional
    User loginCandidate(String email, String client) {
        throttle.check(email, client);
        return users.findByEmail(email).orElse(null);
    }

    @Transactional
    User apply(long id, String passwordHash, Changes changes) {
        User user = existing(id);
        if (changes.username() != null) {
            user.rename(changes.username());
        }
        if (changes.email() != null) {
            user.changeEmail(changes.email());
        }
        if (passwordHash != null) {
            user.changePasswordHash(passwordHash);
        }
        if (changes.bioSent()) {
            user.describe(emptyToNull(changes.bio()));
        }
        if (changes.imageSent()) {
            user.picture(emptyToNull(changes.image()));
        }
        user.touch(Instant.now());
        users.flush();
        return user;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
