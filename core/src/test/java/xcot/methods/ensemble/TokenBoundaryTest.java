package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xcot.llm.Model;

/**
 * The incremental model against the from-scratch reference where tokenization crosses the context/candidate
 * boundary: a candidate beginning with a newline merges with the context's final newline into one {@code "\n\n"}
 * token, so the branch point moves before the cached frontier. And where the incremental model decodes a single row
 * (a one-token append, a one-token candidate, the row before a merged token) that the reference decodes among
 * others: on CPUs with AVX512-FP16, llama.cpp computes a lone row's attention in half precision (see
 * {@link ContextDriver#decode}), so these tests fail there unless no row is decoded alone.
 */
class TokenBoundaryTest {
    private static final SessionOptions SESSION = SessionOptions.of(2048, 1);
    /** Suffixes that merge with the final "\n" of the prompt, that do not, and that add nothing. */
    private static final List<String> SUFFIXES = List.of("\n\nThe score is 3.", "The score", " x", "\n", "", "\n\n\n",
            " The patient is 64 years old and has no history of stroke.");
    /** Appended one after the other: one-token pieces and lines ending in a newline or a comma. */
    private static final List<String> CHUNKS = List.of("Age", " 64", ": 1 point.\n", "Sex", ": male,", " 0 points.\n",
            "So", " far", " 1.\n");
    private static TinyEnsemble tiny;

    @BeforeAll
    static void load() {
        tiny = new TinyEnsemble();
    }

    @AfterAll
    static void close() {
        tiny.close();
    }

    @Test
    void theSuffixesReallyCrossTheBoundary() {
        Model model = tiny.evaluator();
        int[] context = model.vocab().tokenize(TinyEnsemble.PROMPT, true, true);
        int[] merged = model.vocab().tokenize(TinyEnsemble.PROMPT + "\n\nThe score is 3.", true, true);
        int common = TokenPrefix.common(context, merged);
        assertEquals(context.length - 1, common, "the final newline token must change: " + Arrays.toString(
                Arrays.copyOfRange(merged, common, Math.min(merged.length, common + 3))));
    }

    @Test
    void loneCandidatesScoreBitIdenticallyToTheReferenceAndBatchedOnesWithinNoise() {
        for (ScoreSpan span : ScoreSpan.values()) {
            try (IncrementalModel inc = IncrementalModel.open("e", tiny.evaluator(), SESSION, null, true);
                    ReferenceModel ref = ReferenceModel.open("e", tiny.evaluator(), SESSION, null)) {
                inc.start(TinyEnsemble.PROMPT);
                ref.start(TinyEnsemble.PROMPT);
                double[] expected = ref.meanNllNats(SUFFIXES, span);
                assertArrayEquals(expected, inc.meanNllNatsSeparately(SUFFIXES, span), 0.0, span.toString());
                assertArrayEquals(expected, inc.meanNllNats(SUFFIXES, span), 1e-5, span.toString());
                assertTrue(Double.isFinite(expected[0]) && expected[0] > 0);
            }
        }
    }

    @Test
    void appendingAcrossTheBoundaryKeepsTheRunningNllExact() {
        try (IncrementalModel inc = IncrementalModel.open("e", tiny.evaluator(), SESSION, null, true);
                ReferenceModel ref = ReferenceModel.open("e", tiny.evaluator(), SESSION, null)) {
            inc.start(TinyEnsemble.PROMPT);
            ref.start(TinyEnsemble.PROMPT);
            for (String suffix : List.of("\n\nFirst", " step.", "\n", "\nNext", "", " we add 2 points.")) {
                inc.append(suffix);
                ref.append(suffix);
                assertEquals(ref.contextText(), inc.contextText());
                assertEquals(ref.contextTokens(), inc.contextTokens());
                // The empty suffix scores the context itself: the running sum against a fresh full decode.
                assertArrayEquals(ref.meanNllNats(List.of("", " then"), ScoreSpan.FULL_SEQUENCE),
                        inc.meanNllNatsSeparately(List.of("", " then"), ScoreSpan.FULL_SEQUENCE), 0.0, suffix);
            }
        }
    }

    @Test
    void aRowDecodedAloneScoresAsInABatch() {
        try (ContextDriver driver = new ContextDriver(tiny.evaluator(), SESSION, null)) {
            int[] tokens = driver.tokenize(TinyEnsemble.PROMPT + String.join("", CHUNKS));
            int rows = tokens.length - 1;
            double[] batched = driver.decode(List.of(new ContextDriver.Range(0, tokens, 0, rows)), true)[0];
            for (int row = 1; row < rows; row += 3) {
                driver.clear();
                driver.decode(List.of(new ContextDriver.Range(0, tokens, 0, row)), false);
                // The second row follows the first in the sequence, which llama.cpp accepts only if the token decoded
                // beside the first (at the second's position) was dropped again.
                for (int next = row; next < Math.min(row + 2, rows); next++) {
                    var alone = List.of(new ContextDriver.Range(0, tokens, next, next + 1));
                    assertEquals(batched[next], driver.decode(alone, true)[0][0], 0.0, "row " + next);
                }
            }
        }
    }

    @Test
    void everyPositionScoresAsFromScratchWhenAppendingPiecemeal() {
        // One-token appends and candidates, and candidates that merge with a final "\n" or ",", at each position.
        List<String> suffixes = List.of("", " x", "\n", "\nTotal");
        try (IncrementalModel inc = IncrementalModel.open("e", tiny.evaluator(), SESSION, null, true);
                ReferenceModel ref = ReferenceModel.open("e", tiny.evaluator(), SESSION, null)) {
            inc.start(TinyEnsemble.PROMPT);
            ref.start(TinyEnsemble.PROMPT);
            for (String chunk : CHUNKS) {
                inc.append(chunk);
                ref.append(chunk);
                // The full sequence's mean covers the running sum as well as the candidate's own rows.
                assertArrayEquals(ref.meanNllNats(suffixes, ScoreSpan.FULL_SEQUENCE),
                        inc.meanNllNatsSeparately(suffixes, ScoreSpan.FULL_SEQUENCE), 0.0, "after " + chunk);
            }
        }
    }

    @Test
    void restartingReusesTheSharedPrefixAndScoresAsAFreshStart() {
        String other = TinyEnsemble.PROMPT.replace("64 year old man", "71 year old woman");
        try (IncrementalModel reused = IncrementalModel.open("e", tiny.evaluator(), SESSION, null, true);
                IncrementalModel fresh = IncrementalModel.open("e", tiny.evaluator(), SESSION, null, true)) {
            reused.start(TinyEnsemble.PROMPT);
            reused.append(" Some reasoning that will be dropped.");
            reused.start(other);
            fresh.start(other);
            assertEquals(fresh.contextTokens(), reused.contextTokens());
            assertArrayEquals(fresh.meanNllNatsSeparately(SUFFIXES, ScoreSpan.FULL_SEQUENCE),
                    reused.meanNllNatsSeparately(SUFFIXES, ScoreSpan.FULL_SEQUENCE), 0.0);
            reused.start(TinyEnsemble.PROMPT);
            fresh.start(TinyEnsemble.PROMPT);
            assertArrayEquals(fresh.meanNllNatsSeparately(SUFFIXES, ScoreSpan.CANDIDATE_ONLY),
                    reused.meanNllNatsSeparately(SUFFIXES, ScoreSpan.CANDIDATE_ONLY), 0.0);
        }
    }
}
