package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.llm.ContextOverflowException;
import xcot.llm.ModelFailureException;
import xcot.methods.IterationTrace;

/** The loop's rules (docs/reference-pipeline.md §9) on scripted models: no native code. */
class EnsembleEngineTest {
    private static final EnsembleOptions NO_CAP = EnsembleOptions.defaults().withLengthCap(LengthCap.none());

    private static EnsembleEngine.Participant p(EnsembleModel m, String context) {
        return new EnsembleEngine.Participant(m, context);
    }

    /** Scores a string by its length: shorter whole sequences have lower perplexity. */
    private static double byLength(String s) {
        return s.length() / 100.0;
    }

    @Test
    void lowestPerplexityWinsAndIsAppendedWithOneLeadingSpaceToEveryContext() {
        ScriptedModel g0 = ScriptedModel.generator("g0", c -> List.of("A long first sentence. tail", "Short.", "Mid one."));
        ScriptedModel g1 = ScriptedModel.generator("g1", c -> List.of("Other text here.", "Tiny.", "x"));
        ScriptedModel e = ScriptedModel.evaluator("e", EnsembleEngineTest::byLength);
        EnsembleResult r = new EnsembleEngine(NO_CAP.withMaxIterations(1)).run(
                List.of(p(g0, "G0:"), p(g1, "G1:")), List.of(p(e, "E:")));
        assertEquals(List.of(" x"), r.chunks());
        assertEquals("G0: x", g0.text());
        assertEquals("G1: x", g1.text());
        assertEquals("E: x", e.text());
        IterationTrace t = r.iterations().getFirst();
        assertEquals(1, t.chosenGenerator());
        assertEquals(6, t.candidates().size());
        assertEquals("A long first sentence.", t.candidates().get(0).text(), "cut at the sentence boundary");
        assertEquals(StopReason.ITERATION_LIMIT, r.stopReason());
    }

    @Test
    void tiesGoToTheFirstInsertedAndDuplicatesAreCreditedToTheFirstGenerator() {
        ScriptedModel g0 = ScriptedModel.generator("g0", c -> List.of("Bb.", "Same.", "Aa."));
        ScriptedModel g1 = ScriptedModel.generator("g1", c -> List.of("Same.", "Cc.", "Dd."));
        ScriptedModel e = ScriptedModel.evaluator("e", s -> 1.0);
        EnsembleResult r = new EnsembleEngine(NO_CAP.withMaxIterations(1)).run(
                List.of(p(g0, ""), p(g1, "")), List.of(p(e, "")));
        assertEquals(List.of(" Bb."), r.chunks(), "all equal: the first inserted wins");

        ScriptedModel h0 = ScriptedModel.generator("h0", c -> List.of("Long text.", "Same.", "Long text two."));
        ScriptedModel h1 = ScriptedModel.generator("h1", c -> List.of("Same.", "Longer text.", "Longest text."));
        ScriptedModel f = ScriptedModel.evaluator("f", EnsembleEngineTest::byLength);
        IterationTrace t = new EnsembleEngine(NO_CAP.withMaxIterations(1)).run(
                List.of(p(h0, ""), p(h1, "")), List.of(p(f, ""))).iterations().getFirst();
        assertEquals("Same.", t.chosen());
        assertEquals(0, t.chosenGenerator(), "credited to the first generator whose samples contain it");
        assertEquals(t.candidates().get(1).score(), t.candidates().get(3).score(), "duplicates share one score");
        assertEquals(1, f.batchedCalls);
    }

    @Test
    void scoreIsTheMeanPerplexityOverEvaluatorsAndAFailingEvaluatorIsSkipped() {
        ScriptedModel g = ScriptedModel.generator("g", c -> List.of("Aaaa.", "Bb.", "Ccc."));
        ScriptedModel e0 = ScriptedModel.evaluator("e0", s -> s.endsWith("Aaaa.") ? 0.0 : 1.0);
        ScriptedModel e1 = ScriptedModel.evaluator("e1", s -> s.endsWith("Bb.") ? 0.0 : 2.0);
        IterationTrace t = new EnsembleEngine(NO_CAP.withMaxIterations(1).withNearTieTolerance(0))
                .run(List.of(p(g, "")), List.of(p(e0, ""), p(e1, ""))).iterations().getFirst();
        // A: (1 + e^2)/2 = 4.19; B: (e + 1)/2 = 1.86; C: (e + e^2)/2 = 5.05
        assertEquals("Bb.", t.chosen());
        assertEquals((Math.E + 1) / 2, t.chosenScore(), 1e-12);
        assertEquals(List.of(Math.E, 1.0), t.candidates().get(1).perplexities());

        ScriptedModel h = ScriptedModel.generator("h", c -> List.of("Aaaa.", "Bb.", "Ccc."));
        ScriptedModel bad = ScriptedModel.evaluator("bad", s -> 0.0);
        bad.failure = new ModelFailureException("simulated out of memory");
        ScriptedModel good = ScriptedModel.evaluator("good", s -> s.endsWith("Aaaa.") ? 0.0 : 1.0);
        IterationTrace u = new EnsembleEngine(NO_CAP.withMaxIterations(1)).run(List.of(p(h, "")),
                List.of(p(bad, ""), p(good, ""))).iterations().getFirst();
        assertEquals("Aaaa.", u.chosen());
        assertEquals(List.of("bad"), u.failedEvaluators());
        assertNull(u.candidates().getFirst().perplexities().getFirst());
    }

