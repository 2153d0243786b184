package io.conduit.posts.profile;

/**
 * users-service did not answer within the REST client's read timeout. A failure of the dependency (counted by
 * the circuit breaker, a 503 for the client), but never retried: more calls do not help a slow service. The
 * client's read timeout is shorter than the fault tolerance's {@code Timeout/value}, so this, not the
 * fault-tolerance timeout, is what a slow users-service normally produces.
 */
public class UsersServiceTimedOut extends RuntimeException {

    public UsersServiceTimedOut(Throwable cause) {
        super("users-service did not answer in time", cause, false, false);
    }

    /** Whether {@code failure} (a REST client exception) was caused by a timeout, anywhere in its cause chain. */
    static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
