package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.io.Utf8Lines;
import xcot.runs.export.RunFiles;
import xcot.runs.store.PgTestCluster;
import xcot.runs.store.PostgresStore;
import xcot.runs.store.PostgresTarget;
import xcot.runs.store.RunStore;
import xcot.runs.store.UnitStatus;
import xcot.runs.store.WorkQueue;

/**
 * {@code xcot run --worker}: three worker processes on the toy demo config share one PostgreSQL run (a cluster of the
 * test's own, on 127.0.0.1); one of them is SIGKILLed in the middle of a unit. The run still completes, its export is
 * byte for byte a single-process SQLite run's, every store table holds as many rows as the single run's (nothing lost,
 * nothing twice), and a worker started after completion exits at once saying so.
 */
class WorkersTest {
    /** The demo's toy part on its first 10 items: two item groups per step but the removal's (110 CoTs: 14). */
    static final int ITEMS = 10;
    private static final Pattern PLAN = Pattern.compile("plan (\\S+) is complete \\((\\d+) units\\)");

    @TempDir
    Path dir;

    @Test
    void threeWorkersOneKilledMidUnitGiveASingleRunsExportsAndRecords() throws Exception {
        Assumptions.assumeTrue(PgTestCluster.binaries().isPresent(), PgTestCluster.MISSING);
        String demo = new String(Utf8Lines.readResource("/xcot/cli/demo-toy.yaml"), StandardCharsets.UTF_8);
        String yaml = demo.replace("benchmark: {name: toy, subset: held-out}",
                "benchmark: {name: toy, subset: held-out, limit: " + ITEMS + "}");
        assertTrue(yaml.contains("limit: " + ITEMS), "the demo config's benchmark line changed");
        Path config = dir.resolve("toy.yaml");
        // The single run's store is the generation cache the config names (this test's own), not the user's.
        Files.writeString(config, yaml + "cache: single-cache\n");

        Path single = dir.resolve("single");
        Path singleCache = dir.resolve("single-cache");
        ScoreCommandTest.Run reference = ScoreCommandTest.run("run", config.toString(), "--out", single.toString());
        assertEquals(0, reference.exitCode(), reference.err());

        try (PgTestCluster cluster = PgTestCluster.start(Map.of())) {
            PostgresTarget db = cluster.newDatabase();
            Children children = new Children(config, db.toString(), cluster);

            // The first worker publishes the plan and stops inside its first unit (a generation stored, the unit not
            // complete), holding the lease with its heartbeat until the real SIGKILL below.
            Process doomed = children.worker("doomed", "-Dxcot.test.pauseAtStoreEvent=5");
            children.await("doomed", "xcot: test hook: paused at store event 5", doomed);
            Process w1 = children.worker("w1");
            Process w2 = children.worker("w2");
            children.await("w1", "xcot: worker w1: plan ", w1);
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, its connections just drop
            assertTrue(doomed.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, doomed.exitValue(), "killed by SIGKILL");
            for (Process w : List.of(w1, w2)) {
                assertTrue(w.waitFor(5, TimeUnit.MINUTES), "a worker did not finish");
            }
            assertEquals(0, w1.exitValue(), children.err("w1"));
            assertEquals(0, w2.exitValue(), children.err("w2"));
            Matcher m = PLAN.matcher(children.out("w1"));
            assertTrue(m.find(), children.out("w1"));
            String plan = m.group(1);
            int planUnits = Integer.parseInt(m.group(2));
            assertEquals(2 * 5 + 2 + 14 + 2 * 5, planUnits, "own CoT and inserted CoT steps of 5 models, one ensemble");

            try (RunStore store = PostgresStore.open(db, cluster.credentials()); WorkQueue queue = store.workQueue()) {
                List<UnitStatus> units = queue.units(plan);
                assertEquals(planUnits, units.size());
                assertTrue(units.stream().allMatch(u -> u.state().equals("done")), units.toString());
                assertTrue(units.stream().noneMatch(u -> u.worker().orElseThrow().equals("doomed")),
                        "the killed worker completed nothing: " + units);
                UnitStatus taken = units.stream().filter(u -> u.claims() > 1).findFirst().orElseThrow(
                        () -> new AssertionError("no unit was claimed again after the kill: " + units));
                assertTrue(taken.worker().orElseThrow().matches("w[12]"), taken.toString());
                try (RunStore sqlite = RunStore.open(new xcot.runs.store.StoreLocation.Sqlite(singleCache))) {
                    for (String table : List.of("generations", "attempts", "sanitized", "ensemble_cots")) {
                        assertEquals(sqlite.count(table), store.count(table), table + ": rows lost or doubled");
                    }
                }
            }
            assertEquals(slots(singleCache.resolve("store.sqlite")), slotsPostgres(db, cluster),
                    "every attempt's slot as often as in the single run");

            ScoreCommandTest.Run status = children.run("status", "--status");
            assertEquals(0, status.exitCode(), status.err());
            assertTrue(status.out().contains(planUnits + " of " + planUnits + " units done (complete"), status.out());
            assertTrue(status.out().matches("(?s).*\\nw1 +\\d+  -\\n.*"), status.out());

            Path exported = dir.resolve("exported");
            ScoreCommandTest.Run export = children.run("export", "--export", "--out", exported.toString());
            assertEquals(0, export.exitCode(), export.err());
            assertTrue(export.out().contains("0 computed"), export.out());
            assertArrayEquals(Files.readAllBytes(single.resolve(RunFiles.ANSWERS)),
                    Files.readAllBytes(exported.resolve(RunFiles.ANSWERS)));
            assertSameTraces(single.resolve(RunFiles.TRACES), exported.resolve(RunFiles.TRACES));

            ScoreCommandTest.Run late = children.run("late", "--worker", "--worker-name", "late");
            assertEquals(0, late.exitCode(), late.err());
            assertTrue(late.out().startsWith("plan " + plan + " is already complete (" + planUnits + " units): nothing to do"),
                    late.out());
            assertFalse(late.err().contains("results ("), "the late worker ran no unit:\n" + late.err());
        }
    }

