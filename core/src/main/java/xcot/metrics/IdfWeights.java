package xcot.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BERTScore's token weights, as {@code bert_score} builds them. Without idf: 1 for every token but the sequence
 * markers ({@code [CLS]}, {@code [SEP]}), which weigh 0. With idf from reference texts ({@code get_idf_dict}): a
 * token's weight is {@code ln((n + 1) / (c + 1))} with {@code n} references of which {@code c} contain the token, so
 * a token in no reference weighs {@code ln(n + 1)} and one in every reference (the markers among them) weighs 0.
 * The candidate's tokens take their weights from the same references.
 */
public final class IdfWeights {
    private static final IdfWeights UNIFORM = new IdfWeights(Map.of(), 0, false);

    private final Map<Integer, Double> idf;
    private final double unseen;
    private final boolean fromReferences;

    private IdfWeights(Map<Integer, Double> idf, double unseen, boolean fromReferences) {
        this.idf = idf;
        this.unseen = unseen;
        this.fromReferences = fromReferences;
    }

    /** No idf: every token weighs 1, the markers 0. */
    public static IdfWeights uniform() {
        return UNIFORM;
    }

    /** Idf over {@code references}, each given as its token ids (markers included, as {@code bert_score} counts). */
    public static IdfWeights fromReferences(List<int[]> references) {
        Map<Integer, Integer> documents = new HashMap<>();
        for (int[] tokens : references) {
            Set<Integer> distinct = new HashSet<>();
            for (int t : tokens) {
                distinct.add(t);
            }
            distinct.forEach(t -> documents.merge(t, 1, Integer::sum));
        }
        int n = references.size();
        Map<Integer, Double> idf = new HashMap<>();
        documents.forEach((token, c) -> idf.put(token, Math.log((n + 1.0) / (c + 1.0))));
        return new IdfWeights(idf, Math.log(n + 1.0), true);
    }

    /** The weight of each token of one text. */
    public double[] weights(int[] tokens, boolean[] markers) {
        double[] w = new double[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            if (fromReferences) {
                w[t] = idf.getOrDefault(tokens[t], unseen);
            } else {
                w[t] = markers[t] ? 0 : 1;
            }
        }
        return w;
    }
}
