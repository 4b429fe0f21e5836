package xcot.runs;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import xcot.methods.ensemble.IncrementalEnsembleSource;
import xcot.runs.config.ConfigReader;
import xcot.runs.config.RunConfig;

/** Shared set-up for run tests (also used by the CLI's tests through the test jar). */
public final class RunTesting {
    /**
     * Two seeded random-weight models sharing the fixture files of every native run test (same seeds and context, so
     * the 16 MB fixtures are written once); one thread each, the demo grammar so MedCalc answers parse.
     */
    public static final String TWO_MODELS = """
            models:
              - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1, grammar: demo-medcalc-json}
              - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1, grammar: demo-medcalc-json}
            """;

    private RunTesting() {}

    public static RunConfig config(String yaml, Path dir) {
        return ConfigReader.parse(yaml, "test.yaml", dir, "test");
    }

    /**
     * Plain progress lines into {@code err}, an empty environment, a fixed start date, the ensemble engine, and the
     * generation cache in {@code cache} (a test's own, so that no other run's generations are found there).
     */
    public static RunOptions options(Writer err, Path cache) {
        return new RunOptions(new PrintWriter(err, true), false, Map.of(), LocalDate.of(2026, 1, 18),
                RunOptions::createBenchmark, new IncrementalEnsembleSource(), cache, false, false, false);
    }
}
