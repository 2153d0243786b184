package io.conduit.users.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.common.ApiError;
import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Changes;
import io.conduit.users.user.UserDtos.Credentials;
import io.conduit.users.user.UserDtos.Registration;

/**
 * Registration, login and account changes. Password hashing is slow by design (and waits for a slot when
 * every slot is busy), so these methods run outside any transaction and touch the database only through
 * {@link UserStore}, whose every method is a short transaction: no connection is held while a password is
 * hashed. Uniqueness races that slip past the checks are caught by the unique indexes (mapped to 422 by the
 * common error mappers).
 */
@ApplicationScoped
public class UserService {

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    UserStore store;

    public User register(Registration input) {
        Validation v = new Validation();
        String username = UserRules.trim(input.username());
        String email = UserRules.trim(input.email());
        UserRules.username(v, username);
        UserRules.email(v, email);
        UserRules.password(v, input.password());
        store.checkAvailable(v, null, v.has("username") ? null : username, v.has("email") ? null : email);
        v.throwIfInvalid();

        User user = new User();
        user.username = username;
        user.email = email;
        user.passwordHash = hasher.hash(input.password());
        return store.insert(user);
    }

    /**
     * The account for these credentials; an unknown email and a wrong password look and take the same.
     * {@code client} is the address the request came from (see {@link LoginThrottle}).
     */
    public User login(Credentials input, String client) {
        Validation v = new Validation();
        String email = UserRules.trim(input.email());
        v.required("email", email, UserRules.EMAIL_MAX);
        UserRules.password(v, input.password());
        v.throwIfInvalid();

        User user = store.loginCandidate(email, client);
        boolean matches;
        if (user == null) {
            hasher.burnEquivalentTime(input.password());
            matches = false;
        } else {
            matches = hasher.matches(input.password(), user.passwordHash);
        }
        if (matches) {
            throttle.succeeded(email, client);
            return user;
        }
        throttle.failed(email, client);
        throw new ApiError(401, "email or password", Validation.INVALID);
    }

    /** The caller a verified token names; 401 when that account does not exist. */
    public User byId(long id) {
        return store.existing(id);
    }

    public User update(long id, Changes changes) {
        Validation v = new Validation();
        if (changes.isEmpty()) {
            v.add("user", "must change at least one field");
        }
        String username = UserRules.trim(changes.username);
        String email = UserRules.trim(changes.email);
        if (username != null) {
            UserRules.username(v, username);
        }
        if (email != null) {
            UserRules.email(v, email);
        }
        // An empty password box means "keep my password".
        boolean newPassword = changes.password != null && !changes.password.isEmpty();
        if (newPassword) {
            UserRules.password(v, changes.password);
        }
        v.optional("bio", changes.bio(), UserRules.BIO_MAX);
        v.optional("image", changes.image(), UserRules.IMAGE_MAX);
        // 401 (the caller is gone) comes before any 422.
        store.checkAvailable(v, id, v.has("username") ? null : username, v.has("email") ? null : email);
        v.throwIfInvalid();

        String hash = newPassword ? hasher.hash(changes.password) : null;
        return store.apply(id, username, email, hash, changes);
    }
}
