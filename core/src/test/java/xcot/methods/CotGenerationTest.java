package xcot.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.profiles.ModelFamily;
import xcot.profiles.ModelProfile;
import xcot.profiles.ReasoningEffort;
import xcot.profiles.RenderOptions;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirks;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.ItemSelection;
import xcot.tasks.TaskPrompt;
import xcot.tasks.catalog.BenchmarkCatalog;
import xcot.tasks.induction.InductionTranscripts;

/**
 * The two-pass and inserted-CoT protocols of docs/reference-pipeline.md §4.1, §4.2 and §6.2 (Q6, Q7), against a
 * scripted model.
 */
class CotGenerationTest {
    static final TaskPrompt MEDCALC = TaskPrompt.of("SYS", "USER");
    static final TaskPrompt INDUCTION = TaskPrompt.userOnly("Input: a\nOutput: b\n\nThe instruction was");

    static GenerationSetup setup(ModelFamily family, BenchmarkKind kind, Quirks flags) {
        return new GenerationSetup(ModelProfile.of(family, Optional.empty()), benchmark(kind), flags, kind.defaultBudgets(),
                new RenderOptions(LocalDate.of(2026, 1, 1), ReasoningEffort.LOW, flags));
    }

    private static final Map<BenchmarkKind, Benchmark> BENCHMARKS = new EnumMap<>(BenchmarkKind.class);

    /** The catalog's benchmark of the same protocol (its items are not used here). */
    static Benchmark benchmark(BenchmarkKind kind) {
        return BENCHMARKS.computeIfAbsent(kind, k -> {
            BenchmarkCatalog entry = BenchmarkCatalog.valueOf(k.name());
            return entry.create(ItemSelection.of(entry.defaultSubset()), BenchmarkCatalog.Scoring.of(Quirks.none()));
        });
    }

    static final String DAPO_PROMPT = "<|im_start|>system\nSYS<|im_end|>\n<|im_start|>user\nUSER<|im_end|>\n"
            + "<|im_start|>assistant\n<think>";

    @Test
    void fixedOwnCotStopsAfterPassOneWhenThinkingClosed() {
        ScriptedGenerator model = new ScriptedGenerator().then(" hmm.</think> {\"answer\": \"4\"}",
                StopReason.END_OF_GENERATION);
        Attempt a = CotGeneration.ownCot(model, setup(ModelFamily.DAPO, BenchmarkKind.MEDCALC, Quirks.fixed()),
                MEDCALC, SamplingSpec.greedy());
        assertEquals(1, model.requests.size());
        GenerationRequest r = model.requests.get(0);
        assertEquals(new PromptInput.Text(DAPO_PROMPT), r.prompt());
        assertEquals(new Budget.Fixed(4096), r.budget());
        assertEquals(Stage.THINKING, r.stage());
        assertEquals(DAPO_PROMPT, a.promptText());
        assertEquals(" hmm.", a.thinking());
    }

    @Test
    void fixedOwnCotContinuesTokensWhenPassOneRanOutUnclosed() {
        ScriptedGenerator model = new ScriptedGenerator().then(" long thought", StopReason.TOKEN_LIMIT)
                .then(" {\"answer\": \"4\"}", StopReason.END_OF_GENERATION);
        Attempt a = CotGeneration.ownCot(model, setup(ModelFamily.DAPO, BenchmarkKind.MEDCALC, Quirks.fixed()),
                MEDCALC, SamplingSpec.greedy());
        GenerationRequest second = model.requests.get(1);
        PromptInput.Continuation c = assertInstanceOf(PromptInput.Continuation.class, second.prompt());
        assertEquals(new PromptInput.Text(DAPO_PROMPT), c.base());
        assertArrayEquals(" long thought".codePoints().toArray(), c.generated());
        assertEquals("</think>", c.appended());
        assertEquals(new Budget.Fixed(100), second.budget());
        assertEquals(Stage.ANSWER, second.stage());
        assertEquals(" long thought</think> {\"answer\": \"4\"}", a.continuation());
        assertEquals(" long thought", a.thinking());
    }

    @Test
    void referenceOwnCotAlwaysRunsPassTwoOnReTokenizedTextWithPromptInclusiveBudgets() {
        ScriptedGenerator model = new ScriptedGenerator().then(" done.</think>", StopReason.END_OF_GENERATION)
                .then(" {\"answer\": \"4\"}", StopReason.END_OF_GENERATION);
        Quirks ref = Quirks.referenceCompat();
        CotGeneration.ownCot(model, setup(ModelFamily.DAPO, BenchmarkKind.MEDCALC, ref), MEDCALC, SamplingSpec.greedy());
        assertEquals(new Budget.PromptInclusive(4096, List.of()), model.requests.get(0).budget());
        GenerationRequest second = model.requests.get(1);
        assertEquals(new PromptInput.Text(DAPO_PROMPT + " done.</think>"), second.prompt());
        assertEquals(new Budget.PromptInclusive(100, List.of()), second.budget());
        assertEquals(false, second.renderSpecial());
    }

