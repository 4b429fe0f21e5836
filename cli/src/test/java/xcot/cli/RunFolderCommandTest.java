package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.io.Utf8Lines;
import xcot.runs.export.RunFiles;
import xcot.runs.folder.RunLock;

/**
 * The run folder through the real launcher, on the demo's own configs: a dry run prints the plan quickly without
 * loading a model's weights; a rerun into the folder after changing one config value is refused, and with --force
 * leaves exactly the files a fresh run of the new config writes; a second process on a folder is refused.
 */
class RunFolderCommandTest {
    @TempDir
    Path dir;

    /** An embedded demo config as a file, with the test's own cache and the edits (text, replacement, ...). */
    Path demoConfig(String name, String... edits) throws IOException {
        String yaml = new String(Utf8Lines.readResource("/xcot/cli/" + name + ".yaml"), StandardCharsets.UTF_8);
        for (int i = 0; i < edits.length; i += 2) {
            assertTrue(yaml.contains(edits[i]), edits[i]);
            yaml = yaml.replace(edits[i], edits[i + 1]);
        }
        Path file = dir.resolve(name + "-" + Math.abs(String.join("|", edits).hashCode()) + ".yaml");
        Files.writeString(file, yaml + "cache: cache\n");
        return file;
    }

    static List<String> tree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void theDryRunOfTheDemoConfigsIsQuickAndLoadsNoModelsWeights() throws Exception {
        List<String> slow = new ArrayList<>();
        for (String demo : List.of("demo-toy", "demo-medcalc")) {
            Path config = demoConfig(demo);
            Path out = dir.resolve("run-" + demo);
            Launcher.Result r = Launcher.run(dir, Map.of(), "run", config.toString(), "--dry-run", "--verbose",
                    "--out", out.toString());
            assertEquals(0, r.exitCode(), r.both());
            assertTrue(r.out().startsWith("plan of "), r.out());
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("total ")), r.out());
            assertTrue(r.out().contains("  own CoT "), r.out());
            assertFalse(Files.exists(out), "a dry run writes nothing into the run folder");
            // llama.cpp loaded each model's vocabulary only: every load of a run's model skipped its tensors.
            String[] loads = r.err().split("llama_model_loader: loaded meta data");
            assertTrue(loads.length > 1, "the models' vocabularies are loaded: " + r.err());
            for (int i = 1; i < loads.length; i++) {
                assertTrue(loads[i].contains("vocab only - skipping tensors") && !loads[i].contains("load_tensors"),
                        loads[i].lines().findFirst().orElse(""));
            }
            if (r.wallMillis() >= 5000) {
                slow.add(demo + " took " + r.wallMillis() + " ms");
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        // The time is a property of a machine that is not overloaded; on one that is, only the rest was checked.
        Assumptions.assumeTrue(load < 2.0 * cores, "load average " + load + " on " + cores + " cores: " + slow);
        assertEquals(List.of(), slow, "each dry run prints its plan in under 5 s (load average " + load + ")");
    }

    @Test
    void aChangedConfigIsRefusedAndForceLeavesNoStaleFile() throws Exception {
        // The demo's MedCalc slice on 2 items; the change: no ensemble (its traces and genex files must not survive).
        String conditions = "conditions: [empty, default, sampled, transfer, ensemble]";
        Path first = demoConfig("demo-medcalc", "limit: 5", "limit: 2");
        Path changed = demoConfig("demo-medcalc", "limit: 5", "limit: 2", conditions,
                conditions.replace(", ensemble", ""));
        Path run = dir.resolve("run");

        Launcher.Result r = Launcher.run(dir, Map.of(), "run", first.toString(), "--out", run.toString());
        assertEquals(0, r.exitCode(), r.both());
        List<String> before = tree(run);
        assertTrue(before.contains(RunFiles.TRACES), before.toString());
        for (String file : List.of(RunFiles.CONFIG, RunFiles.RUN_JSON, RunFiles.LOG, RunFiles.CACHE_KEYS,
                RunFiles.SUMMARY, RunFiles.ANSWERS)) {
            assertTrue(before.contains(file), file + " in " + before);
        }
        assertFalse(before.contains(RunFiles.LOCK), before.toString());
        assertFalse(r.err().contains("llama_model_loader"), "llama.cpp's log is in run.log, not on stderr");

        r = Launcher.run(dir, Map.of(), "run", changed.toString(), "--out", run.toString());
        assertEquals(1, r.exitCode(), r.both());
        assertEquals(List.of("xcot: " + run + ": holds a run of another config (conditions: [empty, default, sampled, "
                + "transfer, ensemble] there, [empty, default, sampled, transfer] now); give another --out, or --force "
                + "to replace that run's outputs"), r.err().lines().toList());
        assertEquals(before, tree(run), "refused: nothing touched");

        r = Launcher.run(dir, Map.of(), "run", changed.toString(), "--out", run.toString(), "--force");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().contains("work       0 computed,"), "everything from the cache: " + r.out());
        Path fresh = dir.resolve("fresh");
        r = Launcher.run(dir, Map.of(), "run", changed.toString(), "--out", fresh.toString());
        assertEquals(0, r.exitCode(), r.both());
        assertEquals(tree(fresh), tree(run), "exactly the files of a fresh run of the new config");
        assertFalse(tree(run).contains(RunFiles.TRACES));
        assertArrayEquals(Files.readAllBytes(fresh.resolve(RunFiles.ANSWERS)), Files.readAllBytes(run.resolve(
                RunFiles.ANSWERS)));
        assertTrue(Files.readString(run.resolve(RunFiles.CONFIG)).contains("  - transfer\nwithout-answer"));
    }

    @Test
    void aSecondProcessOnAFolderIsRefused() throws Exception {
        Path config = demoConfig("demo-toy");
        Path run = dir.resolve("busy");
        try (RunLock held = RunLock.acquire(run)) {
            Launcher.Result r = Launcher.run(dir, Map.of(), "run", config.toString(), "--out", run.toString());
            assertEquals(1, r.exitCode(), r.both());
            assertEquals(1, r.err().lines().count(), r.both());
            assertTrue(r.err().startsWith("xcot: " + run + ": another xcot process is writing this folder (pid "
                    + ProcessHandle.current().pid()), r.err());
        }
    }
}
