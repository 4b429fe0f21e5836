package xcot.gguf.rules;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import xcot.gguf.GgufFormatException;
import xcot.gguf.GgufKeys;

/**
 * The hyperparameter rules of {@code llama_model_base::load_hparams} ({@code src/llama-model.cpp}), where an
 * out-of-range value is a {@code GGML_ASSERT} that aborts the process, plus the finite-number rules llama.cpp does
 * not have (a NaN RoPE base or a zero RMS epsilon loads and computes NaN). Values an architecture does not read are
 * not checked: files saved by llama.cpp carry every hyperparameter, unused ones as 0.
 */
final class HyperparameterRules {
    /** {@code LLAMA_MAX_LAYERS} in {@code src/llama-hparams.h}. */
    static final int MAX_LAYERS = 512;
    /** {@code LLAMA_MAX_EXPERTS} in {@code src/llama-hparams.h}. */
    static final long MAX_EXPERTS = 1024;
    /** {@code LLAMA_ROPE_SCALING_TYPES} in {@code src/llama-model.cpp}; another name is a failed assertion. */
    static final List<String> ROPE_SCALING_TYPES = List.of("none", "linear", "yarn", "longrope");

    private HyperparameterRules() {}

    /** Checks the hyperparameters of {@code arch}; returns those the tensor shapes follow. */
    static Hyperparameters check(Fields f, String arch) throws GgufFormatException {
        String file = f.file();
        positive(f, GgufKeys.contextLength(arch), f.requiredU32(GgufKeys.contextLength(arch)));
        long embedding = f.requiredU32(GgufKeys.embeddingLength(arch));
        positive(f, GgufKeys.embeddingLength(arch), embedding);

        // GGML_ASSERT(hparams.n_layer_all > 0 && hparams.n_layer_all <= LLAMA_MAX_LAYERS)
        String blockCount = GgufKeys.blockCount(arch);
        long layers = f.requiredU32(blockCount);
        if (layers < 1 || layers > MAX_LAYERS) {
            throw LoadRules.refuse(file, "key '" + blockCount + "' is " + layers + ", must be 1.." + MAX_LAYERS
                    + " (llama.cpp asserts it)");
        }
        // GGML_ASSERT(hparams.n_layer_nextn <= hparams.n_layer_all)
        String nextn = arch + ".nextn_predict_layers";
        OptionalLong nextnLayers = f.u32(nextn);
        if (nextnLayers.isPresent() && nextnLayers.getAsLong() > layers) {
            throw LoadRules.refuse(file, "key '" + nextn + "' is " + nextnLayers.getAsLong() + ", more than the "
                    + layers + " layers (llama.cpp asserts it)");
        }
        checkExperts(f, arch, (int) layers);

        long[] feedForward = f.u32PerLayer(GgufKeys.feedForwardLength(arch), (int) layers).orElse(new long[0]);
        long[] heads = f.u32PerLayer(GgufKeys.headCount(arch), (int) layers).orElse(new long[(int) layers]);
        // n_head_kv defaults to n_head
        long[] headsKv = f.u32PerLayer(GgufKeys.headCountKv(arch), (int) layers).orElse(heads);

        String scalingKey = arch + ".rope.scaling.type";
        String scaling = f.string(scalingKey).orElse("linear");
        if (!ROPE_SCALING_TYPES.contains(scaling)) {
            throw LoadRules.refuse(file, "key '" + scalingKey + "' is " + xcot.gguf.GgufException.quote(scaling)
                    + ", not one of " + ROPE_SCALING_TYPES + " (llama.cpp asserts it)");
        }
        positiveFinite(f, GgufKeys.ropeFreqBase(arch));
        nonNegativeFinite(f, arch + ".rope.scaling.factor");
        nonNegativeFinite(f, arch + ".rope.scale_linear");
        positiveFinite(f, arch + ".rope.scaling.attn_factor");
        positiveFinite(f, arch + ".rope.freq_base_swa");

        long headK = 0;
        long headV = 0;
        if (heads[0] > 0) {
            headK = f.u32(GgufKeys.keyLength(arch)).orElse(embedding / heads[0]);
            headV = f.u32(GgufKeys.valueLength(arch)).orElse(embedding / heads[0]);
        }
        Hyperparameters h = new Hyperparameters(arch, embedding, (int) layers, heads[0], headsKv[0], headK, headV,
                feedForward.length > 0 ? feedForward[0] : 0);
        if (LoadRules.STANDARD_ATTENTION.contains(arch)) {
            checkStandardAttention(f, h, heads, headsKv, feedForward);
        }
        return h;
    }

