package xcot.runs.phases;

import java.util.List;
import java.util.Optional;
import xcot.llm.BackendInfo;
import xcot.llm.BatchOptions;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.runs.config.ModelConfig;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.Unit;
import xcot.runs.plan.WorkPlan;

/**
 * How one model's generations are batched in a phase, and whether batching can change what it generates.
 *
 * <p>The KV layout follows what {@code BatchDeterminismTest} measured on the CPU: with one KV buffer per sequence
 * ({@code kv_unified} off) and flash attention, a sequence's logits do not depend on what it is batched with, bit for
 * bit; with a unified cache, or without flash attention, they move by up to ~4e-3, and a near-tie can flip a token.
 * So:
 * <ul>
 *   <li><b>CPU with flash attention</b>: separate buffers. Batch-invariant: a generation is the same whatever its
 *   neighbours, its group, {@code parallel} or what the store already held, so the cache keys stay those of one
 *   sequence at a time, and units may be recalled or recomputed one by one.</li>
 *   <li><b>Anything else</b> (a GPU, where kernels change with the batch size and nothing was measured; flash
 *   attention off): a unified cache, which shares prompt prefixes between sequences and packs sequences of different
 *   lengths. Not batch-invariant, so outputs are reproducible only from the same schedule: units run in the plan's
 *   fixed groups, a group is stored whole or recomputed whole, generations are never recalled one by one, and
 *   {@code parallel}, the layout and the group are part of every key ({@link #key}).</li>
 *   <li>{@code parallel} 1 off the CPU-with-flash-attention path: every request decoded alone from empty cells, as
 *   {@link xcot.llm.Generator} does: invariant by construction.</li>
 * </ul>
 *
 * @param parallel       sequences in flight at once
 * @param unified        one KV buffer for all sequences (else one per sequence)
 * @param sharePrefixes  reuse cells of a common prompt prefix instead of decoding it again
 * @param batchInvariant outputs do not depend on the batch: no group, parallel or layout in the keys
 * @param windowTokens   positions one sequence may use: what a one-sequence context of the model's {@code context}
 *                       gets (llama.cpp pads it to a multiple of 256)
 */
public record Batching(int parallel, boolean unified, boolean sharePrefixes, boolean batchInvariant,
                       int windowTokens) {
    /** llama.cpp pads a context window to a multiple of this ({@code llama_context}'s {@code GGML_PAD(n_ctx, 256)}). */
    static final int WINDOW_PADDING = 256;
    /**
     * Items per group where batching is not invariant: the plan's fixed groups ({@link
     * xcot.runs.plan.PlanStep#itemGroups}) of a worker's queue unit ({@link WorkPlan#GROUP_ITEMS}), so a single run and
     * workers decode the same groups, whatever {@code parallel} is; a group's several units per item keep a batch fed.
     */
    static final int GROUP_ITEMS = WorkPlan.GROUP_ITEMS;

    public Batching {
        if (parallel < 1 || parallel > ContextOptions.MAX_SEQUENCES) {
            throw new IllegalArgumentException("parallel must be in [1, " + ContextOptions.MAX_SEQUENCES + "], not "
                    + parallel);
        }
        if (windowTokens < 1) {
            throw new IllegalArgumentException("windowTokens must be positive, not " + windowTokens);
        }
    }

    /**
     * The batching of {@code model} (its {@code parallel} resolved by the preflight; 1 if unset) on the devices of
     * {@code backend}.
     */
    public static Batching of(ModelConfig model, BackendInfo backend) {
        int parallel = model.parallel().orElse(1);
        int window = padded(model.contextTokens());
        if (model.flashAttention() && runsOnCpu(model, backend)) {
            return new Batching(parallel, false, true, true, window);
        }
        if (parallel == 1) {
            return new Batching(1, false, false, true, window);
        }
        return new Batching(parallel, true, true, false, window);
    }

    /** Whether every layer runs on the CPU: nothing offloaded, or no device to offload to. */
    static boolean runsOnCpu(ModelConfig model, BackendInfo backend) {
        if (model.gpuLayers() == 0) {
            return true;
        }
        return model.rpcServers().isEmpty()
                && backend.devices().stream().allMatch(d -> d.type().equals("CPU"));
    }

    /** The positions a one-sequence context of {@code contextTokens} gets: what each batched sequence gets too. */
    public static int padded(int contextTokens) {
        return (contextTokens + WINDOW_PADDING - 1) / WINDOW_PADDING * WINDOW_PADDING;
    }

    /**
     * The context for {@code parallel} sequences of {@link #windowTokens} each: the model's own options (one sequence:
     * exactly them), with {@code parallel} sequence ids and a window per sequence.
     */
    public ContextOptions contextOptions(ModelConfig model) {
        ContextOptions one = model.contextOptions();
        if (parallel == 1) {
            return one;
        }
        return new ContextOptions(Math.multiplyExact(parallel, windowTokens), one.batchTokens(), one.ubatchTokens(),
                parallel, unified, one.threads(), one.threadsBatch(), one.flashAttention(), one.kvCacheType());
    }

    /**
     * The units of {@code step} that decode together: all of them where batching changes nothing, else the plan's
     * item groups (the groups a worker claims), so that what shares a batch never depends on what is already stored.
     */
    public List<List<Unit>> groups(PlanStep step) {
        return batchInvariant ? List.of(List.copyOf(step.units())) : step.itemGroups(GROUP_ITEMS);
    }

    /** The generator's options on {@code context}: sampling threads follow the cores its decode leaves free. */
    public BatchOptions batchOptions(Context context) {
        return BatchOptions.of(parallel, context).withSharePrefixes(sharePrefixes);
    }

    /**
     * What the store keys of a batched unit add: nothing when batch-invariant, else {@code parallel}, the layout and
     * the unit's group (the keys of the units that ran together, in plan order).
     */
    public Optional<String> key(String groupKey) {
        if (batchInvariant) {
            return Optional.empty();
        }
        return Optional.of("batch(parallel=" + parallel + ",kv=" + (unified ? "unified" : "separate") + ",prefixes="
                + sharePrefixes + ",group=" + groupKey + ")");
    }

    /**
     * What the key of a generation with {@code sampling} adds where the batch is invariant: nothing for greedy
     * decoding, {@code parallel} for seeded sampling. Measured in {@code BatchedRunTest}: greedy outputs at parallel 4
     * equal those at parallel 1, but seeded samples differ (the same parallel reproduces them, whatever else is in
     * flight), so a sample is found again only by a run with the same {@code parallel}.
     */
    public Optional<String> samplingKey(xcot.methods.SamplingSpec sampling) {
        if (!batchInvariant || sampling instanceof xcot.methods.SamplingSpec.Greedy) {
            return Optional.empty();
        }
        return Optional.of("sampledAtParallel=" + parallel);
    }

    /** One line for the progress log: {@code parallel 16, separate KV buffers (batch-invariant)}. */
    public String describe() {
        return "parallel " + parallel + ", " + (unified ? "unified KV cache" : parallel == 1 ? "one sequence"
                : "separate KV buffers") + (batchInvariant ? " (batch-invariant)" : " (groups fixed by the plan)");
    }
}
