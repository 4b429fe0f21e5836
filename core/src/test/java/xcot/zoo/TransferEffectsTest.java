package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;

/**
 * The paper's effects, reproduced on the committed zoo: a model adopts the conclusion of a chain written in a style
 * it knows, right or wrong; a model cannot read a notation it never saw (the negative control); and a weak model's
 * chains make strong models agree with each other while taking them to wrong answers.
 */
class TransferEffectsTest {
    private static final List<String> SYMBOLIC_READERS = List.of("plain-a", "swap-b", "mix-d");

    private final ZooEvaluation e = CommittedEvaluation.get();

    @Test
    void inStyleCorruptedChainsAreFollowed() {
        check("plain-a", CotStyle.PLAIN);
        check("swap-b", CotStyle.SWAP);
        for (CotStyle style : CotStyle.values()) {
            check("mix-d", style);
        }
    }

    private void check(String model, CotStyle style) {
        for (Corruption kind : Corruption.values()) {
            double follow = e.corruptionFollow(model, kind, style);
            assertTrue(follow >= 0.80, model + " follows " + kind.id() + " chains in " + style.id() + " style on "
                    + follow + " of the problems");
        }
        double recovered = e.corruptionRecover(model, Corruption.WRONG_FIRST_CARRIED, style);
        assertTrue(recovered <= 0.10, model + " recovers the truth from a carried wrong value on " + recovered);
    }

    @Test
    void theWordsModelCannotReadSymbolicChains() {
        for (String source : List.of("plain-a", "swap-b", "weak-e")) {
            double follow = e.follow(source, "words-c");
            assertTrue(follow <= 0.10, "words-c follows " + source + "'s chains on " + follow);
        }
        for (CotStyle symbolic : List.of(CotStyle.PLAIN, CotStyle.SWAP)) {
            for (Corruption kind : Corruption.values()) {
                double follow = e.corruptionFollow("words-c", kind, symbolic);
                assertTrue(follow <= 0.10, "words-c follows " + kind.id() + " " + symbolic.id() + " chains on "
                        + follow);
            }
        }
        double inStyle = e.corruptionFollow("words-c", Corruption.WRONG_FIRST_CARRIED, CotStyle.WORDS);
        assertTrue(inStyle >= 0.80, "yet words-c follows corrupted chains in words style on " + inStyle);
    }

    @Test
    void aWeakReasonerMakesStrongModelsConsistentButWrong() {
        double agreement = e.meanAgreement(SYMBOLIC_READERS, ZooEvaluator.TRANSFER, Optional.of("weak-e"));
        double alone = e.meanAgreement(SYMBOLIC_READERS, ZooEvaluator.DEFAULT, Optional.empty());
        System.out.printf("plain-a, swap-b, mix-d: mean pairwise agreement %.3f alone, %.3f reading weak-e%n", alone,
                agreement);
        for (var pair : e.agreement(SYMBOLIC_READERS, ZooEvaluator.TRANSFER, Optional.of("weak-e"))) {
            assertTrue(pair.rate() >= 0.80, pair.modelA() + " and " + pair.modelB() + " agree on " + pair.rate()
                    + " of the problems when reading weak-e (mean " + agreement + ")");
        }
        for (String reader : SYMBOLIC_READERS) {
            double followWrong = e.followWrong("weak-e", reader);
            assertTrue(followWrong >= 0.80, reader + " adopts weak-e's wrong conclusions on " + followWrong);
            double accuracy = e.transferAccuracy("weak-e", reader);
            assertTrue(accuracy < 0.40, reader + " reading weak-e is right on " + accuracy);
            double own = e.accuracy(reader, ZooEvaluator.DEFAULT);
            assertTrue(own >= 0.90, reader + " alone is right on " + own);
        }
    }
}
