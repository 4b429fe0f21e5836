package xcot.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.metrics.BootstrapSpec;
import xcot.reports.input.ReportInputException;
import xcot.reports.write.ReportWriter;
import xcot.runs.folder.RunLock;

/** Bad input to a report: one line each, saying what is wrong and what to do, and nothing written. */
class RunFolderTest {
    @TempDir
    Path dir;

    private String refusal(Path folder) {
        ReportInputException e = assertThrows(ReportInputException.class, () -> RunFolder.open(folder));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aMissingPathOrAFileIsNotARun() throws IOException {
        assertEquals(dir.resolve("nope") + ": no such folder", refusal(dir.resolve("nope")));
        Path file = Files.writeString(dir.resolve("a-file.txt"), "");
        assertTrue(refusal(file).startsWith(file + ": not a folder"), refusal(file));
        assertEquals(dir + ": not a run folder (no answers.jsonl)", refusal(dir));
    }

    @Test
    void aRunInProgressIsRefused() throws IOException {
        Files.writeString(dir.resolve("store.sqlite"), "");
        assertTrue(refusal(dir).contains("the run has not finished (store.sqlite but no answers.jsonl yet)"));
        SmallRun.write(dir);
        Files.writeString(dir.resolve("store.sqlite-wal"), "");
        assertTrue(refusal(dir).contains("a run is in progress here or was killed"), refusal(dir));
        Files.delete(dir.resolve("store.sqlite-wal"));
        Files.writeString(dir.resolve(RunFolder.LOCK), "");
        assertTrue(refusal(dir).contains("the run writing this folder was interrupted"), refusal(dir));
        Files.delete(dir.resolve(RunFolder.LOCK));
        try (RunLock held = RunLock.acquire(dir)) {
            assertTrue(refusal(dir).contains("a run is writing this folder (run.lock)"), refusal(dir));
        }
        assertFalse(Files.exists(dir.resolve(RunFolder.LOCK)), "the lock is gone with its holder");
        assertEquals(12 * 6, RunFolder.open(dir).answers().size());
    }

    @Test
    void anOlderSchemaIsRefused() throws IOException {
        // answers.jsonl of an xcot that wrote "itemId" and no benchmark.
        Files.writeString(dir.resolve("answers.jsonl"),
                "{\"itemId\":\"1\",\"condition\":\"empty\",\"model\":\"a\",\"answer\":\"3\",\"correct\":true}\n");
        String message = refusal(dir);
        assertTrue(message.startsWith("answers.jsonl:1: missing field 'benchmark'"), message);
        assertTrue(message.contains("an older run? rerun xcot run"), message);

        SmallRun.write(dir);
        Files.writeString(dir.resolve(RunFolder.RUN_JSON), "{\"formatVersion\": 0}");
        assertTrue(refusal(dir).endsWith("format version 0, this xcot reads 1 (an older run: rerun xcot run)"));
        Files.writeString(dir.resolve(RunFolder.RUN_JSON), "{\"xcot\": \"0.0.1\"}");
        assertTrue(refusal(dir).contains("no formatVersion"));
    }

    @Test
    void provenanceIsShownWhenRecordedAndSaidMissingOtherwise() throws IOException {
        SmallRun.write(dir);
        Provenance none = RunFolder.open(dir).provenance();
        assertTrue(none.rows().contains(new Provenance.Row("run.json", Provenance.NOT_RECORDED)));
        assertTrue(none.rows().contains(new Provenance.Row("config.yaml", Provenance.NOT_RECORDED)));
        Files.writeString(dir.resolve(RunFolder.RUN_JSON), """
                {"formatVersion": 1, "xcot": {"version": "0.1.0", "commit": "abc"},
                 "models": [{"name": "a", "sha256": "ff00"}], "phases": {"own": {"seconds": 1.5}}}""");
        Files.writeString(dir.resolve(RunFolder.CONFIG_YAML), "name: small\n");
        Provenance recorded = RunFolder.open(dir).provenance();
        assertTrue(recorded.rows().contains(new Provenance.Row("models[0].sha256", "ff00")), recorded.rows().toString());
        assertTrue(recorded.rows().contains(new Provenance.Row("phases.own.seconds", "1.5")));
        assertEquals("name: small\n", recorded.configYaml().orElseThrow());
    }

    @Test
    void aFailedWriteLeavesTheOutputFolderAsItWas() throws IOException {
        Report report = Reports.ofRun(RunFolder.open(SmallRun.write(dir.resolve("run"))), ScoringMode.FIXED,
                new BootstrapSpec(50, 1));
        Path out = Files.createDirectories(dir.resolve("out"));
        // A folder where a file must go: the last move fails after the others were staged.
        Files.createDirectories(out.resolve("results.json"));
        assertThrows(java.io.UncheckedIOException.class,
                () -> ReportWriter.write(report, EnumSet.allOf(ReportFormat.class), out));
        try (var left = Files.list(out)) {
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.stream().anyMatch(n -> n.startsWith(".xcot-report-")), names.toString());
        }
        List<String> written = ReportWriter.write(report, EnumSet.of(ReportFormat.CSV), dir.resolve("fresh"));
        assertEquals(List.of("settings.csv"), written);
    }
}
