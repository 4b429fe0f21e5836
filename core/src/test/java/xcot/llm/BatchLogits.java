package xcot.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Teacher-forced logits of several sequences decoded side by side, for the batch-invariance measurement: every
 * sequence decodes its prompt, then one forced token per step, and the logits row of each step is kept. Decoding the
 * same sequences one at a time in the same context options gives the baseline.
 */
final class BatchLogits {
    private BatchLogits() {}

    /**
     * {@code rows[s][t]}: sequence {@code s}'s logits after its prompt ({@code t = 0}) and after each forced token.
     * Sequences {@code 0..prompts.size()-1} decode together, in one context.
     */
    static float[][][] together(Context context, List<int[]> prompts, List<int[]> forced) {
        int n = prompts.size();
        context.memory().clear(false);
        float[][][] rows = new float[n][][];
        for (int s = 0; s < n; s++) {
            rows[s] = new float[forced.get(s).length + 1][];
        }
        try (Batch batch = context.newBatch(context.batchTokens(), 1)) {
            int[] outputRow = new int[n];
            int outputs = 0;
            for (int s = 0; s < n; s++) {
                int[] p = prompts.get(s);
                for (int i = 0; i < p.length; i++) {
                    batch.add(p[i], i, i == p.length - 1, s);
                }
                outputRow[s] = outputs++;
            }
            context.decode(batch);
            for (int s = 0; s < n; s++) {
                rows[s][0] = context.copyLogitsRow(outputRow[s]);
            }
            int steps = forced.getFirst().length;
            for (int t = 0; t < steps; t++) {
                batch.clear();
                for (int s = 0; s < n; s++) {
                    batch.add(forced.get(s)[t], prompts.get(s).length + t, true, s);
                }
                context.decode(batch);
                for (int s = 0; s < n; s++) {
                    rows[s][t + 1] = context.copyLogitsRow(s);
                }
            }
        }
        return rows;
    }

    /** Each sequence alone (sequence id 0, the cache cleared before it), in the same context. */
    static float[][][] alone(Context context, List<int[]> prompts, List<int[]> forced) {
        float[][][] rows = new float[prompts.size()][][];
        for (int s = 0; s < prompts.size(); s++) {
            rows[s] = together(context, List.of(prompts.get(s)), List.of(forced.get(s)))[0];
        }
        return rows;
    }

    /** Max |a - b| over all rows, and how many rows have the same argmax. */
    record Difference(double maxAbs, int sameArgmax, int rows) {}

    static Difference compare(float[][][] a, float[][][] b) {
        double max = 0;
        int same = 0;
        int rows = 0;
        for (int s = 0; s < a.length; s++) {
            for (int t = 0; t < a[s].length; t++) {
                float[] x = a[s][t];
                float[] y = b[s][t];
                for (int i = 0; i < x.length; i++) {
                    max = Math.max(max, Math.abs((double) x[i] - y[i]));
                }
                if (argmax(x) == argmax(y)) {
                    same++;
                }
                rows++;
            }
        }
        return new Difference(max, same, rows);
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Greedy continuations of each prompt alone, {@code steps} tokens, from {@link #alone}-style decoding. */
    static List<int[]> greedyAlone(Context context, List<int[]> prompts, int steps) {
        List<int[]> out = new ArrayList<>();
        for (int[] p : prompts) {
            int[] tokens = new int[steps];
            context.memory().clear(false);
            try (Batch batch = context.newBatch(context.batchTokens(), 1)) {
                batch.addSequence(p, 0, 0, true);
                context.decode(batch);
                for (int t = 0; t < steps; t++) {
                    tokens[t] = argmax(context.copyLogitsRow(0));
                    batch.clear();
                    batch.add(tokens[t], p.length + t, true, 0);
                    context.decode(batch);
                }
            }
            out.add(tokens);
        }
        return out;
    }
}
