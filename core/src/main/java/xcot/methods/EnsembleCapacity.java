package xcot.methods;

import java.util.Objects;
import xcot.llm.ContextOptions.CacheType;

/**
 * How many items' ensembles one combination holds at once, and how: each participant's context gets one window per
 * item (see {@link xcot.methods.ensemble.GroupSizing} for what fits), stored as {@code kvCacheType}.
 *
 * @param itemsAtOnce    the largest group of items {@link EnsembleCotSource.EnsembleRun#cots} is given
 * @param kvCacheType    KV storage; {@link CacheType#Q8_0} takes 34/64 of F16's bytes and needs flash attention
 * @param flashAttention llama.cpp's flash attention: on a GPU it also avoids the attention-score buffer that grows
 *                       with every item's cells; off (the default) keeps CPU scores bit-identical to a from-scratch
 *                       decode for one item
 */
public record EnsembleCapacity(int itemsAtOnce, CacheType kvCacheType, boolean flashAttention) {
    /** One item at a time, F16 cache, no flash attention: the single-item engine. */
    public static final EnsembleCapacity ONE_ITEM = new EnsembleCapacity(1, CacheType.F16, false);

    public EnsembleCapacity {
        Objects.requireNonNull(kvCacheType, "kvCacheType");
        if (itemsAtOnce < 1) throw new IllegalArgumentException("itemsAtOnce must be >= 1, not " + itemsAtOnce);
        if (kvCacheType == CacheType.F32) throw new IllegalArgumentException("an F32 KV cache is for training only");
        if (kvCacheType == CacheType.Q8_0 && !flashAttention) {
            throw new IllegalArgumentException("a Q8_0 KV cache needs flash attention");
        }
    }
}
