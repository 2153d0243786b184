package io.conduit.posts.profile;

/**
 * users-service refused posts-service's internal caller credential (401 or 403 on {@code /internal}): a
 * deployment whose {@code conduit.internal.token} differs between the services. No retry can fix it, so it is
 * never retried; it is a failure of the dependency all the same (counted, and a 503 for the client, never the
 * client's own 401).
 */
public class CredentialRefused extends RuntimeException {

    public CredentialRefused(int status) {
        super("users-service refused the internal caller credential (" + status + ")", null, false, false);
    }
}