    /** The expert-count assertions of {@code load_hparams}, for dense and mixture-of-experts models alike. */
    private static void checkExperts(Fields f, String arch, int layers) throws GgufFormatException {
        String file = f.file();
        String countKey = arch + ".expert_count";
        String usedKey = arch + ".expert_used_count";
        String groupsKey = arch + ".expert_group_count";
        String groupsUsedKey = arch + ".expert_group_used_count";
        long experts = f.u32(countKey).orElse(0);
        long used = 0;
        for (long u : f.u32PerLayer(usedKey, layers).orElse(new long[0])) {
            used = Math.max(used, u);
        }
        long groups = f.u32(groupsKey).orElse(0);
        long groupsUsed = f.u32(groupsUsedKey).orElse(0);
        String asserted = " (llama.cpp asserts it)";
        if (experts > MAX_EXPERTS) {
            throw LoadRules.refuse(file, "key '" + countKey + "' is " + experts + ", more than " + MAX_EXPERTS
                    + asserted);
        }
        if (used > experts) {
            throw LoadRules.refuse(file, "key '" + usedKey + "' is " + used + ", more than the " + experts
                    + " experts ('" + countKey + "')" + asserted);
        }
        if (experts > 0) {
            if (used == 0) {
                throw LoadRules.refuse(file, "key '" + usedKey + "' is 0 or missing, but the model has " + experts
                        + " experts" + asserted);
            }
            if (groups >= experts) {
                throw LoadRules.refuse(file, "key '" + groupsKey + "' is " + groups + ", not fewer than the "
                        + experts + " experts" + asserted);
            }
            if (groups > 1 && (experts % groups != 0 || groupsUsed == 0 || groupsUsed >= groups)) {
                throw LoadRules.refuse(file, "keys '" + groupsKey + "' = " + groups + " and '" + groupsUsedKey
                        + "' = " + groupsUsed + " do not fit " + experts + " experts (the groups must divide the "
                        + "experts and 0 < used < groups)" + asserted);
            }
        } else if (groups != 0) {
            throw LoadRules.refuse(file, "key '" + groupsKey + "' is " + groups + " in a model without experts"
                    + asserted);
        }
    }

    /**
     * Rules of the standard-attention graphs: at least one head, whole groups of query heads per KV head (ggml's
     * broadcasting matrix product asserts it), one head size for k and v equal to the RoPE dimensions, and an even
     * one (RoPE rotates pairs; ggml asserts {@code n_dims % 2 == 0}).
     */
    private static void checkStandardAttention(Fields f, Hyperparameters h, long[] heads, long[] headsKv,
                                               long[] feedForward) throws GgufFormatException {
        String file = f.file();
        String arch = h.architecture();
        String headKey = GgufKeys.headCount(arch);
        String kvKey = GgufKeys.headCountKv(arch);
        String ffKey = GgufKeys.feedForwardLength(arch);
        f.require(headKey);
        f.require(ffKey);
        // These graphs normalise with RMS norm only. The other epsilon is not read, and llama.cpp's own saver writes
        // it uninitialised (0 in practice), so only this one is checked.
        String rms = GgufKeys.rmsEpsilon(arch);
        f.require(rms);
        positiveFinite(f, rms);
        for (int il = 0; il < h.layers(); il++) {
            String layer = f.isArray(headKey) || f.isArray(kvKey) || f.isArray(ffKey) ? " (layer " + il + ")" : "";
            if (heads[il] < 1) {
                throw LoadRules.refuse(file, "key '" + headKey + "' is " + heads[il] + layer + ", must be at least 1");
            }
            if (headsKv[il] < 1 || heads[il] % headsKv[il] != 0) {
                throw LoadRules.refuse(file, "key '" + kvKey + "' is " + headsKv[il] + layer + ", must divide the "
                        + heads[il] + " heads of '" + headKey + "'");
            }
            if (heads[il] != h.heads() || headsKv[il] != h.headsKv()) {
                throw LoadRules.refuse(file, "keys '" + headKey + "'/'" + kvKey + "' differ between layers; " + arch
                        + " needs the same head counts in every layer");
            }
            if (feedForward[il] < 1) {
                throw LoadRules.refuse(file, "key '" + ffKey + "' is " + feedForward[il] + layer
                        + ", must be at least 1");
            }
        }
        if (h.headK() < 1 || h.headK() != h.headV()) {
            throw LoadRules.refuse(file, "head sizes k " + h.headK() + " and v " + h.headV() + " ('"
                    + GgufKeys.keyLength(arch) + "', '" + GgufKeys.valueLength(arch) + "', or '"
                    + GgufKeys.embeddingLength(arch) + "' / '" + headKey + "') must be equal and positive: " + arch
                    + "'s graph asserts it");
        }
        long rot = f.u32(GgufKeys.ropeDimensionCount(arch)).orElse(h.headK());
        if (rot != h.headK()) {
            throw LoadRules.refuse(file, "key '" + GgufKeys.ropeDimensionCount(arch) + "' is " + rot
                    + ", must equal the head size " + h.headK() + ": " + arch + "'s graph asserts it");
        }
        if (h.headK() % 2 != 0) {
            throw LoadRules.refuse(file, "the head size " + h.headK() + " is odd; RoPE rotates pairs and ggml "
                    + "asserts an even size");
        }
    }

    private static void positive(Fields f, String key, long value) throws GgufFormatException {
        if (value < 1) {
            throw LoadRules.refuse(f.file(), "key '" + key + "' is " + value + ", must be at least 1");
        }
    }

    private static void positiveFinite(Fields f, String key) throws GgufFormatException {
        OptionalDouble v = f.f32(key);
        if (v.isPresent() && !(v.getAsDouble() > 0 && Double.isFinite(v.getAsDouble()))) {
            throw LoadRules.refuse(f.file(), "key '" + key + "' is " + (float) v.getAsDouble()
                    + ", must be finite and positive");
        }
    }

    private static void nonNegativeFinite(Fields f, String key) throws GgufFormatException {
        OptionalDouble v = f.f32(key);
        if (v.isPresent() && !(v.getAsDouble() >= 0 && Double.isFinite(v.getAsDouble()))) {
            throw LoadRules.refuse(f.file(), "key '" + key + "' is " + (float) v.getAsDouble()
                    + ", must be finite and not negative");
        }
    }
}
