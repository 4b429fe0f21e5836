package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.metrics.ModelRate;
import xcot.runs.RunResult;
import xcot.runs.RunTesting;
import xcot.runs.Runner;
import xcot.runs.export.SettingSummary;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;

/**
 * The paper's effects, reproduced on the committed zoo, seen two ways: through the zoo's evaluator (follow and
 * switch rates per style) and through the experiment pipeline's own summary (a run over the held-out items). A model
 * adopts the conclusion of a chain written in a style it knows, right or wrong; a model cannot read a notation it
 * never saw (the negative control); a weak model's chains make strong models agree with each other while taking
 * them to wrong answers; and the models need their chain of thought. The pipeline's second summary leaves out
 * words-c (which cannot read symbolic chains) and weak-e, so it is over the three models that read each other.
 */
public class ToyEffectsTest {

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

    // The same effects in the pipeline's summary.

    public static final String CONFIG = """
            name: toy-effects
            benchmark: {name: toy, limit: 20}
            models:
              - {name: plain-a, zoo: plain-a, context: 256, threads: 1}
              - {name: swap-b, zoo: swap-b, context: 256, threads: 1}
              - {name: words-c, zoo: words-c, context: 256, threads: 1}
              - {name: mix-d, zoo: mix-d, context: 256, threads: 1}
              - {name: weak-e, zoo: weak-e, context: 256, threads: 1}
            conditions: [empty, default, transfer, corrupted]
            without-answer: false
            summary-without: [words-c, weak-e]
            """;
    static final List<String> READERS = List.of("plain-a", "swap-b", "mix-d");

    @TempDir
    static Path runDir;
    static RunResult result;

    @BeforeAll
    static void runOnce() {
        result = Runner.run(RunTesting.config(CONFIG, runDir), runDir.resolve("run"), RunTesting.options(new StringWriter(), runDir.resolve("cache")));
    }

    static SettingSummary readers(String label) {
        return result.settingsWithout().stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no setting " + label + " in "
                        + result.settingsWithout().stream().map(SettingSummary::label).toList()));
    }

    static double accuracyOf(SettingSummary s, String model) {
        return s.report().accuracy().stream().filter(r -> r.model().equals(model)).mapToDouble(ModelRate::rate)
                .findFirst().orElseThrow();
    }

    @Test
    void theModelsNeedTheirChainOfThought() {
        for (String model : READERS) {
            double empty = accuracyOf(readers("empty"), model);
            double own = accuracyOf(readers("default"), model);
            assertTrue(own >= 0.85 && empty <= own - 0.5, model + ": default " + own + ", empty " + empty);
        }
    }

    @Test
    void aGoodChainMakesTheReadersAgreeAndBeRight() {
        SettingSummary s = readers("transfer-full <- plain-a");
        assertTrue(s.report().consistency().mean() >= 0.8, s.label() + " " + s.report().consistency());
        assertTrue(s.report().accuracyMean().mean() >= 0.8, s.label() + " " + s.report().accuracyMean());
    }

    @Test
    void aWeakReasonersChainMakesThemConsistentButWrong() {
        SettingSummary s = readers("transfer-full <- weak-e");
        assertTrue(s.report().consistency().mean() >= 0.8, s.label() + " " + s.report().consistency());
        assertTrue(s.report().accuracyMean().mean() < 0.4, s.label() + " " + s.report().accuracyMean());
        assertTrue(s.report().breakdown().consistentWrong().mean() >= 0.5, s.label() + " " + s.report().breakdown());
    }

    @Test
    void corruptedChainsAreFollowedIntoWrongAnswers() {
        for (String kind : List.of("wrong-first-carried", "wrong-final-sum", "forced-wrong-first")) {
            SettingSummary s = readers(kind + " <- plain-a");
            assertTrue(s.report().consistency().mean() >= 0.8, s.label() + " " + s.report().consistency());
            assertTrue(s.report().accuracyMean().mean() <= 0.2, s.label() + " " + s.report().accuracyMean());
        }
    }

    @Test
    void theWordsModelHoldsTheConsistencyOfSymbolicTransfersDown() {
        SettingSummary all = result.settings().stream().filter(s -> s.label().equals("transfer-full <- plain-a"))
                .findFirst().orElseThrow();
        SettingSummary readers = readers("transfer-full <- plain-a");
        // words-c never saw a symbolic chain (the negative control): over all five models the pairs with it agree
        // less than the readers do among themselves.
        assertTrue(all.report().consistency().mean() < readers.report().consistency().mean() - 0.1,
                all.report().consistency() + " vs readers " + readers.report().consistency());
    }
}
