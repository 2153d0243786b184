package io.conduit.posts.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** When the tag list is read again, on a clock the test moves (TagResourceTest checks the endpoint itself). */
class TagsInUseTest {

    /** The database's answer, counting how often it is asked. */
    static final class CountingTags extends TagRepository {
        List<String> current = List.of("a");
        int reads;
        Runnable duringRead = () -> { };

        @Override
        public List<String> inUse() {
            reads++;
            List<String> answer = current;
            duringRead.run();
            return answer;
        }
    }

    private final CountingTags database = new CountingTags();
    private long now = 1_000_000_000L;
    private final TagsInUse tags = new TagsInUse();

    {
        tags.tags = database;
        tags.clock = () -> now;
    }

    @Test
    void readsTheDatabaseOncePerFreshnessWindow() {
        assertEquals(List.of("a"), tags.list());
        now += TagsInUse.FRESH_FOR.toNanos() - 1;
        database.current = List.of("a", "b");
        assertEquals(List.of("a"), tags.list());
        assertEquals(1, database.reads);
        now += 1;
        assertEquals(List.of("a", "b"), tags.list());
        assertEquals(2, database.reads);
    }

    @Test
    void aWriteThroughThisProcessShowsOnTheNextRead() {
        tags.list();
        database.current = List.of("a", "new");
        tags.changed();
        assertEquals(List.of("a", "new"), tags.list());
        assertEquals(2, database.reads);
    }

    @Test
    void aReadThatOverlappedAWriteIsNotKept() {
        database.duringRead = () -> {
            database.current = List.of("a", "committed meanwhile");
            tags.changed();
        };
        assertEquals(List.of("a"), tags.list());
        database.duringRead = () -> { };
        assertEquals(List.of("a", "committed meanwhile"), tags.list());
        assertEquals(2, database.reads);
    }
}