    @Test
    void allEvaluatorsFailingEndsTheRunWithoutAChunk() {
        ScriptedModel g = ScriptedModel.generator("g", c -> List.of("A.", "B.", "C."));
        ScriptedModel e = ScriptedModel.evaluator("e", s -> 0.0);
        e.failure = new ModelFailureException("simulated");
        EnsembleResult r = new EnsembleEngine(NO_CAP).run(List.of(p(g, "")), List.of(p(e, "")));
        assertEquals(StopReason.NO_SCORES, r.stopReason());
        assertEquals(List.of(), r.chunks());
        assertEquals("", g.text());
    }

    @Test
    void runningOutOfContextEndsTheRun() {
        ScriptedModel g = ScriptedModel.generator("g", c -> List.of("A.", "B.", "C."));
        ScriptedModel e = ScriptedModel.evaluator("e", s -> 0.0);
        e.failure = new ContextOverflowException(9000, 8192, "test");
        assertEquals(StopReason.CONTEXT_FULL, new EnsembleEngine(NO_CAP).run(List.of(p(g, "")), List.of(p(e, "")))
                .stopReason());
    }

    @Test
    void stopMarkerIsCheckedOnlyFromTheSecondIterationAndOnlyInTheFirstGeneratorsContext() {
        ScriptedModel g0 = ScriptedModel.generator("g0", c -> List.of("Think more.", "Still.", "</think> Done."));
        ScriptedModel g1 = ScriptedModel.generator("g1", c -> List.of("Z.", "Y.", "X."));
        ScriptedModel e = ScriptedModel.evaluator("e", s -> s.endsWith("</think> Done.") ? 0.0 : 1.0);
        // The first generator's prompt already contains the marker: iteration 0 still runs.
        EnsembleResult r = new EnsembleEngine(NO_CAP).run(List.of(p(g0, "</think>"), p(g1, "")), List.of(p(e, "")));
        assertEquals(StopReason.THINKING_CLOSED, r.stopReason());
        assertEquals(1, r.iterations().size());

        ScriptedModel h0 = ScriptedModel.generator("h0", c -> List.of("A.", "B.", "C."));
        ScriptedModel h1 = ScriptedModel.generator("h1", c -> List.of("</think> X.", "Y.", "Z."));
        ScriptedModel f = ScriptedModel.evaluator("f", s -> s.endsWith("X.") ? 0.0 : 1.0);
        EnsembleResult s = new EnsembleEngine(NO_CAP.withMaxIterations(3)).run(List.of(p(h0, ""), p(h1, "<think>")),
                List.of(p(f, "")));
        assertEquals(StopReason.THINKING_CLOSED, s.stopReason(), "the chunk enters every context, the first's too");
        assertEquals(1, s.iterations().size());
    }

    @Test
    void lengthCapCountsTheFirstGeneratorsContextOrTheReferenceChunkCounter() {
        ScriptedModel g = ScriptedModel.generator("g", c -> List.of("one two three.", "a b c d e f.", "x y z w."));
        ScriptedModel e = ScriptedModel.evaluator("e", s -> s.endsWith("three.") ? 0.0 : 1.0);
        // Prompt "p q" has 2 tokens; each chunk adds 3; cap at prompt + 7 tokens: stops after 3 chunks (11 >= 9).
        EnsembleResult r = new EnsembleEngine(EnsembleOptions.defaults().withLengthCap(
                new LengthCap(7, LengthCap.Counting.FIRST_GENERATOR_CONTEXT))).run(List.of(p(g, "p q")),
                List.of(p(e, "")));
        assertEquals(StopReason.LENGTH_CAP, r.stopReason());
        assertEquals(3, r.iterations().size());

        ScriptedModel h = ScriptedModel.generator("h", c -> List.of("one two three.", "a b.", "x."));
        ScriptedModel last = ScriptedModel.evaluator("last", s -> s.endsWith("three.") ? 0.0 : 1.0);
        EnsembleResult q = new EnsembleEngine(EnsembleOptions.defaults().withLengthCap(
                new LengthCap(6, LengthCap.Counting.LAST_EVALUATOR_CHUNKS))).run(List.of(p(h, "p q r s")),
                List.of(p(last, "")));
        assertEquals(StopReason.LENGTH_CAP, q.stopReason());
        assertEquals(2, q.iterations().size(), "4 + 3 + 3 >= 4 + 6 after two chunks");
    }

