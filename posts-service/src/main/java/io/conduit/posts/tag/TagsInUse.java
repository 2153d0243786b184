package io.conduit.posts.tag;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code GET /api/tags} (asked for by every home page) answered from a snapshot at most {@link #FRESH_FOR} old. An
 * article written through this process makes the next answer read the database again ({@link #changed}), so a writer
 * sees their new tag at once; a write through another replica shows within {@link #FRESH_FOR}.
 * <p>
 * A snapshot read while a write was committing could miss that write: each write moves a generation on, and a
 * snapshot begun under an older generation is answered once but never kept.
 */
@ApplicationScoped
public class TagsInUse {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Snapshot(List<String> tags, long takenAtNanos, long generation) {
    }

    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;
    LongSupplier clock = System::nanoTime;

    @Inject
    TagRepository tags;

    public List<String> list() {
        long now = clock.getAsLong();
        long current = generation.get();
        Snapshot kept = snapshot;
        if (kept != null && kept.generation() == current && now - kept.takenAtNanos() < FRESH_FOR.toNanos()) {
            return kept.tags();
        }
        List<String> fresh = tags.inUse();
        if (generation.get() == current) {
            snapshot = new Snapshot(fresh, now, current);
        }
        return fresh;
    }

    /** An article's tags may have changed (it was created, retagged or deleted): the next {@link #list} reads again. */
    public void changed() {
        generation.incrementAndGet();
    }
}
