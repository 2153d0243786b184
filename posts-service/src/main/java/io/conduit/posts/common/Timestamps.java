package io.conduit.posts.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Stored times have millisecond precision, the precision the API shows, so what is written reads back the same. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Now, or one millisecond after {@code previous} when the clock has not moved past it. */
    public static Instant after(Instant previous) {
        Instant now = now();
        return now.isAfter(previous) ? now : previous.plusMillis(1);
    }
}
