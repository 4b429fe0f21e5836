package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xcot.methods.CandidateTrace;
import xcot.methods.IterationTrace;

/**
 * The acceptance test of the incremental engine: on seeded tiny models (two generators, one evaluator), 30
 * iterations select exactly the same chunks as the reference algorithm, which re-tokenizes and re-decodes everything
 * from an empty cache for every sample and every candidate.
 */
class EquivalenceTest {
    static final int ITERATIONS = 30;
    private static final SessionOptions SESSION = SessionOptions.of(2048, 1);
    private static final Sampling SAMPLING_A = Sampling.ensembleDefault();
    private static final Sampling SAMPLING_B = Sampling.ensembleDefault().withTemperature(0.7f).withTopP(0.95f);
    private static TinyEnsemble tiny;

    @BeforeAll
    static void load() {
        tiny = new TinyEnsemble();
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    private static EnsembleResult run(EnsembleModel g0, EnsembleModel g1, EnsembleModel e, EnsembleOptions options) {
        return new EnsembleEngine(options).run(
                List.of(new EnsembleEngine.Participant(g0, TinyEnsemble.PROMPT),
                        new EnsembleEngine.Participant(g1, TinyEnsemble.PROMPT)),
                List.of(new EnsembleEngine.Participant(e, TinyEnsemble.PROMPT)));
    }

    @Test
    void thirtyIterationsSelectTheSameChunksAsTheReferenceAlgorithm() {
        EnsembleOptions options = EnsembleOptions.defaults().withMaxIterations(ITERATIONS);
        EnsembleResult incremental;
        try (IncrementalModel g0 = IncrementalModel.open("g0", tiny.generator(0), SESSION, SAMPLING_A, false);
                IncrementalModel g1 = IncrementalModel.open("g1", tiny.generator(1), SESSION, SAMPLING_B, false);
                IncrementalModel e = IncrementalModel.open("e", tiny.evaluator(), SESSION, null, true)) {
            incremental = run(g0, g1, e, options);
        }
        EnsembleResult reference;
        try (ReferenceModel g0 = ReferenceModel.open("g0", tiny.generator(0), SESSION, SAMPLING_A);
                ReferenceModel g1 = ReferenceModel.open("g1", tiny.generator(1), SESSION, SAMPLING_B);
                ReferenceModel e = ReferenceModel.open("e", tiny.evaluator(), SESSION, null)) {
            // The reference algorithm has no near-tie step; its scores are the from-scratch ones anyway.
            reference = run(g0, g1, e, options.withNearTieTolerance(0));
        }
        assertEquals(ITERATIONS, incremental.iterations().size());
        assertEquals(StopReason.ITERATION_LIMIT, incremental.stopReason());
        assertEquals(reference.chunks(), incremental.chunks());
        assertEquals(reference.firstGeneratorContext(), incremental.firstGeneratorContext());

        double maxRelativeDifference = 0;
        int rescored = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            IterationTrace a = incremental.iterations().get(i);
            IterationTrace b = reference.iterations().get(i);
            assertEquals(b.chosenGenerator(), a.chosenGenerator());
            assertEquals(b.chosenScore(), a.chosenScore(), "iteration " + i + ": the winner's score is exact");
            rescored += a.rescored();
            for (int c = 0; c < a.candidates().size(); c++) {
                CandidateTrace x = a.candidates().get(c);
                CandidateTrace y = b.candidates().get(c);
                assertEquals(y.text(), x.text(), "iteration " + i + " candidate " + c);
                assertEquals(y.generator(), x.generator());
                maxRelativeDifference = Math.max(maxRelativeDifference, Math.abs(x.score() - y.score()) / y.score());
            }
        }
        // Batching noise must stay well below the near-tie tolerance, or that step could not settle every close call.
        assertTrue(maxRelativeDifference < EnsembleOptions.DEFAULT_NEAR_TIE_TOLERANCE / 10,
                "batched scores differ by " + maxRelativeDifference);
        System.out.printf("equivalence: %d iterations, %d candidates re-scored alone, max relative score difference"
                        + " %.2e; incremental %.2f s, reference %.2f s%n", ITERATIONS, rescored, maxRelativeDifference,
                incremental.elapsedNanos() / 1e9, reference.elapsedNanos() / 1e9);
    }
}
