package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small MedCalc run on two seeded random-weight models, end to end, then the same run again from the store. */
class RunnerNativeTest {
    static final String CONFIG = """
            name: small
            benchmark: {name: medcalc, limit: 2}
            models:
              - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1, grammar: demo-medcalc-json}
              - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1, grammar: demo-medcalc-json}
            conditions: [empty, default, sampled, transfer]
            budgets: {cot: 24, answer: 12, inserted: 24}
            """;

    @TempDir
    Path dir;

    static RunResult run(Path dir, StringWriter err) {
        RunConfig config = ConfigReader.parse(CONFIG, "small.yaml", dir, "small");
        RunOptions options = RunOptions.defaults(new PrintWriter(err, true), false)
                .withBenchmarks(BenchmarkCatalog::create);
        options = new RunOptions(options.err(), false, java.util.Map.of(), LocalDate.of(2026, 1, 18),
                options.benchmarks(), java.util.List.of());
        return Runner.run(config, dir.resolve("run"), options);
    }

    @Test
    void runsThenRerunsFromTheStore() throws Exception {
        StringWriter err = new StringWriter();
        RunResult first = run(dir, err);
        // 2 models x 2 items x (empty, default, sampled), then 2 targets x 2 items x (2 sources x full and without
        // answer, default without answer, sampled without answer); the sanitized CoTs are units too
        int records = 2 * 2 * 3 + 2 * 2 * (2 * 2 + 1 + 1);
        assertTrue(first.computedUnits() > records, first.toString());
        String answers = Files.readString(first.answers());
        assertEquals(records, answers.lines().count());
        assertTrue(first.settings().size() >= 6, first.settings().toString());
        RunResult second = run(dir, err);
        assertEquals(0, second.computedUnits(), err.toString());
        assertEquals(answers, Files.readString(second.answers()));
        System.out.println(err);
        System.out.println(answers.lines().limit(3).toList());
        System.out.printf("first %.1f s, second %.1f s%n", first.wallNanos() / 1e9, second.wallNanos() / 1e9);
    }
}
