package io.conduit.common;

/**
 * The credential a caller of users-service's {@code /internal} endpoints presents (the gateway and
 * posts-service do), so that reaching users-service over the network is not enough to read the follow
 * graph or to register and log in past the gateway. One shared secret, configured like the other secrets.
 */
public final class InternalCaller {

    /** The request header that carries the secret. The gateway never forwards a client's copy of it. */
    public static final String HEADER = "X-Conduit-Internal-Token";
    /** The configuration property that holds the secret (environment: {@code CONDUIT_INTERNAL_TOKEN}). */
    public static final String TOKEN_PROPERTY = "conduit.internal.token";

    private InternalCaller() {
    }
}
