package io.conduit.posts.profile;

/**
 * users-service answered a call with a 4xx about what was asked (an unknown username, the followees of an
 * unknown user, ...). It is an answer, not a failure of users-service: {@link UsersDirectory} never retries it,
 * never counts it against the circuit breaker and never turns it into a 503; it decides what the answer means.
 */
public class UsersServiceRejected extends RuntimeException {

    private final int status;

    public UsersServiceRejected(int status) {
        super("users-service answered " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
