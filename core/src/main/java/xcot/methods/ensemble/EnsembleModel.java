package xcot.methods.ensemble;

import java.util.List;

/**
 * One model's side of an ensemble: its text contexts and the operations the algorithm needs. Two implementations make
 * the same selections: {@link IncrementalModel} keeps the contexts in the KV cache and decodes only what is new;
 * {@link ReferenceModel} re-tokenizes and re-decodes everything for every call, as the reference implementation
 * does, and serves as the oracle in tests and the baseline in benchmarks.
 *
 * <p><b>Lanes.</b> A model holds the contexts of several items at once, one per lane, so that one call serves many
 * items (one decode per step for all their samples, one for all their candidates). Lane {@code i} is item {@code i}
 * of the group {@link #start(List)} began; each operation names the lanes it serves and takes or returns one entry
 * per lane, in that order. The single-item methods work on lane 0.
 *
 * <p>Not thread-safe (one thread at a time; different models may run on different threads); owns a llama.cpp
 * context, freed by {@link #close()}.
 */
public interface EnsembleModel extends AutoCloseable {
    /** A label for traces (unique within one ensemble). */
    String name();

    /**
     * Starts a group of items: lane {@code i}'s context becomes exactly {@code contextTexts.get(i)} (rendered prompt
     * + opening marker); lanes past the list are forgotten.
     */
    void start(List<String> contextTexts);

    /** Lane {@code lane}'s current context text. */
    String contextText(int lane);

    /** Tokens of lane {@code lane}'s current context with this model's tokenizer. */
    int contextTokens(int lane);

    /** Tokens of {@code text} alone, as HF's {@code tokenizer.encode(text)} counts them. */
    int countTokens(String text);

    /**
     * Per lane, {@code count} continuations of at most {@code maxNewTokens} tokens from its current context, each
     * decoded with special tokens skipped. The same context always gives the same continuations.
     */
    List<List<String>> sample(int[] lanes, int count, int maxNewTokens);

    /**
     * Per lane, the mean negative log-likelihood, in nats per token, of {@code tokenize(context + suffix)} for every
     * suffix of {@code suffixes.get(j)}, averaged over the positions {@code span} names. {@code exp} of it is the
     * perplexity.
     */
    List<double[]> meanNllNats(int[] lanes, List<List<String>> suffixes, ScoreSpan span);

    /**
     * The same scores, each suffix decoded alone right after its cached context. A lone candidate of a single-lane
     * model occupies the cache cells a from-scratch decode would use, so (on CPU, flash attention off) its score is
     * bit-identical to the reference's; several candidates sharing one decode sit at shifted cells, which regroups
     * SIMD sums in the attention and moves scores by a few 1e-6 relative. The engine uses this to settle near-ties.
     */
    List<double[]> meanNllNatsSeparately(int[] lanes, List<List<String>> suffixes, ScoreSpan span);

    /** Appends {@code suffixes.get(j)} to the context of lane {@code lanes[j]}. */
    void append(int[] lanes, List<String> suffixes);

    @Override
    void close();

    /** One item: {@link #start(List)} with one lane. */
    default void start(String contextText) {
        start(List.of(contextText));
    }

    /** Lane 0's context text. */
    default String contextText() {
        return contextText(0);
    }

    /** Lane 0's context tokens. */
    default int contextTokens() {
        return contextTokens(0);
    }

    /** Lane 0's continuations. */
    default List<String> sample(int count, int maxNewTokens) {
        return sample(new int[] {0}, count, maxNewTokens).getFirst();
    }

    /** Lane 0's scores. */
    default double[] meanNllNats(List<String> suffixes, ScoreSpan span) {
        return meanNllNats(new int[] {0}, List.of(suffixes), span).getFirst();
    }

    /** Lane 0's scores, each suffix decoded alone. */
    default double[] meanNllNatsSeparately(List<String> suffixes, ScoreSpan span) {
        return meanNllNatsSeparately(new int[] {0}, List.of(suffixes), span).getFirst();
    }

    /** Appends to lane 0. */
    default void append(String suffix) {
        append(new int[] {0}, List.of(suffix));
    }
}
