package io.conduit.users.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.ApiError;
import io.conduit.common.RequestBodies;
import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Account;
import io.conduit.users.user.UserDtos.Changes;
import io.conduit.users.user.UserDtos.Credentials;
import io.conduit.users.user.UserDtos.Registration;

/**
 * Registration, login and account changes. Password hashing is slow by design (and waits for a slot when every slot is
 * busy), so these methods run outside any transaction and touch the database only through {@link UserStore}, whose
 * every method is a short transaction or a single statement: no connection is held while a password is hashed. The
 * field rules are the request records' constraints ({@link UserDtos}); uniqueness is checked here and reported with
 * them, and races that slip past the checks are caught by the unique indexes (mapped to 422 by the common error
 * mappers).
 */
@ApplicationScoped
public class UserService {

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    UserStore store;

    @Inject
    RequestBodies bodies;

    public User register(Registration input) {
        Validation v = bodies.check(input, "user");
        store.checkAvailable(v, null, v.has("username") ? null : input.username(), v.has("email") ? null : input.email());
        v.throwIfInvalid();

        return store.insert(input.username(), input.email(), hasher.hash(input.password()));
    }

    /**
     * The account for these credentials; an unknown email and a wrong password look and take the same.
     * {@code client} is the address the request came from (see {@link LoginThrottle}).
     */
    public User login(Credentials input, String client) {
        bodies.check(input, "user").throwIfInvalid();

        User user = store.loginCandidate(input.email(), client);
        boolean matches;
        if (user == null) {
            hasher.burnEquivalentTime(input.password());
            matches = false;
        } else {
            matches = hasher.matches(input.password(), user.passwordHash());
        }
        if (matches) {
            throttle.succeeded(input.email(), client);
            return user;
        }
        throttle.failed(input.email(), client);
        throw new ApiError(401, "email or password", Validation.INVALID);
    }

    /** The caller a verified token names; 401 when that account does not exist. */
    public User byId(long id) {
        return store.existing(id);
    }

    /** {@link #byId}, to show it ({@code GET /api/user}). */
    public Account shown(long id) {
        return store.shown(id);
    }

    public User update(long id, Changes changes) {
        Validation v = bodies.check(changes, "user");
        if (changes.isEmpty()) {
            v.add("user", "must change at least one field");
        }
        // 401 (the caller is gone) comes before any 422.
        store.checkAvailable(v, id, v.has("username") ? null : changes.username(), v.has("email") ? null : changes.email());
        v.throwIfInvalid();

        String hash = changes.newPassword() == null ? null : hasher.hash(changes.newPassword());
        return store.apply(id, hash, changes);
    }
}
