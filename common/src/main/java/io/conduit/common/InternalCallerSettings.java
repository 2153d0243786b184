package io.conduit.common;

import io.smallrye.config.ConfigMapping;

/**
 * The internal caller credential ({@code conduit.internal.*}, see {@link InternalCaller}), set once for every
 * service in common's {@code META-INF/microprofile-config.properties}: from {@code CONDUIT_INTERNAL_TOKEN}, with
 * no default outside dev and test, so a service deployed without it does not start.
 */
@ConfigMapping(prefix = "conduit.internal")
public interface InternalCallerSettings {

    /** The shared secret ({@link InternalCaller#TOKEN_PROPERTY}). */
    String token();
}
