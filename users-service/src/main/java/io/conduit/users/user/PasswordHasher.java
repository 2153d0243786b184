package io.conduit.users.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import io.conduit.common.ApiError;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}),
 * so the cost can be raised later without invalidating stored hashes. Unlike bcrypt, every byte of the
 * password counts.
 *
 * <p>Each hash holds {@code memory-kib} of heap while it runs, so only {@code max-concurrent} run at once
 * (more would not finish sooner on the same cores): a burst of logins queues instead of exhausting the
 * heap, and a request that waits longer than {@code queue-timeout-ms} gets a JSON 503 with Retry-After. The
 * settings are {@link PasswordSettings} ({@code conduit.password.*}).
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final Semaphore slots;
    private final int totalSlots;
    private final long queueTimeoutMillis;
    /** Verified against when an email is unknown, so that a miss costs the same time as a wrong password. */
    private final String decoy;

    @Inject
    PasswordHasher(PasswordSettings settings) {
        this(settings.memoryKib(), settings.iterations(), settings.parallelism(), settings.maxConcurrent(),
                settings.queueTimeoutMs());
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism, int maxConcurrent, long queueTimeoutMillis) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.totalSlots = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        this.slots = new Semaphore(totalSlots, true);
        this.queueTimeoutMillis = queueTimeoutMillis;
        this.decoy = randomDecoy();
    }

    /**
     * A stored value with this hasher's cost and a random salt and hash: verifying against it derives a full
     * hash like a real account does, and never matches. Nothing is derived to make it.
     */
    private String randomDecoy() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return phc(salt, hash);
    }

    private String phc(byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return phc(salt, derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES));
    }

    public boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String param : parts[3].split(",")) {
            int value = Integer.parseInt(param.substring(2));
            switch (param.charAt(0)) {
                case 'm' -> m = value;
                case 't' -> t = value;
                case 'p' -> p = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, salt, m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the same time as {@link #matches} on a real hash, and always fails. */
    public void burnEquivalentTime(String password) {
        matches(password, decoy);
    }

    private byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
        try {
            if (!slots.tryAcquire(queueTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            return argon2id(password, salt, m, t, p, length);
        } finally {
            slots.release();
        }
    }

    /** Hashes running right now. */
    int hashesRunning() {
        return totalSlots - slots.availablePermits();
    }

    /** Test hook: takes every slot, so that every hash waits until the returned action gives them back. */
    Runnable holdAllSlots() throws InterruptedException {
        slots.acquire(totalSlots);
        return () -> slots.release(totalSlots);
    }

    /** Test hook: hashes waiting for a slot right now (an estimate while threads come and go). */
    int hashesWaiting() {
        return slots.getQueueLength();
    }

    private static ApiError busy() {
        return new ApiError(503, Map.of("server", List.of("is busy checking passwords, retry shortly")), Map.of("Retry-After", "1"));
    }

    private static byte[] argon2id(String password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
