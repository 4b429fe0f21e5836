package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.llm.ContextOverflowException;
import xcot.llm.ModelFailureException;
import xcot.methods.IterationTrace;

/** Several items advancing together (lanes), on scripted models: no native code. */
class GroupRunTest {
    private static final EnsembleOptions NO_CAP = EnsembleOptions.defaults().withLengthCap(LengthCap.none());
    private static final List<String> CONTEXTS = List.of("alpha", "beta gamma", "delta epsilon zeta");

    /** Samples that depend on the context, so that every item takes its own path. */
    private static List<String> samplesOf(String context) {
        int n = context.length();
        return List.of("Step " + n % 7 + ".", "Then " + (n * 3) % 11 + " more.", "So " + n % 5 + ".");
    }

    private static double byLength(String s) {
        return (s.length() % 13) / 10.0;
    }

    private record Models(ScriptedModel g0, ScriptedModel g1, ScriptedModel e) {
        static Models fresh() {
            return new Models(ScriptedModel.generator("g0", GroupRunTest::samplesOf),
                    ScriptedModel.generator("g1", c -> samplesOf(c + "!")),
                    ScriptedModel.evaluator("e", GroupRunTest::byLength));
        }

        EnsembleEngine.Lineup lineup() {
            return new EnsembleEngine.Lineup(List.of(g0, g1), List.of(e));
        }
    }

    /** Item {@code i}: every model starts from {@code CONTEXTS[i]}; caps of 6, 9, 12 words. */
    private static List<EnsembleEngine.ItemStart> items() {
        List<EnsembleEngine.ItemStart> items = new ArrayList<>();
        for (int i = 0; i < CONTEXTS.size(); i++) {
            String c = CONTEXTS.get(i);
            items.add(new EnsembleEngine.ItemStart(List.of(c, c), List.of(c),
                    new LengthCap(6 + 3 * i, LengthCap.Counting.FIRST_GENERATOR_CONTEXT)));
        }
        return items;
    }

    private static EnsembleResult alone(EnsembleEngine.ItemStart item) {
        Models m = Models.fresh();
        return new EnsembleEngine(NO_CAP).run(m.lineup(), List.of(item)).getFirst();
    }

    private static void assertSameOutcome(EnsembleResult expected, EnsembleResult actual, String what) {
        assertEquals(expected.chunks(), actual.chunks(), what);
        assertEquals(expected.stopReason(), actual.stopReason(), what);
        assertEquals(expected.firstGeneratorContext(), actual.firstGeneratorContext(), what);
        assertEquals(expected.iterations().size(), actual.iterations().size(), what);
        for (int i = 0; i < expected.iterations().size(); i++) {
            IterationTrace a = expected.iterations().get(i);
            IterationTrace b = actual.iterations().get(i);
            assertEquals(a.candidates(), b.candidates(), what + " iteration " + i);
            assertEquals(a.chosenGenerator(), b.chosenGenerator(), what + " iteration " + i);
            assertEquals(a.failedEvaluators(), b.failedEvaluators(), what + " iteration " + i);
        }
    }

    @Test
    void itemsAdvancingTogetherGetWhatEachGetsAloneAndEndOnTheirOwn() {
        for (boolean parallel : new boolean[] {false, true}) {
            Models m = Models.fresh();
            List<EnsembleResult> together = new EnsembleEngine(NO_CAP, parallel).run(m.lineup(), items());
            for (int i = 0; i < CONTEXTS.size(); i++) {
                assertSameOutcome(alone(items().get(i)), together.get(i), "item " + i + ", parallel " + parallel);
                assertEquals(StopReason.LENGTH_CAP, together.get(i).stopReason());
            }
            int steps = together.stream().mapToInt(r -> r.iterations().size()).max().orElseThrow();
            assertEquals(steps, m.g0().sampleCalls, "one sampling call per step for all the items");
            assertEquals(steps, m.e().batchedCalls, "one scoring call per step for all the items");
            assertEquals(1, m.g0().starts);
        }
    }

    @Test
    void anEvaluatorFailingForOneItemIsSkippedForThatItemOnly() {
        Models m = Models.fresh();
        ScriptedModel good = ScriptedModel.evaluator("good", GroupRunTest::byLength);
        m.e().failure = new ModelFailureException("simulated NaN row");
        m.e().failsFor = c -> c.startsWith("beta");
        EnsembleEngine.Lineup lineup = new EnsembleEngine.Lineup(List.of(m.g0(), m.g1()), List.of(m.e(), good));
        List<EnsembleEngine.ItemStart> items = new ArrayList<>();
        for (EnsembleEngine.ItemStart item : items()) {
            items.add(new EnsembleEngine.ItemStart(item.generatorContexts(),
                    List.of(item.evaluatorContexts().getFirst(), item.evaluatorContexts().getFirst()),
                    item.lengthCap()));
        }
        List<EnsembleResult> results = new EnsembleEngine(NO_CAP.withNearTieTolerance(0)).run(lineup, items);
        for (int i = 0; i < results.size(); i++) {
            for (IterationTrace t : results.get(i).iterations()) {
                assertEquals(i == 1 ? List.of("e") : List.of(), t.failedEvaluators(), "item " + i);
                if (i == 1) {
                    assertNull(t.candidates().getFirst().perplexities().getFirst());
                }
            }
            assertEquals(StopReason.LENGTH_CAP, results.get(i).stopReason());
        }
    }

    @Test
    void anItemWithoutRoomEndsAloneAndTheOthersGoOn() {
        Models m = Models.fresh();
        m.e().failure = new ContextOverflowException(9000, 8192, "test");
        m.e().failsFor = c -> c.startsWith("delta");
        List<EnsembleResult> results = new EnsembleEngine(NO_CAP).run(m.lineup(), items());
        assertEquals(StopReason.CONTEXT_FULL, results.get(2).stopReason());
        assertEquals(0, results.get(2).iterations().size());
        assertEquals(CONTEXTS.get(2), results.get(2).firstGeneratorContext());
        for (int i = 0; i < 2; i++) {
            assertSameOutcome(alone(items().get(i)), results.get(i), "item " + i);
        }
    }
}
