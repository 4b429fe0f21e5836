package xcot.methods.removal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xcot.tasks.BenchmarkKind;

/**
 * The rule-based remover against the paper's filter on the one source with published pairs: QwQ-32B's 100 MedCalc
 * CoTs and o4-mini's sanitized copies (in the published outputs xcot ships,
 * {@code xcot/published/genex-medcalc/Qwen_QwQ-32B_zero_shot_original_without_answer.jsonl.gz}). The rules were developed on the rows
 * at even positions of the file (0, 2, ...); the rows at odd positions are held out. The answer value of a row is
 * QwQ's own final answer ({@code LLM Answer}: the value its CoT argues for); the 5 rows whose answer extraction failed
 * have none. The ground truth is reported beside it.
 */
class O4MiniPairsTest {
    private static final String PAIRS =
            "/xcot/published/genex-medcalc/Qwen_QwQ-32B_zero_shot_original_without_answer.jsonl.gz";
    /** o4-mini's "tail" of a CoT: from the first sentence it removed after which it removed at least this share. */
    private static final double TAIL_REMOVED_SHARE = 0.85;

    record Pair(String original, String reference, Optional<AnswerValue> ownAnswer, Optional<AnswerValue> truth) {}

    private static List<Pair> pairs;

    @BeforeAll
    static void load() {
        pairs = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = O4MiniPairsTest.class.getResourceAsStream(PAIRS);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode row = json.readTree(line);
                pairs.add(new Pair(row.get("LLM Thinking").textValue(),
                        row.get("LLM Thinking Without Answer").textValue(),
                        AnswerValue.parse(row.get("LLM Answer").textValue()),
                        AnswerValue.parse(row.get("Ground Truth Answer").asText())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rulesRemoveWhatO4MiniRemovesAndLeaveTheAnswerNoMoreOften() {
        RemovalFigures fit = figures(half(0), p -> rules(p.original()), false);
        RemovalFigures heldOut = figures(half(1), p -> rules(p.original()), false);
        RemovalFigures all = figures(pairs, p -> rules(p.original()), false);
        RemovalFigures truth = figures(pairs, p -> rules(p.original()), true);
        RemovalFigures previous = figures(pairs, p -> StepChains.remove(p.original()), false);
        RemovalFigures tail = figures(pairs, O4MiniPairsTest::withoutReferenceTail, false);
        System.out.println("Answer removal against o4-mini on QwQ-32B's 100 MedCalc CoTs, "
                + new RuleBasedAnswerRemover().id() + ":");
        System.out.println("  fit half (even rows):      " + fit.summary());
        System.out.println("  held-out half (odd rows):  " + heldOut.summary());
        System.out.println("  all rows:                  " + all.summary());
        System.out.println("  all rows, ground truth:    answer left in " + truth.answerLeftByCandidate() + "/"
                + truth.answerRows() + " rows (reference " + truth.answerLeftByReference() + ")");
        System.out.println("  previous rules (rules-v1): " + previous.summary());
        System.out.println("  o4-mini's own tail:        " + tail.summary());
        for (RemovalFigures f : List.of(fit, heldOut, all, truth)) {
            assertTrue(f.answerLeftByCandidate() <= f.answerLeftByReference(), f.summary());
        }
        // Floors under the measured figures, which stay below the aimed 0.80 and 0.90: see the README.
        for (RemovalFigures f : List.of(fit, heldOut)) {
            assertTrue(f.removedRecall() >= 0.60, f.summary());
            assertTrue(f.keptShare() >= 0.68, f.summary());
        }
        assertTrue(all.removedRecall() >= 3 * previous.removedRecall(), previous.summary());
    }

    /**
     * Why 0.80 and 0.90 together are out of reach for rules that read only the CoT: most of what o4-mini removes is
     * the whole second part of long CoTs, starting at a point no sentence marks. A remover told that point for every
     * row, removing exactly the tail from there, still stays under both targets.
     */
    @Test
    void knowingO4MinisCutPointStillMissesTheTargets() {
        RemovalFigures tail = figures(pairs, O4MiniPairsTest::withoutReferenceTail, false);
        assertTrue(tail.removedRecall() < 0.80, tail.summary());
        assertTrue(tail.keptShare() > 0.90, tail.summary());
    }

    private static String rules(String cot) {
        return new RuleBasedAnswerRemover().remove(cot, BenchmarkKind.MEDCALC);
    }

    private static List<Pair> half(int parity) {
        List<Pair> half = new ArrayList<>();
        for (int i = parity; i < pairs.size(); i += 2) {
            half.add(pairs.get(i));
        }
        return half;
    }

    private static RemovalFigures figures(List<Pair> rows, PairRemover remover, boolean truth) {
        return RemovalFigures.of(rows.stream().map(p -> RemovalAgreement.measure(p.original(), p.reference(),
                remover.apply(p), truth ? p.truth() : p.ownAnswer())).toList());
    }

    /** The candidate's text for a pair; a remover reads the original only, the oracle below o4-mini's output too. */
    interface PairRemover {
        String apply(Pair pair);
    }

    /** The original without the tail o4-mini removed (an oracle: it reads o4-mini's output). */
    private static String withoutReferenceTail(Pair p) {
        boolean[] kept = RemovalAgreement.keptSentences(p.original(), p.reference());
        int n = kept.length;
        int start = n;
        for (int i = 0; i < n && start == n; i++) {
            int removed = 0;
            for (int j = i; j < n; j++) {
                removed += kept[j] ? 0 : 1;
            }
            if (!kept[i] && removed >= TAIL_REMOVED_SHARE * (n - i)) {
                start = i;
            }
        }
        List<CotSentences.Span> spans = CotSentences.split(p.original());
        boolean[] keep = new boolean[n];
        for (int i = 0; i < start; i++) {
            keep[i] = true;
        }
        return CotSentences.join(p.original(), spans, keep);
    }
}
