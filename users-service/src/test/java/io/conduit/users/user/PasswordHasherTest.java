package io.conduit.users.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.conduit.common.ApiError;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1, 0, 5000);

    @Test
    void storesSaltedArgon2idInPhcFormat() {
        String a = hasher.hash("correct horse");
        String b = hasher.hash("correct horse");
        assertTrue(a.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), a);
        assertNotEquals(a, b, "two hashes of one password must differ by salt");
        assertTrue(hasher.matches("correct horse", a));
        assertFalse(hasher.matches("correct horsE", a));
    }

    @Test
    void verifiesHashesMadeWithOtherCostParameters() {
        String stronger = new PasswordHasher(256, 2, 1, 0, 5000).hash("pw");
        assertTrue(hasher.matches("pw", stronger));
    }

    @Test
    void countsEveryByteBeyondBcryptsLimit() {
        String stored = hasher.hash("é".repeat(40) + "tail-1");
        assertFalse(hasher.matches("é".repeat(40) + "tail-2", stored));
    }

    @Test
    void rejectsStoredValuesItDoesNotUnderstand() {
        assertFalse(hasher.matches("pw", "$2a$10$abcdefghijklmnopqrstuv"));
    }

    /**
     * Every slot is taken through the test hook (a state, not a slow hash racing the test): a hash then waits in
     * the queue, which the test sees in the semaphore's queue length, and finishes once the slots are given back.
     */
    @Test
    void queuesHashesBeyondItsLimitUntilASlotIsFree() throws Exception {
        PasswordHasher oneAtATime = new PasswordHasher(64, 1, 1, 1, 600_000);
        Runnable release = oneAtATime.holdAllSlots();
        CompletableFuture<String> queued;
        try {
            assertEquals(1, oneAtATime.hashesRunning(), "the test holds the only slot");
            queued = CompletableFuture.supplyAsync(() -> oneAtATime.hash("queued"));
            awaitWaiting(oneAtATime, 1, queued);
            assertFalse(queued.isDone(), "a hash beyond the limit waits for a slot");
        } finally {
            release.run();
        }
        assertTrue(queued.get(60, TimeUnit.SECONDS).startsWith("$argon2id$"));
        assertEquals(0, oneAtATime.hashesRunning());
        assertEquals(0, oneAtATime.hashesWaiting());
    }

    @Test
    void answersBusyWhenNoSlotFreesUpWithinTheQueueTimeout() throws Exception {
        PasswordHasher noQueue = new PasswordHasher(64, 1, 1, 1, 0);
        String stored = noQueue.hash("impatient");
        Runnable release = noQueue.holdAllSlots();
        try {
            ApiError busy = assertThrows(ApiError.class, () -> noQueue.hash("impatient"));
            assertEquals(503, busy.status());
            assertEquals("1", busy.headers().get("Retry-After"));
            assertThrows(ApiError.class, () -> noQueue.matches("impatient", stored),
                    "verifying waits for a slot like hashing does");
        } finally {
            release.run();
        }
        assertTrue(noQueue.matches("impatient", stored), "with the slot free again, verifying works");
    }

    /** Waits (for a state, with a generous deadline) until {@code count} hashes wait for a slot. */
    private static void awaitWaiting(PasswordHasher hasher, int count, CompletableFuture<?> task) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (hasher.hashesWaiting() < count) {
            if (task.isDone()) {
                task.get();
                throw new AssertionError("the hash finished although every slot was held");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(hasher.hashesWaiting() + " of " + count + " hashes reached the queue");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aBurstLargerThanTheLimitAllSucceeds() throws Exception {
        PasswordHasher twoAtATime = new PasswordHasher(1024, 1, 1, 2, 10_000);
        String stored = twoAtATime.hash("pw");
        List<CompletableFuture<Boolean>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> twoAtATime.matches("pw", stored)));
        }
        for (CompletableFuture<Boolean> result : burst) {
            assertTrue(result.get(30, TimeUnit.SECONDS));
        }
        assertEquals(0, twoAtATime.hashesRunning());
    }
}