    @Test
    void inductionOwnCotClosesAndForcesTheInstruction() {
        ScriptedGenerator model = new ScriptedGenerator().then(" think", StopReason.TOKEN_LIMIT)
                .then(" reverse the word", StopReason.TOKEN_LIMIT);
        Attempt a = CotGeneration.ownCot(model, setup(ModelFamily.DAPO, BenchmarkKind.INDUCTION, Quirks.fixed()),
                INDUCTION, SamplingSpec.greedy());
        assertEquals(new Budget.Fixed(2018), model.requests.get(0).budget());
        PromptInput.Continuation c = (PromptInput.Continuation) model.requests.get(1).prompt();
        assertEquals("</think> The instruction is:", c.appended());
        assertEquals(new Budget.Fixed(30), model.requests.get(1).budget());
        assertEquals(" think</think> The instruction is: reverse the word", a.continuation());
        assertEquals(" think", a.thinking());
    }

    @Test
    void inductionOwnCotThatClosedItselfStillGetsTheSuffix() {
        ScriptedGenerator model = new ScriptedGenerator().then(" t</think>Reverse it.", StopReason.END_OF_GENERATION)
                .then(" reverse", StopReason.TOKEN_LIMIT);
        CotGeneration.ownCot(model, setup(ModelFamily.QWQ, BenchmarkKind.INDUCTION, Quirks.fixed()), INDUCTION,
                SamplingSpec.greedy());
        assertEquals(" The instruction is:", ((PromptInput.Continuation) model.requests.get(1).prompt()).appended());
    }

    @Test
    void insertedMedCalcContinuesFreelyWithOneBudget() {
        ScriptedGenerator model = new ScriptedGenerator().then(" {\"answer\": \"4\"}", StopReason.END_OF_GENERATION)
                .then(" {\"answer\": \"4\"}", StopReason.END_OF_GENERATION);
        Attempt fixed = CotGeneration.inserted(model, setup(ModelFamily.DAPO, BenchmarkKind.MEDCALC,
                Quirks.fixed()), MEDCALC, " cot", SamplingSpec.greedy());
        assertEquals(DAPO_PROMPT + " cot</think>", fixed.promptText());
        assertEquals(new Budget.Fixed(4196), model.requests.get(0).budget());
        assertEquals(Optional.of(" cot"), fixed.insertedCot());
        Quirks ref = Quirks.referenceCompat();
        CotGeneration.inserted(model, setup(ModelFamily.DAPO, BenchmarkKind.MEDCALC, ref), MEDCALC, " cot",
                SamplingSpec.greedy());
        String rendered = DAPO_PROMPT.substring(0, DAPO_PROMPT.length() - "<think>".length());
        assertEquals(new Budget.PromptInclusive(4196, List.of(rendered)), model.requests.get(1).budget());
    }

    @Test
    void emptyQwqRunInReferenceModeStoresTheInnerThinkTag() {
        ScriptedGenerator model = new ScriptedGenerator().then(" {\"answer\": \"4\"}", StopReason.END_OF_GENERATION);
        Attempt a = CotGeneration.inserted(model, setup(ModelFamily.QWQ, BenchmarkKind.MEDCALC,
                Quirks.referenceCompat()), MEDCALC, "", SamplingSpec.greedy());
        assertEquals(" <think>", a.thinking());
    }

    @Test
    void insertedInductionAppendsTheSuffixAndForcesThirtyTokens() {
        ScriptedGenerator model = new ScriptedGenerator().then(" reverse", StopReason.TOKEN_LIMIT);
        Attempt a = CotGeneration.inserted(model, setup(ModelFamily.OPENTHINKER, BenchmarkKind.INDUCTION,
                Quirks.fixed()), INDUCTION, "cot", SamplingSpec.greedy());
        assert a.promptText().endsWith("<|begin_of_thought|>cot<|end_of_thought|><|begin_of_solution|> The instruction is:");
        assertEquals(new Budget.Fixed(30), model.requests.get(0).budget());
    }

    @Test
    void inductionTransferExtractionFollowsTheSpecIncludingQ9() {
        String qwqOutput = "<|im_start|>assistant\n<think>\nsteps\n</think> The instruction is: x";
        assertEquals("\nsteps\n", transferThinking(qwqOutput, ModelFamily.QWQ));
        // Q9: parsed with an OpenThinker target's markers, the whole transcript comes back.
        assertEquals(qwqOutput, transferThinking(qwqOutput, ModelFamily.OPENTHINKER));
        assertEquals("", transferThinking("<think> unclosed", ModelFamily.QWQ));
    }

    private static String transferThinking(String sourceOutput, ModelFamily markersOf) {
        ThinkingFormat markers = setup(markersOf, BenchmarkKind.INDUCTION, Quirks.fixed()).format();
        return InductionTranscripts.thinking(sourceOutput, markers.open(), markers.close());
    }
}
