package io.conduit.users.user;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.conduit.common.ApiError;
import io.conduit.common.Validation;
import io.conduit.users.user.UserDtos.Changes;
import io.conduit.users.user.UserDtos.Credentials;
import io.conduit.users.user.UserDtos.Registration;

/**
 * Registration, login and account changes. Password hashing is slow by design, so it runs outside
 * any transaction; uniqueness races that slip past the checks are caught by the unique indexes
 * (mapped to 422 by the common error mappers).
 */
@ApplicationScoped
public class UserService {

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    public User register(Registration input) {
        Validation v = new Validation();
        String username = UserRules.trim(input.username());
        String email = UserRules.trim(input.email());
        UserRules.username(v, username);
        UserRules.email(v, email);
        UserRules.password(v, input.password());
        if (!v.has("username") && User.usernameTaken(username, null)) {
            v.add("username", Validation.TAKEN);
        }
        if (!v.has("email") && User.emailTaken(email, null)) {
            v.add("email", Validation.TAKEN);
        }
        v.throwIfInvalid();

        User user = new User();
        user.username = username;
        user.email = email;
        user.passwordHash = hasher.hash(input.password());
        return insert(user);
    }

    @Transactional
    User insert(User user) {
        user.updatedAt = Instant.now();
        user.persistAndFlush();
        return user;
    }

    /** The account for these credentials; an unknown email and a wrong password look and take the same. */
    public User login(Credentials input) {
        Validation v = new Validation();
        String email = UserRules.trim(input.email());
        v.required("email", email, UserRules.EMAIL_MAX);
        UserRules.password(v, input.password());
        v.throwIfInvalid();

        throttle.check(email);
        User user = User.findByEmail(email).orElse(null);
        if (user == null) {
            hasher.burnEquivalentTime(input.password());
        } else if (hasher.matches(input.password(), user.passwordHash)) {
            throttle.succeeded(email);
            return user;
        }
        throttle.failed(email);
        throw new ApiError(401, "email or password", Validation.INVALID);
    }

    public User byId(long id) {
        User user = User.findById(id);
        if (user == null) {
            throw ApiError.unauthorized("names a user that no longer exists");
        }
        return user;
    }

    public User update(long id, Changes changes) {
        if (changes.isEmpty()) {
            throw ApiError.unprocessable("user", "must change at least one field");
        }
        Validation v = new Validation();
        String username = UserRules.trim(changes.username);
        String email = UserRules.trim(changes.email);
        if (username != null) {
            UserRules.username(v, username);
            if (!v.has("username") && User.usernameTaken(username, id)) {
                v.add("username", Validation.TAKEN);
            }
        }
        if (email != null) {
            UserRules.email(v, email);
            if (!v.has("email") && User.emailTaken(email, id)) {
                v.add("email", Validation.TAKEN);
            }
        }
        // An empty password box means "keep my password".
        boolean newPassword = changes.password != null && !changes.password.isEmpty();
        if (newPassword) {
            UserRules.password(v, changes.password);
        }
        v.optional("bio", changes.bio(), UserRules.BIO_MAX);
        v.optional("image", changes.image(), UserRules.IMAGE_MAX);
        v.throwIfInvalid();

        String hash = newPassword ? hasher.hash(changes.password) : null;
        return apply(id, username, email, hash, changes);
    }

    @Transactional
    User apply(long id, String username, String email, String passwordHash, Changes changes) {
        User user = byId(id);
        if (username != null) {
            user.username = username;
        }
        if (email != null) {
            user.email = email;
        }
        if (passwordHash != null) {
            user.passwordHash = passwordHash;
        }
        if (changes.bioSent()) {
            user.bio = emptyToNull(changes.bio());
        }
        if (changes.imageSent()) {
            user.image = emptyToNull(changes.image());
        }
        user.updatedAt = Instant.now();
        user.flush();
        return user;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
