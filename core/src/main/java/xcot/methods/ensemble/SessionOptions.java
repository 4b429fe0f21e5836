package xcot.methods.ensemble;

import xcot.llm.ContextOptions;

/**
 * The llama.cpp context one ensemble model runs in.
 *
 * @param contextTokens KV cells shared by all sequences (the prefix once, plus every live candidate's own tokens)
 * @param threads CPU threads for decoding
 * @param batchTokens most tokens per decode; also the most logits rows one decode produces, which bounds the output
 *                    buffer llama.cpp keeps ({@code batchTokens × vocab × 4} bytes: 78 MB for 128 × 151,669)
 * @param maxSequences sequence ids: seq 0 holds the context, the rest hold samples and candidates while they live
 * @param flashAttention let llama.cpp use flash attention. Off by default: on CPU its tiled and split-KV kernels
 *                       accumulate in an order that depends on the batch shape (and in F16), so the same sequence
 *                       scores differently decoded alone or among candidates (measured: 2.8e-5 vs 3.5e-6 nats
 *                       without it), and a lone candidate is no longer bit-identical to a from-scratch decode
 * @param doubleBos      tokenization adds the model's BOS even when the text already starts with it (quirk Q2,
 *                       flag {@code ref.double-bos}); off, a text that starts with the BOS text gets no second one
 */
public record SessionOptions(int contextTokens, int threads, int batchTokens, int maxSequences,
                             boolean flashAttention, boolean doubleBos) {
    public SessionOptions {
        if (contextTokens < 16) throw new IllegalArgumentException("contextTokens must be >= 16, not " + contextTokens);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        if (batchTokens < 16) throw new IllegalArgumentException("batchTokens must be >= 16, not " + batchTokens);
        if (maxSequences < 2 || maxSequences > ContextOptions.MAX_SEQUENCES) {
            throw new IllegalArgumentException("maxSequences must be in [2, " + ContextOptions.MAX_SEQUENCES + "], not "
                    + maxSequences);
        }
    }

    /** {@code contextTokens} cells, 128-token decodes, 17 sequences (16 candidates at once), no flash attention. */
    public static SessionOptions of(int contextTokens, int threads) {
        return new SessionOptions(contextTokens, threads, 128, 17, false, false);
    }

    public SessionOptions withBatchTokens(int n) {
        return new SessionOptions(contextTokens, threads, n, maxSequences, flashAttention, doubleBos);
    }

    public SessionOptions withFlashAttention(boolean enabled) {
        return new SessionOptions(contextTokens, threads, batchTokens, maxSequences, enabled, doubleBos);
    }

    public SessionOptions withDoubleBos(boolean enabled) {
        return new SessionOptions(contextTokens, threads, batchTokens, maxSequences, flashAttention, enabled);
    }

    /**
     * A unified KV cache (required: samples and candidates share the prefix's cells across sequences); one physical
     * micro-batch per decode.
     */
    ContextOptions contextOptions() {
        return new ContextOptions(contextTokens, batchTokens, batchTokens, maxSequences, true, threads, threads, flashAttention,
                ContextOptions.CacheType.F16);
    }
}
