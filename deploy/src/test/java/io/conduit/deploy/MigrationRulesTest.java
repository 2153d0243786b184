package io.conduit.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Migrations run while the previous version's pods still serve (a rolling update; README "Schema changes"), so a
 * migration that indexes an existing table must not lock it for writes: {@code CREATE INDEX CONCURRENTLY}, alone in
 * its file, which Flyway then runs outside a transaction (it detects the statement; mixing it with transactional
 * statements fails). Migrations written before this rule (up to {@link #BASELINE}) ran on empty or small tables
 * and stay as they are: editing an applied migration breaks Flyway's checksum on every existing database.
 */
class MigrationRulesTest {

    static final Map<String, Integer> BASELINE = Map.of("users-service", 3, "posts-service", 2);
    static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");
    static final Pattern CREATE_TABLE = Pattern.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_.]*)");
    static final Pattern CREATE_INDEX = Pattern.compile(
            "(?i)CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?[a-z0-9_]*\\s*ON\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_.]*)");
    static final Pattern DROP_INDEX = Pattern.compile("(?i)DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?");

    /** What a migration does against the rule, given the tables earlier migrations created. */
    static List<String> problems(String file, String sql, Set<String> existingTables) {
        String code = sql.replaceAll("--[^\\n]*", "");
        List<String> problems = new ArrayList<>();
        boolean concurrently = false;
        Matcher index = CREATE_INDEX.matcher(code);
        while (index.find()) {
            String table = index.group(2).toLowerCase(Locale.ROOT);
            concurrently |= index.group(1) != null;
            if (existingTables.contains(table) && index.group(1) == null) {
                problems.add(file + ": CREATE INDEX on the existing table " + table + " without CONCURRENTLY blocks its writes");
            }
        }
        Matcher drop = DROP_INDEX.matcher(code);
        while (drop.find()) {
            concurrently |= drop.group(1) != null;
            if (drop.group(1) == null) {
                problems.add(file + ": DROP INDEX without CONCURRENTLY blocks the table's reads and writes");
            }
        }
        long statements = List.of(code.split(";")).stream().filter(s -> !s.isBlank()).count();
        if (concurrently && statements > 1) {
            problems.add(file + ": a CONCURRENTLY statement must be alone in its migration (Flyway runs it outside a transaction)");
        }
        return problems;
    }

    @Test
    void newMigrationsIndexExistingTablesWithoutBlockingWrites() throws IOException {
        for (String service : BASELINE.keySet()) {
            Path dir = Repo.path(service + "/src/main/resources/db/migration");
            List<Path> files = new ArrayList<>();
            try (var list = Files.list(dir)) {
                list.filter(p -> VERSION.matcher(p.getFileName().toString()).matches()).forEach(files::add);
            }
            files.sort((a, b) -> Integer.compare(version(a), version(b)));
            assertFalse(files.isEmpty(), service + " has no migrations in " + dir);
            Set<String> tables = new TreeSet<>();
            List<String> problems = new ArrayList<>();
            for (Path file : files) {
                String sql = read(file);
                if (version(file) > BASELINE.get(service)) {
                    problems.addAll(problems(service + "/" + file.getFileName(), sql, tables));
                }
                Matcher created = CREATE_TABLE.matcher(sql);
                while (created.find()) {
                    tables.add(created.group(1).toLowerCase(Locale.ROOT));
                }
            }
            assertEquals(List.of(), problems, service + " migrations");
        }
    }

    @Test
    void theRuleCatchesWhatItIsFor() {
        Set<String> existing = Set.of("articles");
        assertEquals(1, problems("V9", "CREATE INDEX a_idx ON articles (slug);", existing).size());
        assertEquals(1, problems("V9", "CREATE UNIQUE INDEX IF NOT EXISTS a_idx ON articles (slug);", existing).size());
        assertEquals(1, problems("V9", "DROP INDEX a_idx;", existing).size());
        assertEquals(1, problems("V9", "CREATE INDEX CONCURRENTLY a_idx ON articles (slug);\nALTER TABLE articles ADD COLUMN x int;",
                existing).size());
        assertEquals(List.of(), problems("V9", "-- a comment; with a semicolon\nCREATE INDEX CONCURRENTLY a_idx ON articles (slug);", existing));
        assertEquals(List.of(), problems("V9", "CREATE TABLE drafts (id bigint);\nCREATE INDEX d_idx ON drafts (id);", existing));
        assertTrue(problems("V9", "DROP INDEX CONCURRENTLY IF EXISTS a_idx;", existing).isEmpty());
    }

    static int version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        assertTrue(m.matches());
        return Integer.parseInt(m.group(1));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
