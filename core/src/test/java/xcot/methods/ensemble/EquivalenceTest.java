package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EquivalenceTest {
    private static TinyEnsemble tiny;

    @BeforeAll
    static void load() {
        tiny = new TinyEnsemble();
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    private static final Sampling SAMPLING_A = Sampling.ensembleDefault();
    private static final Sampling SAMPLING_B = Sampling.ensembleDefault().withTemperature(0.7f).withTopP(0.95f);

    static EnsembleResult runIncremental(EnsembleOptions options, SessionOptions session) {
        try (IncrementalModel g0 = IncrementalModel.open("g0", tiny.generator(0), session, SAMPLING_A, false);
                IncrementalModel g1 = IncrementalModel.open("g1", tiny.generator(1), session, SAMPLING_B, false);
                IncrementalModel e = IncrementalModel.open("e", tiny.evaluator(), session, null, true)) {
            return new EnsembleEngine(options).run(
                    List.of(new EnsembleEngine.Participant(g0, TinyEnsemble.PROMPT),
                            new EnsembleEngine.Participant(g1, TinyEnsemble.PROMPT)),
                    List.of(new EnsembleEngine.Participant(e, TinyEnsemble.PROMPT)));
        }
    }

    static EnsembleResult runReference(EnsembleOptions options, SessionOptions session) {
        try (ReferenceModel g0 = ReferenceModel.open("g0", tiny.generator(0), session, SAMPLING_A);
                ReferenceModel g1 = ReferenceModel.open("g1", tiny.generator(1), session, SAMPLING_B);
                ReferenceModel e = ReferenceModel.open("e", tiny.evaluator(), session, null)) {
            return new EnsembleEngine(options).run(
                    List.of(new EnsembleEngine.Participant(g0, TinyEnsemble.PROMPT),
                            new EnsembleEngine.Participant(g1, TinyEnsemble.PROMPT)),
                    List.of(new EnsembleEngine.Participant(e, TinyEnsemble.PROMPT)));
        }
    }

    @Test
    void explore() {
        EnsembleOptions options = EnsembleOptions.defaults().withMaxIterations(30);
        SessionOptions session = SessionOptions.of(2048, 2);
        long t0 = System.nanoTime();
        EnsembleResult inc = runIncremental(options, session);
        long t1 = System.nanoTime();
        EnsembleResult ref = runReference(options.withNearTieTolerance(0), session);
        long t2 = System.nanoTime();
        System.out.printf("incremental %.1f s, reference %.1f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        double maxRel = 0;
        for (int i = 0; i < Math.min(inc.iterations().size(), ref.iterations().size()); i++) {
            IterationTrace a = inc.iterations().get(i);
            IterationTrace b = ref.iterations().get(i);
            for (int c = 0; c < a.candidates().size(); c++) {
                CandidateTrace ca = a.candidates().get(c);
                CandidateTrace cb = b.candidates().get(c);
                if (!ca.text().equals(cb.text())) {
                    System.out.println("iteration " + i + " candidate " + c + " differs: " + ca.text() + " | " + cb.text());
                } else {
                    maxRel = Math.max(maxRel, Math.abs(ca.score() - cb.score()) / cb.score());
                }
            }
            System.out.println(i + " rescored " + a.rescored() + " " + a.chosenGenerator() + " " + a.chosenScore() + " " + b.chosenScore() + " "
                    + a.millis() + " " + b.millis() + " " + a.chosen().replace("\n", "\\n"));
        }
        System.out.println("max relative score difference " + maxRel);
        assertEquals(ref.chunks(), inc.chunks());
    }
}
