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

    @Test
    void queuesHashesBeyondItsLimitAndAnswersBusyWhenTheQueueTakesTooLong() throws Exception {
        PasswordHasher oneAtATime = new PasswordHasher(32768, 8, 1, 1, 0);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> oneAtATime.hash("slow"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (oneAtATime.hashesRunning() == 0 && !slow.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, oneAtATime.hashesRunning(), "the slow hash holds the only slot");
        ApiError busy = assertThrows(ApiError.class, () -> oneAtATime.hash("impatient"));
        assertEquals(503, busy.status());
        assertEquals("1", busy.headers().get("Retry-After"));
        assertTrue(slow.get(30, TimeUnit.SECONDS).startsWith("$argon2id$"));
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
