package xcot.methods.ensemble;

import java.util.Objects;
import xcot.llm.ContextOptions.CacheType;
import xcot.llm.ContextOptions;

/**
 * The llama.cpp context one ensemble model runs in.
 *
 * @param contextTokens the window of one item: its context plus its live samples or candidates (the prefix once,
 *                      plus every live candidate's own tokens). Each lane gets exactly this budget (after llama.cpp's
 *                      padding to a multiple of 256), so an item stops for room at the same point in a group as alone
 * @param threads CPU threads for decoding
 * @param batchTokens most tokens per decode; also the most logits rows one decode produces, which bounds the output
 *                    buffer llama.cpp keeps ({@code batchTokens × vocab × 4} bytes: 78 MB for 128 × 151,669)
 * @param maxSequences sequence ids: one per lane for its context, the rest hold samples and candidates while they
 *                     live; at most {@code batchTokens} (llama.cpp asserts it)
 * @param flashAttention let llama.cpp use flash attention. Off by default: on CPU its tiled and split-KV kernels
 *                       accumulate in an order that depends on the batch shape (and in F16), so the same sequence
 *                       scores differently decoded alone or among candidates (measured: 2.8e-5 vs 3.5e-6 nats
 *                       without it), and a lone candidate is no longer bit-identical to a from-scratch decode
 * @param doubleBos      tokenization adds the model's BOS even when the text already starts with it (quirk Q2,
 *                       flag {@code ref.double-bos}); off, a text that starts with the BOS text gets no second one
 * @param lanes          items held at once ({@link EnsembleModel}'s lanes): the cache has {@code lanes} windows
 * @param kvCacheType    storage of the KV cache; {@link CacheType#Q8_0} nearly halves it but needs flash attention
 */
public record SessionOptions(int contextTokens, int threads, int batchTokens, int maxSequences,
                             boolean flashAttention, boolean doubleBos, int lanes, CacheType kvCacheType) {
    /** Sequence ids one lane asks for: its context and 16 candidates at once. */
    static final int SEQUENCES_PER_LANE = 17;
    /** llama.cpp pads a context window to a multiple of this. */
    static final int WINDOW_PADDING = 256;

    public SessionOptions {
        Objects.requireNonNull(kvCacheType, "kvCacheType");
        if (contextTokens < 16) throw new IllegalArgumentException("contextTokens must be >= 16, not " + contextTokens);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        if (batchTokens < 16) throw new IllegalArgumentException("batchTokens must be >= 16, not " + batchTokens);
        if (lanes < 1) throw new IllegalArgumentException("lanes must be >= 1, not " + lanes);
        int most = Math.min(ContextOptions.MAX_SEQUENCES, batchTokens);
        if (maxSequences <= lanes || maxSequences > most) {
            throw new IllegalArgumentException("maxSequences must be in [" + (lanes + 1) + ", " + most + "] for "
                    + lanes + " lanes and batches of " + batchTokens + ", not " + maxSequences);
        }
        if (kvCacheType == CacheType.Q8_0 && !flashAttention) {
            throw new IllegalArgumentException("a Q8_0 KV cache needs flash attention");
        }
    }

    /**
     * One item: {@code contextTokens} cells, 128-token decodes, 17 sequences (16 candidates at once), no flash
     * attention, an F16 cache.
     */
    public static SessionOptions of(int contextTokens, int threads) {
        return new SessionOptions(contextTokens, threads, 128, SEQUENCES_PER_LANE, false, false, 1, CacheType.F16);
    }

    public SessionOptions withBatchTokens(int n) {
        return new SessionOptions(contextTokens, threads, n, maxSequences, flashAttention, doubleBos, lanes,
                kvCacheType);
    }

    public SessionOptions withFlashAttention(boolean enabled) {
        return new SessionOptions(contextTokens, threads, batchTokens, maxSequences, enabled, doubleBos, lanes,
                kvCacheType);
    }

    public SessionOptions withDoubleBos(boolean enabled) {
        return new SessionOptions(contextTokens, threads, batchTokens, maxSequences, flashAttention, enabled, lanes,
                kvCacheType);
    }

    /**
     * {@code n} items at once, with {@value #SEQUENCES_PER_LANE} sequence ids each, up to llama.cpp's 256 and to
     * {@link #batchTokens()} (llama.cpp keeps an output row per sequence within one batch).
     */
    public SessionOptions withLanes(int n) {
        if (n < 1) throw new IllegalArgumentException("lanes must be >= 1, not " + n);
        return new SessionOptions(contextTokens, threads, batchTokens,
                Math.min(Math.min(ContextOptions.MAX_SEQUENCES, batchTokens), SEQUENCES_PER_LANE * n),
                flashAttention, doubleBos, n, kvCacheType);
    }

    /** The KV cache stored as {@code type}; {@link CacheType#Q8_0} turns flash attention on, which it needs. */
    public SessionOptions withKvCacheType(CacheType type) {
        return new SessionOptions(contextTokens, threads, batchTokens, maxSequences,
                flashAttention || type == CacheType.Q8_0, doubleBos, lanes, type);
    }

    /** Cells of one lane: the window padded as llama.cpp pads a single-item context. */
    static int laneCells(int contextTokens) {
        return (contextTokens + WINDOW_PADDING - 1) / WINDOW_PADDING * WINDOW_PADDING;
    }

    /**
     * A unified KV cache (required: samples and candidates share their lane's cells across sequences) of one padded
     * window per lane; one physical micro-batch per decode.
     */
    ContextOptions contextOptions() {
        return new ContextOptions(Math.multiplyExact(lanes, laneCells(contextTokens)), batchTokens, batchTokens,
                maxSequences, true, threads, threads, flashAttention, kvCacheType);
    }
}
