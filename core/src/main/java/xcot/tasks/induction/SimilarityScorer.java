package xcot.tasks.induction;

import java.util.List;

/**
 * Similarity of two instruction texts in [0, 1], the measure behind Instruction Induction consistency and accuracy.
 * The paper uses BERTScore F1 with {@code microsoft/deberta-xlarge-mnli}; xcot's default is BERTScore F1 on
 * all-MiniLM-L6-v2 ({@link Similarity#MINILM_BERTSCORE}), and {@link TokenF1Scorer} is the dependency-free
 * alternative. Inputs are already normalized by {@link InductionScoring}.
 */
public interface SimilarityScorer {
    /** A short name for reports, e.g. {@code token-f1}. */
    String name();

    /** Similarity of {@code candidate} to {@code reference}. */
    double similarity(String candidate, String reference);

    /**
     * The scorer to use against this set of references (a task's gold annotations): BERTScore takes its idf weights
     * from them, as the paper's accuracy does; a scorer without such weights returns itself.
     */
    default SimilarityScorer forReferences(List<String> references) {
        return this;
    }
}
