package xcot.kernel;

/**
 * A logits row that is not a probability distribution: it contains NaN or +∞, or every entry is −∞.
 *
 * <p>The kernel throws rather than returning NaN because such a row means the model or the decode went wrong, and a
 * NaN would otherwise travel silently into averaged perplexities. Individual −∞ entries are fine (masked tokens):
 * they get probability 0 and a log-probability of −∞.
 */
public final class NonFiniteLogitsException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long row;
    private final int nVocab;

    NonFiniteLogitsException(long row, int nVocab, float rowMax) {
        super("logits row " + row + " (" + nVocab + " floats) " + describe(rowMax));
        this.row = row;
        this.nVocab = nVocab;
    }

    /** The row index within the logits segment. */
    public long row() {
        return row;
    }

    /** The row length in floats. */
    public int nVocab() {
        return nVocab;
    }

    /** The row maximum tells which case it is: NaN propagates through max, +∞ dominates it, −∞ means all −∞. */
    private static String describe(float rowMax) {
        if (Float.isNaN(rowMax)) {
            return "contains NaN";
        }
        return rowMax > 0 ? "contains +Infinity" : "is -Infinity everywhere";
    }
}