    @Test
    void aModelInBothRolesIsStartedAndAppendedOnce() {
        ScriptedModel both = new ScriptedModel("both", c -> List.of("A.", "Bb.", "Ccc."), EnsembleEngineTest::byLength);
        EnsembleResult r = new EnsembleEngine(NO_CAP.withMaxIterations(2)).run(List.of(p(both, "ctx")),
                List.of(p(both, "ctx")));
        assertEquals(1, both.starts);
        assertEquals(2, both.appends);
        assertEquals("ctx A. A.", both.text());
        assertEquals(List.of(" A.", " A."), r.chunks());
        assertThrows(IllegalArgumentException.class, () -> new EnsembleEngine(NO_CAP).run(List.of(p(both, "a")),
                List.of(p(both, "b"))));
    }

    @Test
    void nearTiesAreScoredAgainOneByOneAndDecidedByThoseScores() {
        ScriptedModel g = ScriptedModel.generator("g", c -> List.of("Aa.", "Bb.", "Far away."));
        // Batched scores put A first by 1e-6; the separate (exact) scores put B first.
        ScriptedModel e = new ScriptedModel("e", c -> List.of(), s -> 0) {
            @Override
            public List<double[]> meanNllNats(int[] lanes, List<List<String>> suffixes, ScoreSpan span) {
                batchedCalls++;
                return List.of(new double[] {1.0, 1.000001, 2.0});
            }

            @Override
            public List<double[]> meanNllNatsSeparately(int[] lanes, List<List<String>> suffixes, ScoreSpan span) {
                separateCalls++;
                assertEquals(List.of(List.of(" Aa.", " Bb.")), suffixes, "only the near-tied candidates");
                return List.of(new double[] {1.000002, 1.000001});
            }
        };
        IterationTrace t = new EnsembleEngine(NO_CAP.withMaxIterations(1)).run(List.of(p(g, "")), List.of(p(e, "")))
                .iterations().getFirst();
        assertEquals("Bb.", t.chosen());
        assertEquals(2, t.rescored());
        assertEquals(1, e.separateCalls);
        assertEquals(Math.exp(1.000002), t.candidates().getFirst().score(), 0);
    }

    @Test
    void scoredTextIsTheAppendedStringUnlessTheReferenceFlagIsSet() {
        List<String> seen = new java.util.ArrayList<>();
        ScriptedModel g = ScriptedModel.generator("g", c -> List.of("A.", "B.", "C."));
        ScriptedModel e = ScriptedModel.evaluator("e", s -> {
            seen.add(s);
            return 0;
        });
        new EnsembleEngine(NO_CAP.withMaxIterations(1)).run(List.of(p(g, "ctx")), List.of(p(e, "ctx")));
        assertEquals(List.of("ctx A.", "ctx B.", "ctx C."), seen.subList(0, 3));
        seen.clear();
        new EnsembleEngine(NO_CAP.withMaxIterations(1).withScoredText(ScoredText.REFERENCE_WITHOUT_SPACE))
                .run(List.of(p(g, "ctx")), List.of(p(e, "ctx")));
        assertEquals(List.of("ctxA.", "ctxB.", "ctxC."), seen.subList(0, 3));
    }

    @Test
    void sharesCountChunksPerGenerator() {
        ScriptedModel g0 = ScriptedModel.generator("g0", c -> List.of(c.length() % 2 == 0 ? "Ab." : "Abcdef.", "Q.", "R."));
        ScriptedModel g1 = ScriptedModel.generator("g1", c -> List.of("Zzzz.", "Yyyy.", "Xxxx."));
        ScriptedModel e = ScriptedModel.evaluator("e", EnsembleEngineTest::byLength);
        EnsembleResult r = new EnsembleEngine(NO_CAP.withMaxIterations(4)).run(List.of(p(g0, ""), p(g1, "")),
                List.of(p(e, "")));
        assertArrayEquals(new int[] {4, 0}, r.chunksPerGenerator());
        assertArrayEquals(new double[] {1.0, 0.0}, r.generatorShares());
        assertTrue(r.ensembleText().startsWith(" Q."));
    }
}
