package xcot.methods.ensemble;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufTensorInfo;
import xcot.llm.ContextOptions.CacheType;

/**
 * How many items' ensembles one device holds at once. An ensemble loads all its models together, and each model's
 * context keeps one window per item (its lane): the item's context plus its live samples and candidates. So the
 * weights are paid once, and every item adds, per model, a window of KV cells and, without flash attention, its share
 * of the attention-score buffer (llama.cpp materializes {@code cells × ubatch × heads} scores per layer, over every
 * item's cells, since all items share one unified cache).
 *
 * <p>An estimate from the GGUF's shapes, like the run's memory check: sliding-window models are counted as if every
 * layer kept the whole window (what llama.cpp allocates with its default {@code swa_full}).
 */
public final class GroupSizing {
    /** Compute graph, llama.cpp's bookkeeping and slack, per model; the run's memory check allows 256 MiB. */
    static final long FIXED_BYTES_PER_MODEL = 512L << 20;
    /** llama.cpp's 256 sequence ids: each item needs its own, and samples and candidates need the rest. */
    public static final int MAX_ITEMS = 128;

    private GroupSizing() {}

    /**
     * What one participant model costs.
     *
     * @param weightsBytes  its tensors
     * @param kvValuesPerCell values the KV cache keeps per cell: layers × KV heads × (key + value length)
     * @param heads         attention heads (the score buffer has one row per head)
     * @param vocabSize     logits row length (the output buffer has one row per token of a decode)
     */
    public record Footprint(String name, long weightsBytes, long kvValuesPerCell, int heads, int vocabSize) {
        public Footprint {
            Objects.requireNonNull(name, "name");
            if (weightsBytes < 0 || kvValuesPerCell < 1 || heads < 1 || vocabSize < 1) {
                throw new IllegalArgumentException(name + ": weights, KV size, heads and vocabulary must be positive");
            }
        }

        /** A model's footprint from its GGUF's metadata and tensor table. */
        public static Footprint of(String name, GgufFile gguf) throws GgufException {
            String arch = gguf.architecture();
            var m = gguf.metadata();
            long layers = m.getLong(GgufKeys.blockCount(arch));
            long heads = m.getLong(GgufKeys.headCount(arch));
            long headsKv = m.findLong(GgufKeys.headCountKv(arch)).orElse(heads);
            long key = m.findLong(GgufKeys.keyLength(arch))
                    .orElse(m.getLong(GgufKeys.embeddingLength(arch)) / heads);
            long value = m.findLong(GgufKeys.valueLength(arch)).orElse(key);
            long vocab = m.findLong(GgufKeys.vocabSize(arch)).orElse(m.getStrings(GgufKeys.TOKENS).size());
            long weights = gguf.tensors().stream().mapToLong(GgufTensorInfo::sizeBytes).sum();
            return new Footprint(name, weights, layers * headsKv * (key + value), Math.toIntExact(heads),
                    Math.toIntExact(vocab));
        }

        /** KV bytes of one cell stored as {@code type}. */
        public long kvBytesPerCell(CacheType type) {
            return (long) Math.ceil(kvValuesPerCell * type.bytesPerValue());
        }
    }

    /**
     * The answer and its parts.
     *
     * @param items         items that fit at once (0: not even one; at most {@value #MAX_ITEMS})
     * @param fixedBytes    weights, compute allowance and logits buffers: paid once
     * @param bytesPerItem  what each item adds: its window of KV cells in every model, plus attention scores
     * @param reason        one line saying so
     */
    public record Plan(int items, long fixedBytes, long bytesPerItem, String reason) {}

    /**
     * @param models         the ensemble's distinct models
     * @param windowTokens   one item's window (its context, its samples and candidates), as every model gets it
     * @param kvCacheType    KV storage
     * @param flashAttention whether llama.cpp's flash attention runs (no score buffer then)
     * @param batchTokens    tokens per decode ({@link SessionOptions#batchTokens()})
     * @param freeBytes      what the device has free
     */
    public static Plan fit(List<Footprint> models, int windowTokens, CacheType kvCacheType, boolean flashAttention,
                           int batchTokens, long freeBytes) {
        long cells = SessionOptions.laneCells(windowTokens);
        long fixed = 0;
        long perItem = 0;
        StringBuilder parts = new StringBuilder();
        for (Footprint f : models) {
            fixed += f.weightsBytes() + FIXED_BYTES_PER_MODEL + (long) batchTokens * f.vocabSize() * Float.BYTES;
            long kv = cells * f.kvBytesPerCell(kvCacheType);
            // Scores (f32) and the mask over every item's cells; softmax runs in place.
            long scores = flashAttention ? 0 : cells * batchTokens * (f.heads() + 1L) * Float.BYTES;
            perItem += kv + scores;
            parts.append(parts.isEmpty() ? "" : ", ").append(f.name()).append(' ').append(gib(kv + scores));
        }
        long left = freeBytes - fixed;
        int items = left <= 0 ? 0 : (int) Math.min(MAX_ITEMS, left / perItem);
        String reason = String.format(Locale.ROOT, "%d item%s at once: %s free, %s for weights, buffers and logits,"
                        + " then %s per item (%s KV of %,d cells%s: %s)", items, items == 1 ? "" : "s", gib(freeBytes),
                gib(fixed), gib(perItem), kvCacheType, cells, flashAttention ? "" : " and attention scores",
                parts);
        return new Plan(items, fixed, perItem, reason);
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
