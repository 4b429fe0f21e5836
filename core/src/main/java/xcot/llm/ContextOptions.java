package xcot.llm;

/**
 * Parameters of a {@link Context}. llama.cpp pads the context to a multiple of 256 tokens; read the real size from
 * {@link Context#contextTokens()}.
 *
 * @param contextTokens requested context window ({@code n_ctx}); 0 = the model's training context
 * @param batchTokens most tokens one {@code decode} may take ({@code n_batch})
 * @param ubatchTokens physical micro-batch ({@code n_ubatch}), at most {@code batchTokens}
 * @param maxSequences distinct sequence ids ({@code n_seq_max}), 1..256
 * @param kvUnified one KV buffer shared by all sequences; required to decode a prefix shared by several sequences
 * @param threads threads for single-token decodes
 * @param threadsBatch threads for multi-token decodes
 * @param flashAttention let llama.cpp use flash attention where supported (must be off for training)
 */
public record ContextOptions(
        int contextTokens,
        int batchTokens,
        int ubatchTokens,
        int maxSequences,
        boolean kvUnified,
        int threads,
        int threadsBatch,
        boolean flashAttention) {

    /** llama.cpp's {@code LLAMA_MAX_SEQ}. */
    public static final int MAX_SEQUENCES = 256;

    public ContextOptions {
        if (contextTokens < 0) throw new IllegalArgumentException("contextTokens must be >= 0, not " + contextTokens);
        if (batchTokens < 1) throw new IllegalArgumentException("batchTokens must be >= 1, not " + batchTokens);
        if (ubatchTokens < 1 || ubatchTokens > batchTokens) {
            throw new IllegalArgumentException("ubatchTokens must be in [1, batchTokens=" + batchTokens + "], not " + ubatchTokens);
        }
        if (maxSequences < 1 || maxSequences > MAX_SEQUENCES) {
            throw new IllegalArgumentException("maxSequences must be in [1, " + MAX_SEQUENCES + "], not " + maxSequences);
        }
        if (threads < 1 || threadsBatch < 1) {
            throw new IllegalArgumentException("threads must be >= 1, not " + threads + "/" + threadsBatch);
        }
    }

    /** One sequence, {@code contextTokens} window, batches up to the window, all available cores. */
    public static ContextOptions of(int contextTokens) {
        int cores = Runtime.getRuntime().availableProcessors();
        int batch = Math.max(1, Math.min(contextTokens == 0 ? 2048 : contextTokens, 2048));
        return new ContextOptions(contextTokens, batch, Math.min(batch, 512), 1, false, cores, cores, true);
    }

    public ContextOptions withBatch(int batch, int ubatch) {
        return new ContextOptions(contextTokens, batch, ubatch, maxSequences, kvUnified, threads, threadsBatch, flashAttention);
    }

    /** Several sequences in one unified KV buffer (shared-prefix scoring). */
    public ContextOptions withSequences(int sequences, boolean unified) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, sequences, unified, threads, threadsBatch, flashAttention);
    }

    public ContextOptions withThreads(int count) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, maxSequences, kvUnified, count, count, flashAttention);
    }

    public ContextOptions withFlashAttention(boolean enabled) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, maxSequences, kvUnified, threads, threadsBatch, enabled);
    }
}
