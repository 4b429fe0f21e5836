package xcot.tasks.induction;

/**
 * Similarity of two instruction texts in [0, 1], the measure behind Instruction Induction consistency and accuracy.
 * The paper uses BERTScore F1 with {@code microsoft/deberta-xlarge-mnli}; {@link TokenF1Scorer} is the first,
 * dependency-free implementation. Inputs are already normalized by {@link InductionScoring}.
 */
public interface SimilarityScorer {
    /** A short name for reports, e.g. {@code token-f1}. */
    String name();

    /** Similarity of {@code candidate} to {@code reference}. */
    double similarity(String candidate, String reference);
}
