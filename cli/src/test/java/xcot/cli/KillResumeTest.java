package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.RunTesting;

/**
 * A run killed three times, then resumed, ends with exactly the records of an uninterrupted run: the exports are
 * compared byte for byte. The killed run is a child JVM running {@code xcot run} that halts as SIGKILL would (no
 * shutdown hooks, no flushing; exit status 137) at a seeded store event of its own — after a generation was stored
 * but before its attempt, or after an attempt — so each kill point is a fact of the run, not of thread timing.
 */
class KillResumeTest {
    /**
     * {@link RunTesting#TWO_MODELS} decoding 4 sequences at once: tiny-a with flash attention (separate KV buffers,
     * batch-invariant: units are recalled and computed one by one), tiny-b without (a unified cache: the plan's item
     * groups are stored and recomputed whole, under keys that name the group).
     */
    static final String MODELS = """
            models:
              - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1, grammar: demo-medcalc-json, parallel: 4}
              - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1, grammar: demo-medcalc-json, parallel: 4,
                 flash-attn: false}
            """;
    static final String CONFIG = "name: kill\nbenchmark: {name: medcalc, limit: 2}\n" + MODELS
            + "conditions: [empty, default, sampled, transfer]\nbudgets: {cot: 64, answer: 12, inserted: 16}\n";
    /** Each run has a cache of its own, so that the killed run finds nothing the uninterrupted one made. */
    static final String CACHE = "cache: ";
    /** 2 models x 2 items x 3 own conditions + 2 targets x 2 items x (4 transfers + 2 self-insertions). */
    static final int ATTEMPTS = 36;

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesAndResumedEqualsAnUninterruptedRun() throws Exception {
        Path referenceConfig = dir.resolve("uninterrupted.yaml");
        Files.writeString(referenceConfig, CONFIG + CACHE + "uninterrupted-cache\n");
        Path config = dir.resolve("kill.yaml");
        Files.writeString(config, CONFIG + CACHE + "killed-cache\n");
        Path reference = dir.resolve("uninterrupted");
        ScoreCommandTest.Run straight = ScoreCommandTest.run("run", referenceConfig.toString(), "--out",
                reference.toString());
        assertEquals(0, straight.exitCode(), straight.err());

        Path killed = dir.resolve("killed");
        Random random = new Random(20260118);
        int previous = 0;
        for (int kill = 1; kill <= 3; kill++) {
            int haltAt = 6 + random.nextInt(12);
            Process child = start(config, killed, haltAt);
            assertTrue(child.waitFor(5, TimeUnit.MINUTES), "kill " + kill + " did not happen");
            assertEquals(137, child.exitValue(), "kill " + kill + " at store event " + haltAt + ": "
                    + Files.readString(dir.resolve("killed.err")));
            int stored = attempts(dir.resolve("killed-cache"));
            assertTrue(stored >= previous && stored < ATTEMPTS, "kill " + kill + ": " + stored + " of " + ATTEMPTS
                    + " attempts stored");
            previous = stored;
        }

        Process resume = start(config, killed, 0);
        assertTrue(resume.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, resume.exitValue(), new String(resume.getErrorStream().readAllBytes()));
        assertEquals(ATTEMPTS, attempts(dir.resolve("killed-cache")));

        assertSameBytes(reference.resolve("answers.jsonl"), killed.resolve("answers.jsonl"));
        List<Path> genex = files(reference.resolve("genex-medcalc"));
        assertEquals(files(killed.resolve("genex-medcalc")).stream().map(p -> p.getFileName().toString()).toList(),
                genex.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : genex) {
            assertSameBytes(p, killed.resolve("genex-medcalc").resolve(p.getFileName()));
        }
    }

    /** {@code xcot run} in a child JVM; {@code haltAt} > 0 halts it at that store event of its own. */
    private static Process start(Path config, Path out, int haltAt) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-Dxcot.test.haltAtStoreEvent=" + haltAt, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", config.toString(), "--out",
                out.toString()));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile()).start();
    }

    /** Attempts stored so far in a cache, read through SQLite while the child may be writing (WAL allows it). */
    private static int attempts(Path cache) throws Exception {
        File db = cache.resolve("store.sqlite").toFile();
        if (!db.exists()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM attempts")) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            return 0; // the schema is not there yet
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    private static void assertSameBytes(Path expected, Path actual) throws Exception {
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(actual), actual + " differs from " + expected);
    }
}
