package xcot.formats;

import java.util.Objects;

/**
 * One row of a published pairwise consistency file: two models' answers to one item and the similarity the reference
 * stored for them ({@code bert_score}: BERTScore F1 with {@code microsoft/deberta-xlarge-mnli}, no idf, both
 * directions averaged; 0 when either consistency-normalized answer is shorter than 3 characters).
 *
 * @param answerA the answer of {@code modelA} as the file recorded it ({@code model1_output}), not yet normalized
 * @param answerB the answer of {@code modelB} ({@code model2_output})
 */
public record GenexInductionComparison(String itemId, String modelA, String modelB, String answerA, String answerB,
        double storedSimilarity) {
    public GenexInductionComparison {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        Objects.requireNonNull(answerA, "answerA");
        Objects.requireNonNull(answerB, "answerB");
    }

    /** Whether this row compares {@code a} and {@code b}, in either order. */
    public boolean pairs(String a, String b) {
        return (modelA.equals(a) && modelB.equals(b)) || (modelA.equals(b) && modelB.equals(a));
    }

    /** The recorded answer of {@code model}, one of the two. */
    public String answerOf(String model) {
        if (model.equals(modelA)) {
            return answerA;
        }
        if (model.equals(modelB)) {
            return answerB;
        }
        throw new IllegalArgumentException(model + " is not in this row (" + modelA + ", " + modelB + ")");
    }
}
