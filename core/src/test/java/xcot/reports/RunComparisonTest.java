package xcot.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.metrics.BootstrapSpec;

/** Paired comparison of runs: a run against itself shows no change, a changed model shows where it matters. */
class RunComparisonTest {
    static final BootstrapSpec SPEC = new BootstrapSpec(1000, 5);

    @Test
    void aRunComparedWithItselfDidNotChange(@TempDir Path dir) {
        RunFolder run = RunFolder.open(SmallRun.write(dir.resolve("a")));
        RunComparison c = RunComparison.compare(List.of(run, run), ScoringMode.FIXED, SPEC);
        assertEquals(4, c.rows().size());
        assertEquals(List.of(), c.changed());
        for (RunComparison.Row r : c.rows()) {
            assertEquals(0.0, r.difference().consistency().value());
            assertEquals(0.0, r.difference().consistency().ci95().low());
            assertEquals(0.0, r.difference().consistency().ci95().high());
        }
        assertTrue(ComparisonText.text(c).contains("0 of 4 settings changed significantly"), ComparisonText.text(c));
    }

    @Test
    void aChangedModelChangesTheSettingsItIsIn(@TempDir Path dir) throws IOException {
        Path a = SmallRun.write(dir.resolve("a"));
        Path b = SmallRun.write(dir.resolve("b"));
        // In run b, model c's Default answers are all right: Default's accuracy and consistency rise.
        List<String> lines = Files.readAllLines(b.resolve("answers.jsonl")).stream().map(l ->
                l.contains("\"condition\":\"default\"") && l.contains("\"model\":\"c\"")
                        ? l.replaceAll("\"answer\":\"w2\"", "\"answer\":\"RIGHT\"").replace("\"correct\":false",
                        "\"correct\":true") : l).toList();
        // ... and it agrees with a and b by answering as they do.
        Files.write(b.resolve("answers.jsonl"), lines.stream().map(l -> l.contains("\"answer\":\"RIGHT\"")
                ? l.replaceAll("\"item\":\"i(\\d)\"(.*)\"answer\":\"RIGHT\"", "\"item\":\"i$1\"$2\"answer\":\"r$1\"")
                : l).toList());
        RunComparison c = RunComparison.compare(List.of(RunFolder.open(a), RunFolder.open(b)), ScoringMode.FIXED, SPEC);
        assertEquals(List.of("default"), c.changed().stream().map(RunComparison.Row::setting).toList());
        RunComparison.Row row = c.changed().get(0);
        assertEquals(1.0 / 3, row.difference().consistency().value(), 1e-12);
        assertEquals(1.0 / 6, row.difference().accuracy().value(), 1e-12);
        assertTrue(row.difference().consistency().ci95().low() > 0, row.difference().toString());
    }
}
