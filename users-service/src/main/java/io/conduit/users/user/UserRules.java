package io.conduit.users.user;

import io.conduit.common.Usernames;
import io.conduit.common.Validation;

/** The contract's field rules for accounts (CONTRACT.md section 6). */
final class UserRules {

    static final int EMAIL_MAX = 254;
    static final int PASSWORD_MAX = 256;
    static final int BIO_MAX = 1000;
    static final int IMAGE_MAX = 2048;

    private UserRules() {
    }

    static String trim(String value) {
        return value == null ? null : value.strip();
    }

    /** Checks a username that is present (already trimmed); absent or blank is the caller's decision. */
    static void username(Validation v, String username) {
        if (v.required("username", username, Usernames.MAX_LENGTH)) {
            String problem = Usernames.problem(username);
            if (problem != null) {
                v.add("username", problem);
            }
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
