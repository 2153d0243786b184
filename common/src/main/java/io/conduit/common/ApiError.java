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

    public ApiError(int status, Map<String, List<String>> errors) {
        super(status + " " + errors, null, false, false);
        this.status = status;
        this.errors = Map.copyOf(errors);
    }

    public ApiError(int status, String key, String message) {
        this(status, Map.of(key, List.of(message)));
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

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(errors);
    }
}
