package xcot.llm;

/**
 * How a {@link BatchedGenerator} uses its context.
 *
 * @param parallel sequences in flight at once: sequence ids {@code 0 .. parallel-1} of the context, at most its
 *                 {@code n_seq_max} (which is at most {@code n_batch}, so one token of each fits every batch)
 * @param samplingThreads threads that sample the rows of one decode (1: all on the decoding thread); each sequence's
 *                        token depends only on its own row and sampler, so the count never changes a result
 * @param sharePrefixes reuse the KV cells of a prompt prefix another sequence holds ({@code llama_memory_seq_cp})
 *                      instead of decoding it again; across sequences this needs a unified KV cache, without one
 *                      only a sequence's own leftover cells are reused
 */
public record BatchOptions(int parallel, int samplingThreads, boolean sharePrefixes) {
    public BatchOptions {
        if (parallel < 1 || parallel > ContextOptions.MAX_SEQUENCES) {
            throw new IllegalArgumentException("parallel must be in [1, " + ContextOptions.MAX_SEQUENCES + "], not "
                    + parallel);
        }
        if (samplingThreads < 1 || samplingThreads > 256) {
            throw new IllegalArgumentException("samplingThreads must be in [1, 256], not " + samplingThreads);
        }
    }

    /** {@code parallel} sequences, sampling on every core (at most 8 threads), shared prefixes on. */
    public static BatchOptions of(int parallel) {
        return new BatchOptions(parallel, Math.min(8, Runtime.getRuntime().availableProcessors()), true);
    }

    /**
     * {@code parallel} sequences, shared prefixes on, and rows sampled on the decoding thread plus the cores the
     * decode's {@code decodeThreads} leave free (at most 8 threads in all). llama.cpp's CPU threads keep spinning on
     * their cores for a while after each decode, so a sampling thread there only takes turns with them: on 2 cores
     * with 2 decode threads, sampling 4 rows on 2 threads cost 10 % of a step against 7 % on one.
     */
    public static BatchOptions of(int parallel, int decodeThreads) {
        int free = Math.max(0, Runtime.getRuntime().availableProcessors() - decodeThreads);
        return new BatchOptions(parallel, Math.min(8, 1 + free), true);
    }

    /** {@link #of(int, int)} for a decode on {@code context}'s threads. */
    public static BatchOptions of(int parallel, Context context) {
        return of(parallel, context.options().threads());
    }

    public BatchOptions withSamplingThreads(int threads) {
        return new BatchOptions(parallel, threads, sharePrefixes);
    }

    public BatchOptions withSharePrefixes(boolean share) {
        return new BatchOptions(parallel, samplingThreads, share);
    }
}
