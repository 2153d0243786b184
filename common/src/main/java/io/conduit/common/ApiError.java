package io.conduit.common;

import java.util.List;
import java.util.Map;

/**
 * A failure the client is told about, in the contract's error shape:
 * {@code {"errors": {"<key>": ["<message>"]}}}.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final Map<String, List<String>> errors;
    private final Map<String, String> headers;

    public ApiError(int status, Map<String, List<String>> errors) {
        this(status, errors, Map.of());
    }

    public ApiError(int status, String key, String message) {
        this(status, Map.of(key, List.of(message)));
    }

    /** With response headers, such as {@code Retry-After} on a 429. */
    public ApiError(int status, Map<String, List<String>> errors, Map<String, String> headers) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = Map.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ApiError unprocessable(String field, String message) {
        return new ApiError(422, field, message);
    }

    public static ApiError notFound(String subject) {
        return new ApiError(404, subject, "not found");
    }

    public static ApiError forbidden(String subject) {
        return new ApiError(403, subject, "may only be changed by its author");
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "token", message);
    }

    /** A validly signed token for a user that does not exist (deleted, or a subject never issued). */
    public static ApiError unknownCaller() {
        return unauthorized("names a user that no longer exists");
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ErrorBody body() {
        return new ErrorBody(errors);
    }
}
