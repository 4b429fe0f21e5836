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
 * @param kvCacheType storage of the K and V cache ({@link CacheType#F32} for training: the backward pass has no F16
 *                    support)
 */
public record ContextOptions(
        int contextTokens,
        int batchTokens,
        int ubatchTokens,
        int maxSequences,
        boolean kvUnified,
        int threads,
        int threadsBatch,
        boolean flashAttention,
        CacheType kvCacheType) {

    /** llama.cpp's {@code LLAMA_MAX_SEQ}. */
    public static final int MAX_SEQUENCES = 256;

    /** Storage types of the KV cache that xcot uses ({@code type_k}/{@code type_v}). */
    public enum CacheType {
        /** llama.cpp's default. */
        F16,
        /** Needed for training ({@code OUT_PROD} has no F16 backward). */
        F32,
        /**
         * 8.5 bits per value (34 bytes per block of 32), a little over half of F16: more sequences fit. llama.cpp
         * refuses a quantized V cache without flash attention, so the options require it.
         */
        Q8_0;

        /** Bytes one cached value takes, as a fraction: F16 2, F32 4, Q8_0 34/32. */
        public double bytesPerValue() {
            return switch (this) {
                case F16 -> 2;
                case F32 -> 4;
                case Q8_0 -> 34.0 / 32;
            };
        }
    }

    public ContextOptions {
        java.util.Objects.requireNonNull(kvCacheType, "kvCacheType");
        if (contextTokens < 0) throw new IllegalArgumentException("contextTokens must be >= 0, not " + contextTokens);
        if (batchTokens < 1) throw new IllegalArgumentException("batchTokens must be >= 1, not " + batchTokens);
        if (ubatchTokens < 1 || ubatchTokens > batchTokens) {
            throw new IllegalArgumentException("ubatchTokens must be in [1, batchTokens=" + batchTokens + "], not " + ubatchTokens);
        }
        if (maxSequences < 1 || maxSequences > MAX_SEQUENCES) {
            throw new IllegalArgumentException("maxSequences must be in [1, " + MAX_SEQUENCES + "], not " + maxSequences);
        }
        if (maxSequences > batchTokens) {
            // llama.cpp reserves one output row per sequence and asserts (aborting the JVM) that they fit n_batch.
            throw new IllegalArgumentException("maxSequences (" + maxSequences + ") must not exceed batchTokens ("
                    + batchTokens + "): llama.cpp needs n_seq_max <= n_batch");
        }
        if (kvCacheType == CacheType.Q8_0 && !flashAttention) {
            // llama_init_from_model would return NULL ("quantized V cache requires flash_attn").
            throw new IllegalArgumentException("a Q8_0 KV cache needs flash attention");
        }
        if (threads < 1 || threadsBatch < 1) {
            throw new IllegalArgumentException("threads must be >= 1, not " + threads + "/" + threadsBatch);
        }
    }

    /** One sequence, {@code contextTokens} window, batches up to the window, all available cores. */
    public static ContextOptions of(int contextTokens) {
        int cores = Runtime.getRuntime().availableProcessors();
        int batch = Math.max(1, Math.min(contextTokens == 0 ? 2048 : contextTokens, 2048));
        return new ContextOptions(contextTokens, batch, Math.min(batch, 512), 1, false, cores, cores, true, CacheType.F16);
    }

    public ContextOptions withBatch(int batch, int ubatch) {
        return new ContextOptions(contextTokens, batch, ubatch, maxSequences, kvUnified, threads, threadsBatch, flashAttention, kvCacheType);
    }

    /** Several sequences in one unified KV buffer (shared-prefix scoring). */
    public ContextOptions withSequences(int sequences, boolean unified) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, sequences, unified, threads, threadsBatch, flashAttention, kvCacheType);
    }

    public ContextOptions withThreads(int count) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, maxSequences, kvUnified, count, count, flashAttention, kvCacheType);
    }

    public ContextOptions withFlashAttention(boolean enabled) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, maxSequences, kvUnified, threads, threadsBatch, enabled, kvCacheType);
    }

    /**
     * What training needs: one window of {@code contextTokens} per optimizer step ({@code n_batch == n_ubatch ==
     * n_ctx}, so each window is one micro-batch into a freshly cleared cache), one sequence, no flash attention (it
     * has no backward pass) and an F32 KV cache.
     */
    public static ContextOptions forTraining(int contextTokens, int threads) {
        if (contextTokens < 1) {
            throw new IllegalArgumentException("a training context needs contextTokens >= 1, not " + contextTokens);
        }
        return new ContextOptions(contextTokens, contextTokens, contextTokens, 1, false, threads, threads, false,
                CacheType.F32);
    }

    public ContextOptions withKvCacheType(CacheType type) {
        return new ContextOptions(contextTokens, batchTokens, ubatchTokens, maxSequences, kvUnified, threads, threadsBatch,
                flashAttention, type);
    }
}
