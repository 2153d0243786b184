package io.conduit.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The field errors of one request, thrown together as a 422 in the contract's shape. {@link #of} is the one place
 * where Bean Validation's constraint violations become that shape; a service may then add what only it can check
 * (a username already taken) before {@link #throwIfInvalid}. Lengths count Unicode code points
 * ({@link TextConstraints}), so an emoji is one character as a person would count it.
 */
public final class Validation {

    public static final String BLANK = "can't be blank";
    public static final String TAKEN = "has already been taken";
    public static final String INVALID = "is invalid";
    /** The message of {@link CleanText}. */
    public static final String NOT_ALLOWED = "contains characters that are not allowed";
    /** The message of {@link Size} on a text field ({@code {max}} is the limit). */
    public static final String TOO_LONG = "is too long (maximum is {max} characters)";

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    /**
     * The contract's errors for these violations: keyed by the field (the first node of the property path), and
     * by {@code objectKey} for a rule on the whole object. A field gets one message, its first problem in the
     * order a person fixes them: for an element of a list, the first element with a problem; then missing or
     * blank, then characters that are not allowed, then too long, then any other rule (a malformed email, say).
     */
    public static Validation of(Set<? extends ConstraintViolation<?>> violations, String objectKey) {
        Map<String, ConstraintViolation<?>> first = new LinkedHashMap<>();
        violations.stream()
                .sorted(Comparator.<ConstraintViolation<?>>comparingInt(Validation::elementIndex)
                        .thenComparingInt(Validation::rank)
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(violation -> first.putIfAbsent(field(violation, objectKey), violation));
        Validation v = new Validation();
        first.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> v.add(e.getKey(), e.getValue().getMessage()));
        return v;
    }

    private static String field(ConstraintViolation<?> violation, String objectKey) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && !node.getName().isEmpty()) {
                return node.getName();
            }
        }
        return objectKey;
    }

    /** The index of the list element a violation is about; after every element for the field itself. */
    private static int elementIndex(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getIndex() != null) {
                return node.getIndex();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int rank(ConstraintViolation<?> violation) {
        Class<?> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (constraint == NotNull.class || constraint == NotBlank.class || constraint == NotEmpty.class
                || constraint == NotBlankIfSent.class) {
            return 0;
        }
        if (constraint == CleanText.class) {
            return 1;
        }
        return constraint == Size.class ? 2 : 3;
    }

    public Validation add(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
        return this;
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The 422 these errors make. */
    public ApiError error() {
        return new ApiError(422, errors);
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw error();
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
}
