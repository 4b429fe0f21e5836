package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseExplorationTest {
    @Test
    void explore() {
        try (TinyEnsemble tiny = new TinyEnsemble()) {
            for (boolean fa : new boolean[] {false}) {
                SessionOptions session = SessionOptions.of(2048, 2).withFlashAttention(fa);
                try (IncrementalModel inc = IncrementalModel.open("e", tiny.evaluator(), session, null, true);
                        ReferenceModel ref = ReferenceModel.open("e", tiny.evaluator(), session, null);
                        IncrementalModel gen = IncrementalModel.open("g", tiny.generator(0), session,
                                Sampling.ensembleDefault(), false)) {
                    inc.start(TinyEnsemble.PROMPT);
                    ref.start(TinyEnsemble.PROMPT);
                    gen.start(TinyEnsemble.PROMPT);
                    for (int it = 0; it < 12; it++) {
                        double a = inc.meanNllNats(List.of(""), ScoreSpan.FULL_SEQUENCE)[0];
                        double b = ref.meanNllNats(List.of(""), ScoreSpan.FULL_SEQUENCE)[0];
                        List<String> samples = gen.sample(3, 15);
                        String s = " " + SentenceCut.truncate(samples.get(0));
                        double ca = inc.meanNllNats(List.of(s), ScoreSpan.FULL_SEQUENCE)[0];
                        double cb = ref.meanNllNats(List.of(s), ScoreSpan.FULL_SEQUENCE)[0];
                        System.out.printf("fa=%s it %d tokens %d: context diff %.3g, candidate diff %.3g (added %d tokens)%n", fa, it,
                                inc.contextTokens(), (a - b) * (inc.contextTokens() - 1), (ca - cb), inc.countTokens(s));
                        inc.append(s);
                        ref.append(s);
                        gen.append(s);
                    }
                }
            }
        }
    }
}
