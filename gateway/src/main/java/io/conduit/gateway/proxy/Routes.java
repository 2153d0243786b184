package io.conduit.gateway.proxy;

import java.util.Optional;

/**
 * Which service owns a public path. {@code /api/users} and {@code /api/users/login} are answered by the
 * gateway itself (it signs the token); every other owned path is forwarded unchanged.
 */
final class Routes {

    enum Owner { USERS, POSTS, REGISTER, LOGIN }

    private Routes() {
    }

    static Optional<Owner> ownerOf(String path) {
        if (path.equals("/api/users")) {
            return Optional.of(Owner.REGISTER);
        }
        if (path.equals("/api/users/login")) {
            return Optional.of(Owner.LOGIN);
        }
        if (isUnder(path, "/api/user") || isUnder(path, "/api/profiles")) {
            return Optional.of(Owner.USERS);
        }
        if (isUnder(path, "/api/articles") || isUnder(path, "/api/tags")) {
            return Optional.of(Owner.POSTS);
        }
        return Optional.empty();
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
