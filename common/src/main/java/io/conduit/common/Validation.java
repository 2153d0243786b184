package io.conduit.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects field errors of one request and throws them together as a 422.
 * Lengths count Unicode code points, so an emoji is one character as a person would count it.
 */
public final class Validation {

    public static final String BLANK = "can't be blank";
    public static final String TAKEN = "has already been taken";
    public static final String INVALID = "is invalid";

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public Validation add(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    /** A field that must be present and not blank. Returns true when it passed. */
    public boolean required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, BLANK);
            return false;
        }
        return optional(field, value, maxLength);
    }

    /** A field that may be absent; when present it must be clean text within the length limit. */
    public boolean optional(String field, String value, int maxLength) {
        if (value == null) {
            return true;
        }
        if (!isCleanText(value)) {
            add(field, "contains characters that are not allowed");
            return false;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            add(field, "is too long (maximum is " + maxLength + " characters)");
            return false;
        }
        return true;
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ApiError(422, errors);
        }
    }

    /** No U+0000 (PostgreSQL cannot store it) and no unpaired surrogate (not valid Unicode). */
    public static boolean isCleanText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Throws 422 keyed by the wrapper name when a request body lacked its one-key wrapper object. */
    public static <T> T requireWrapper(String wrapper, T value) {
        if (value == null) {
            throw ApiError.unprocessable(wrapper, BLANK);
        }
        return value;
    }
}
