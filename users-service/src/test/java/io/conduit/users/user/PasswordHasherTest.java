package io.conduit.users.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

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
        String stronger = new PasswordHasher(256, 2, 1).hash("pw");
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
}
