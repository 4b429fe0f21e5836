package xcot.methods.ensemble;

import java.util.List;

/**
 * One model's side of an ensemble: its text context and the three operations the algorithm needs. Two
 * implementations make the same selections: {@link IncrementalModel} keeps the context in the KV cache and decodes
 * only what is new; {@link ReferenceModel} re-tokenizes and re-decodes everything for every call, as the reference
 * implementation does, and serves as the oracle in tests and the baseline in benchmarks.
 *
 * <p>Not thread-safe; owns a llama.cpp context, freed by {@link #close()}.
 */
public interface EnsembleModel extends AutoCloseable {
    /** A label for traces (unique within one ensemble). */
    String name();

    /** Starts an item: the context becomes exactly {@code contextText} (rendered prompt + opening marker). */
    void start(String contextText);

    /** The current context text. */
    String contextText();

    /** Tokens of the current context with this model's tokenizer. */
    int contextTokens();

    /** Tokens of {@code text} alone, as HF's {@code tokenizer.encode(text)} counts them. */
    int countTokens(String text);

    /**
     * Samples {@code count} continuations of at most {@code maxNewTokens} tokens from the current context, each
     * decoded with special tokens skipped. The same context always gives the same continuations.
     */
    List<String> sample(int count, int maxNewTokens);

    /**
     * Mean negative log-likelihood, in nats per token, of {@code tokenize(context + suffix)} for every suffix,
     * averaged over the positions {@code span} names. {@code exp} of it is the perplexity.
     */
    double[] meanNllNats(List<String> suffixes, ScoreSpan span);

    /**
     * The same scores, each suffix decoded alone right after the cached context. A lone candidate occupies the cache
     * cells a from-scratch decode would use, so (on CPU, flash attention off) its score is bit-identical to the
     * reference's; several candidates sharing one decode sit at shifted cells, which regroups SIMD sums in the
     * attention and moves scores by a few 1e-6 relative. The engine uses this to settle near-ties exactly.
     */
    double[] meanNllNatsSeparately(List<String> suffixes, ScoreSpan span);

    /** Appends {@code suffix} to the context. */
    void append(String suffix);

    @Override
    void close();
}
