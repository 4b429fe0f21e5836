package xcot.methods.ensemble;

import java.util.Objects;

/**
 * The algorithm's settings (docs/reference-pipeline.md §9). Defaults: 3 samples of at most 15 tokens per generator, the
 * reference sentence cut, full-sequence perplexity (Q11), the appended string scored (Q13 fixed), stop at {@code
 * </think>}, the MedCalc length cap (Q14 fixed), no iteration limit.
 *
 * @param samplesPerGenerator continuations each generator proposes per iteration
 * @param maxChunkTokens most new tokens per continuation
 * @param sentenceRule how continuations are cut back to a sentence boundary
 * @param scoreSpan which positions a perplexity averages over
 * @param scoredText which string is scored for a candidate
 * @param stopMarker the run stops once the first generator's context contains it (from the second iteration on)
 * @param lengthCap the length stop
 * @param maxIterations stop after this many iterations; 0 = no limit
 * @param nearTieTolerance candidates whose batched score is within this relative distance of the best are scored
 *                         again one by one ({@link EnsembleModel#meanNllNatsSeparately}) before the choice, so that
 *                         batching noise (a few 1e-6) never decides; 0 turns it off
 */
public record EnsembleOptions(int samplesPerGenerator, int maxChunkTokens, SentenceRule sentenceRule,
                              ScoreSpan scoreSpan, ScoredText scoredText, String stopMarker, LengthCap lengthCap,
                              int maxIterations, double nearTieTolerance) {
    /** 30× the largest batching noise measured on the tiny models (3.5e-6 nats in the mean NLL). */
    public static final double DEFAULT_NEAR_TIE_TOLERANCE = 1e-4;

    public EnsembleOptions {
        Objects.requireNonNull(sentenceRule, "sentenceRule");
        Objects.requireNonNull(scoreSpan, "scoreSpan");
        Objects.requireNonNull(scoredText, "scoredText");
        Objects.requireNonNull(stopMarker, "stopMarker");
        Objects.requireNonNull(lengthCap, "lengthCap");
        if (samplesPerGenerator < 1) {
            throw new IllegalArgumentException("samplesPerGenerator must be >= 1, not " + samplesPerGenerator);
        }
        if (maxChunkTokens < 1) throw new IllegalArgumentException("maxChunkTokens must be >= 1, not " + maxChunkTokens);
        if (stopMarker.isEmpty()) throw new IllegalArgumentException("stopMarker must not be empty");
        if (maxIterations < 0) throw new IllegalArgumentException("maxIterations must be >= 0, not " + maxIterations);
        if (!(nearTieTolerance >= 0 && nearTieTolerance < 1)) {
            throw new IllegalArgumentException("nearTieTolerance must be in [0, 1), not " + nearTieTolerance);
        }
    }

    public static EnsembleOptions defaults() {
        return new EnsembleOptions(3, 15, SentenceRule.REFERENCE_HEURISTIC, ScoreSpan.FULL_SEQUENCE,
                ScoredText.APPENDED, "</think>", LengthCap.medCalc(), 0, DEFAULT_NEAR_TIE_TOLERANCE);
    }

    public EnsembleOptions withScoreSpan(ScoreSpan span) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, sentenceRule, span, scoredText, stopMarker,
                lengthCap, maxIterations, nearTieTolerance);
    }

    public EnsembleOptions withScoredText(ScoredText text) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, sentenceRule, scoreSpan, text, stopMarker,
                lengthCap, maxIterations, nearTieTolerance);
    }

    public EnsembleOptions withSentenceRule(SentenceRule rule) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, rule, scoreSpan, scoredText, stopMarker,
                lengthCap, maxIterations, nearTieTolerance);
    }

    public EnsembleOptions withStopMarker(String marker) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, sentenceRule, scoreSpan, scoredText, marker,
                lengthCap, maxIterations, nearTieTolerance);
    }

    public EnsembleOptions withLengthCap(LengthCap cap) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, sentenceRule, scoreSpan, scoredText,
                stopMarker, cap, maxIterations, nearTieTolerance);
    }

    public EnsembleOptions withMaxIterations(int n) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, sentenceRule, scoreSpan, scoredText,
                stopMarker, lengthCap, n, nearTieTolerance);
    }

    public EnsembleOptions withNearTieTolerance(double tolerance) {
        return new EnsembleOptions(samplesPerGenerator, maxChunkTokens, sentenceRule, scoreSpan, scoredText,
                stopMarker, lengthCap, maxIterations, tolerance);
    }

    /** The string scored for candidate {@code c}. */
    String scored(String candidate) {
        return scoredText == ScoredText.APPENDED ? appended(candidate) : candidate;
    }

    /** What is appended to every context when {@code c} wins: {@code " " + c.strip()}. */
    static String appended(String candidate) {
        return " " + xcot.pycompat.PyStrings.strip(candidate);
    }
}
