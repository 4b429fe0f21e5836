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
 * token, so the branch point moves before the cached frontier.
 */
class TokenBoundaryTest {
    private static final SessionOptions SESSION = SessionOptions.of(2048, 1);
    /** Suffixes that merge with the final "\n" of the prompt, that do not, and that add nothing. */
    private static final List<String> SUFFIXES = List.of("\n\nThe score is 3.", "The score", " x", "\n", "", "\n\n\n",
            " The patient is 64 years old and has no history of stroke.");
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
