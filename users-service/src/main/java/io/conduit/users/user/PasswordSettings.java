package io.conduit.users.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Password hashing ({@code conduit.password.*}): Argon2id at 12 MiB, 3 passes, 1 lane, one of the configurations
 * OWASP's Password Storage Cheat Sheet rates equal to its 19 MiB / 2-pass baseline (memory traded for passes at
 * about the same CPU per hash). The smaller memory is chosen for the heap budget: every running hash holds it, one
 * per core, inside the service's 96 MiB heap (deploy/jvm/jvm.options). Stored hashes keep their own cost in the PHC
 * string, so hashes made with another cost still verify. Each default is written here and nowhere else. The
 * environment sets them as {@code CONDUIT_PASSWORD_MEMORY_KIB} and so on.
 */
@ConfigMapping(prefix = "conduit.password")
public interface PasswordSettings {

    /** Memory per hash, in KiB; each running hash holds this much heap. */
    @WithDefault("12288")
    int memoryKib();

    /** Passes over the memory. */
    @WithDefault("3")
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
