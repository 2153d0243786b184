package io.conduit.gateway.proxy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The routing table: which service owns a public path. {@code /api/users} and {@code /api/users/login} are the
 * account endpoints ({@link AccountEndpoints}: the gateway signs the token); every other owned path is forwarded
 * unchanged ({@link StreamingProxy}).
 */
final class RoutingTable {

    enum Owner { USERS, POSTS, REGISTER, LOGIN }

    private RoutingTable() {
    }

    /**
     * The owner of a path, provided every decoding and normalisation of it names the same owner: an encoded
     * slash or dot segment ({@code /api/profiles/..%2F..%2Finternal%2Fusers}) can never reach another service's
     * paths, least of all {@code /internal}, while a slug or username that merely contains "internal" routes as
     * any other.
     */
    static Optional<Owner> ownerOf(String path) {
        Optional<Owner> owner = literalOwnerOf(path);
        return owner.isPresent() && owner.equals(literalOwnerOf(canonical(path))) ? owner : Optional.empty();
    }

    private static Optional<Owner> literalOwnerOf(String path) {
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

    /** The path percent-decoded until nothing changes, then with its dot segments resolved. */
    static String canonical(String path) {
        String decoded = path;
        for (int i = 0; i < 5; i++) {
            String next = decodeOnce(decoded);
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.replace('\\', '/').split("/", -1)) {
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!segment.equals(".") && !segment.isEmpty()) {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static String decodeOnce(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
