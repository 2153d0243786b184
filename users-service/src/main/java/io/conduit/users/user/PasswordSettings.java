package io.conduit.users.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Password hashing ({@code conduit.password.*}): Argon2id at the OWASP baseline (19 MiB, 2 passes, 1 lane); each
 * default is written here and nowhere else. The environment sets them as {@code CONDUIT_PASSWORD_MEMORY_KIB} and
 * so on.
 */
@ConfigMapping(prefix = "conduit.password")
public interface PasswordSettings {

    /** Memory per hash, in KiB; each running hash holds this much heap. */
    @WithDefault("19456")
    int memoryKib();

    /** Passes over the memory. */
    @WithDefault("2")
    int iterations();

    /** Lanes. */
    @WithDefault("1")
    int parallelism();

    /** Hashes running at once; 0 means one per CPU core. Beyond that, requests queue. */
    @WithDefault("0")
    int maxConcurrent();

    /** How long a request queues for a hash slot, in milliseconds, before it gets a 503 with Retry-After. */
    @WithDefault("5000")
    long queueTimeoutMs();
}