    /** The ensemble traces are equal but for their wall-clock fields, which no two runs share. */
    private static void assertSameTraces(Path expected, Path actual) throws Exception {
        List<String> a = withoutTimings(expected);
        List<String> b = withoutTimings(actual);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            assertEquals(a.get(i), b.get(i), "line " + (i + 1) + " of " + actual);
        }
        assertEquals(a.size(), b.size(), "lines in " + actual);
    }

    private static List<String> withoutTimings(Path traces) throws Exception {
        return Files.readAllLines(traces).stream()
                .map(l -> l.replaceAll("\"(millis|seconds)\":[0-9.E-]+", "\"$1\":0")).toList();
    }

    /** How often each attempt slot ({@code condition|model|source|item}) is stored. */
    private static Map<String, Integer> slots(Path sqlite) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite)) {
            return slots(c);
        }
    }

    private static Map<String, Integer> slotsPostgres(PostgresTarget db, PgTestCluster cluster) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/"
                + db.database(), cluster.credentials().user(), cluster.password())) {
            return slots(c);
        }
    }

    private static Map<String, Integer> slots(Connection c) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT slot FROM attempts")) {
            while (r.next()) {
                out.merge(r.getString(1), 1, Integer::sum);
            }
        }
        return out;
    }

    /** {@code xcot run CONFIG --store URL ...} in child JVMs with the cluster's credentials in their environment. */
    private record Children(Path config, String url, PgTestCluster cluster, Path dir) {
        Children(Path config, String url, PgTestCluster cluster) {
            this(config, url, cluster, config.getParent());
        }

        Process worker(String name, String... jvmOptions) throws Exception {
            return start(name, List.of(jvmOptions), List.of("--worker", "--worker-name", name, "--lease", "3"));
        }

        ScoreCommandTest.Run run(String name, String... args) throws Exception {
            Process p = start(name, List.of(), List.of(args));
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), name + " did not finish");
            return new ScoreCommandTest.Run(p.exitValue(), out(name), err(name));
        }

        private Process start(String name, List<String> jvmOptions, List<String> args) throws Exception {
            String java = ProcessHandle.current().info().command().orElse(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                    "--add-modules", "jdk.incubator.vector"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                    config.toString(), "--store", url));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(file(name, "out"))
                    .redirectError(file(name, "err"));
            pb.environment().put("PGUSER", cluster.credentials().user());
            pb.environment().put("PGPASSWORD", cluster.password());
            return pb.start();
        }

        private File file(String name, String stream) {
            return dir.resolve(name + "." + stream).toFile();
        }

        String out(String name) throws Exception {
            return Files.readString(file(name, "out").toPath());
        }

        String err(String name) throws Exception {
            return Files.readString(file(name, "err").toPath());
        }

        /** Waits until {@code name}'s stderr holds {@code text}, while the process lives. */
        void await(String name, String text, Process p) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!err(name).contains(text)) {
                assertTrue(p.isAlive(), name + " ended before '" + text + "':\n" + err(name));
                assertTrue(System.nanoTime() < deadline, name + " never said '" + text + "':\n" + err(name));
                Thread.sleep(50);
            }
        }
    }
}
