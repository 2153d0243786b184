package io.conduit.common;

/**
 * What a username may be (CONTRACT.md section 6). It names a profile in a URL path segment
 * ({@code /api/profiles/{username}}, {@code ?author=}), so it must survive one: no whitespace or control
 * characters, none of {@code / \ ? #}, and not the dot-segments {@code .} or {@code ..}, which clients and
 * servers resolve away before a path is matched.
 */
public final class Usernames {

    public static final int MAX_LENGTH = 64;
    /** Characters that end or split a path segment, whether or not a client percent-encodes them. */
    private static final String PATH_BREAKERS = "/\\?#";

    private Usernames() {
    }

    /** Why a present, trimmed, non-blank username of a valid length cannot be one; null when it can. */
    public static String problem(String username) {
        if (username.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return "is invalid (no spaces or control characters)";
        }
        if (username.codePoints().anyMatch(c -> PATH_BREAKERS.indexOf(c) >= 0)) {
            return "is invalid (no / \\ ? or #)";
        }
        if (username.equals(".") || username.equals("..")) {
            return "is invalid (. and .. cannot name a profile)";
        }
        return null;
    }

    /**
     * Whether a looked-up value could be anybody's username; lookups ask this before they query anything. Only
     * what no account can ever have had fails (text PostgreSQL cannot store, too long, a dot-segment): accounts
     * made before the path-segment rule may still hold {@code ?} or {@code #}.
     */
    public static boolean couldNameSomeone(String value) {
        return value != null && !value.isEmpty() && Validation.isCleanText(value)
                && value.codePointCount(0, value.length()) <= MAX_LENGTH && !value.equals(".") && !value.equals("..");
    }
}
