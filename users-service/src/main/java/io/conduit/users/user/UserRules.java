package io.conduit.users.user;

import io.conduit.common.Validation;

/** The contract's field rules for accounts (CONTRACT.md section 6). */
final class UserRules {

    static final int USERNAME_MAX = 64;
    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MAX = 256;
    static final int BIO_MAX = 1000;
    static final int IMAGE_MAX = 2048;
    /** Characters that end or split a path segment, whether or not a client percent-encodes them. */
    private static final String PATH_BREAKERS = "/\\?#";

    private UserRules() {
    }

    static String trim(String value) {
        return value == null ? null : value.strip();
    }

    /**
     * Checks a username that is present (already trimmed); absent or blank is the caller's decision. A username
     * must round-trip through a URL path segment ({@code /api/profiles/{username}}, {@code ?author=}): no
     * whitespace or control characters, none of {@code / \ ? #}, and not the dot-segments {@code .} or {@code ..},
     * which a client or server resolves away before the path is matched.
     */
    static void username(Validation v, String username) {
        if (!v.required("username", username, USERNAME_MAX)) {
            return;
        }
        if (username.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            v.add("username", "is invalid (no spaces or control characters)");
        } else if (username.codePoints().anyMatch(c -> PATH_BREAKERS.indexOf(c) >= 0)) {
            v.add("username", "is invalid (no / \\ ? or #)");
        } else if (username.equals(".") || username.equals("..")) {
            v.add("username", "is invalid (. and .. cannot name a profile)");
        }
    }

    static void email(Validation v, String email) {
        if (v.required("email", email, EMAIL_MAX) && !looksLikeEmail(email)) {
            v.add("email", Validation.INVALID);
        }
    }

    static void password(Validation v, String password) {
        v.required("password", password, PASSWORD_MAX);
    }

    /** No whitespace, exactly one {@code @}, text on both sides. Deliverability is not our business. */
    static boolean looksLikeEmail(String email) {
        int at = email.indexOf('@');
        return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1
                && email.codePoints().noneMatch(Character::isWhitespace);
    }
}
