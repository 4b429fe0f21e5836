package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.llm.Backend;
import xcot.methods.Condition;
import xcot.runs.config.ConfigException;
import xcot.runs.config.ConfigOverrides;
import xcot.runs.config.RunConfig;
import xcot.runs.dryrun.Calibration;
import xcot.runs.dryrun.DryRun;
import xcot.runs.plan.Phase;
import xcot.runs.plan.RunPlan;

/**
 * What a run checks and prints before anything runs, on toy zoo models: the context each condition needs, the GPU
 * layers a CPU build cannot offload, the command-line overrides, and the dry run's plan, which writes nothing.
 */
class PreflightChecksTest {
    static final String TOY = """
            benchmark: {name: toy, limit: 3}
            models:
              - {name: a, zoo: plain-a, context: 256, threads: 1}
              - {name: b, zoo: swap-b, context: 256, threads: 1}
            conditions: [empty, default, transfer]
            without-answer: false
            """;

    @TempDir
    Path dir;

    final StringWriter err = new StringWriter();

    RunPlan plan(String yaml, RunOptions options) {
        return Runner.plan(RunTesting.config(yaml, dir), dir.resolve("run"), options);
    }

    RunOptions options() {
        return RunTesting.options(err, dir.resolve("cache"));
    }

    @Test
    void everyConditionsNeedIsCheckedAndTheMessageNamesModelsAndConditions() {
        // The toy prompts are ~10 tokens: own CoT needs 10 + 40 + 8 (fits 96), an inserted CoT 10 + 40 + 60 (does not).
        String yaml = TOY.replace("context: 256", "context: 96") + "budgets: {cot: 40, answer: 8, inserted: 60}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> plan(yaml, options()));
        String m = e.getMessage();
        assertTrue(m.startsWith("test.yaml:3: contexts too small for the budgets"), m);
        assertTrue(m.contains("model 'a' (context 96): transfer-full need "), m);
        assertTrue(m.contains("(prompt ") && m.contains(" + inserted CoT up to 40 + inserted 60)"), m);
        assertTrue(m.contains("model 'b' (context 96)"), m);
        assertFalse(m.contains("default need"), "own CoTs fit: " + m);
        assertFalse(m.contains("empty need"), "Empty fits: " + m);
        assertEquals(1, m.lines().count());
        plan(TOY.replace("context: 256", "context: 96") + "budgets: {cot: 40, answer: 8, inserted: 20}\n", options());
    }

    @Test
    void eachModelsParallelIsSaidAndOneTheMemoryCannotHoldIsRefusedBeforeLoadingInOneLine() {
        plan(TOY, options());
        assertTrue(err.toString().contains("xcot: model 'a': parallel "), err.toString());
        assertTrue(err.toString().contains("xcot: model 'b': parallel "), err.toString());
        // A 4M-token window per sequence: 256 of them hold far more KV cells than any machine running this test.
        String huge = TOY.replace("{name: a, zoo: plain-a, context: 256, threads: 1}",
                "{name: a, zoo: plain-a, context: 4194304, threads: 1, parallel: 256, batch: 4096}");
        ConfigException e = assertThrows(ConfigException.class, () -> plan(huge, options()));
        String m = e.getMessage();
        assertTrue(m.matches("test\\.yaml:\\d+: model 'a': parallel 256 does not fit: at most \\d+ sequences? \\(.*"
                + " KV per 4,194,304-token window beside .*\\)"), m);
        assertEquals(1, m.lines().count());
    }

    /** stderr without the lines that say each model's {@code parallel} (every plan prints them). */
    static String withoutParallelLines(String err) {
        return err.lines().filter(l -> !l.matches("xcot: model '[^']*': parallel .*")).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining());
    }

    @Test
    void gpuLayersOnABuildWithoutAGpuAreAWarningOrWithRequireGpuAnError() {
        boolean gpu = Backend.info().devices().stream().anyMatch(d -> !d.type().equals("CPU"));
        org.junit.jupiter.api.Assumptions.assumeFalse(gpu, "this build has a GPU backend");
        String yaml = TOY.replace("{name: a, zoo: plain-a,", "{name: a, zoo: plain-a, gpu-layers: 99,");
        plan(yaml, options());
        assertEquals("xcot: warning: model 'a': gpu-layers 99, but this llama.cpp build (cpu) has no GPU backend: it "
                + "runs on the CPU\n", withoutParallelLines(err.toString()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> plan(TOY, options().withSwitches(false, false, true)));
        assertTrue(e.getMessage().startsWith("test.yaml:3: model 'a': gpu-layers -1, but this llama.cpp build (cpu) has "
                + "no GPU backend (--require-gpu)"), e.getMessage());
    }

    @Test
    void overridesNarrowTheConfig() {
        RunConfig c = RunTesting.config(TOY + "ensemble: [{generators: [a], evaluators: [b]}]\n", dir);
        RunConfig narrowed = new ConfigOverrides(OptionalInt.of(2), Optional.of(List.of("b")),
                Optional.of(List.of("default", "sampled"))).applyTo(c);
        assertEquals(2, narrowed.selection().limit().getAsInt());
        assertEquals(List.of("b"), narrowed.models().stream().map(m -> m.name()).toList());
        assertEquals(List.of(Condition.DEFAULT, Condition.SAMPLED), narrowed.conditions());
        assertEquals(List.of(), narrowed.ensembles(), "the ensemble needs a, which --models leaves out");
        assertEquals("test.yaml: --models names 'z', which the config does not have (it has: a, b)",
                assertThrows(ConfigException.class, () -> new ConfigOverrides(OptionalInt.empty(),
                        Optional.of(List.of("z")), Optional.empty()).applyTo(c)).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigOverrides(OptionalInt.empty(), Optional.empty(),
                Optional.of(List.of("greedy"))).applyTo(c)).getMessage().contains("unknown condition 'greedy'"));
    }

    static boolean hasRow(String text, String label, String... cells) {
        return text.lines().anyMatch(l -> l.startsWith(label + " ")
                && List.of(l.substring(label.length()).trim().split("\\s+")).equals(List.of(cells)));
    }

    @Test
    void theDryRunCountsUnitsAndTokensAndWritesNothing() {
        RunPlan plan = plan(TOY + "budgets: {cot: 40, answer: 8, inserted: 20}\n", options());
        // own CoT: per model and item an Empty (20 tokens at most) and a Default (40 + 8); inserted: 2 sources each
        assertEquals(List.of(Phase.OWN_COT, Phase.INSERTED_COT), List.copyOf(plan.unitsPerPhase().keySet()));
        String text = DryRun.describe(plan, new Calibration(1e6, 1e12, 1), dir.resolve("run").toString());
        assertTrue(hasRow(text, "own CoT, a", "6", "204", "0:00"), text);
        assertTrue(hasRow(text, "  inserted CoTs", "12", "240", "0:00"), text);
        // 648 tokens at 1 ms each (the weights take no time at this bandwidth)
        assertTrue(hasRow(text, "total", "24", "648", "0:01"), text);
        assertFalse(Files.exists(dir.resolve("run")), "the dry run writes nothing into the run folder");
        Calibration measured = Calibration.measure(1);
        assertTrue(measured.stepNanos() > 0 && measured.bytesPerSecond() > 1e8, measured.describe());
    }
}
