package xcot.runs.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import xcot.llm.ContextOptions;
import xcot.llm.ModelOptions;
import xcot.llm.RpcServer;
import xcot.profiles.ModelFamily;
import xcot.profiles.ReasoningEffort;

/**
 * One model of a run config.
 *
 * @param name            its name in records and exports (e.g. {@code Qwen/QwQ-32B}); unique in the run
 * @param profile         the prompt family; empty = detect from the GGUF
 * @param gpuLayers       layers to offload (-1 all, 0 none)
 * @param contextTokens   context window of its contexts
 * @param threads         CPU threads
 * @param temperature     Sampled temperature override
 * @param topK            Sampled top-k override
 * @param topP            Sampled top-p override
 * @param minP            Sampled min-p override
 * @param grammar         a built-in grammar name that constrains its output ({@link Grammars})
 * @param reasoningEffort gpt-oss reasoning effort (default {@code low})
 * @param parallel        sequences decoded together in one batch; empty = chosen from the memory check
 * @param line            where the model is declared, for later errors
 */
public record ModelConfig(
        String name,
        ModelSource source,
        Optional<ModelFamily> profile,
        int gpuLayers,
        int contextTokens,
        int threads,
        Optional<Float> temperature,
        Optional<Integer> topK,
        Optional<Float> topP,
        Optional<Float> minP,
        Optional<String> grammar,
        ReasoningEffort reasoningEffort,
        Optional<Integer> batchTokens,
        Optional<Integer> ubatchTokens,
        boolean flashAttention,
        ContextOptions.CacheType kvCacheType,
        List<RpcServer> rpcServers,
        int line,
        Optional<Integer> parallel) {
    public ModelConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(minP, "minP");
        Objects.requireNonNull(grammar, "grammar");
        Objects.requireNonNull(reasoningEffort, "reasoningEffort");
        Objects.requireNonNull(batchTokens, "batchTokens");
        Objects.requireNonNull(ubatchTokens, "ubatchTokens");
        Objects.requireNonNull(kvCacheType, "kvCacheType");
        rpcServers = List.copyOf(rpcServers);
        Objects.requireNonNull(parallel, "parallel");
    }

    /** This model with {@code sequences} decoded together (a {@code --parallel} override, or the preflight's choice). */
    public ModelConfig withParallel(int sequences) {
        return new ModelConfig(name, source, profile, gpuLayers, contextTokens, threads, temperature, topK, topP, minP,
                grammar,
                reasoningEffort, batchTokens, ubatchTokens, flashAttention, kvCacheType, rpcServers, line,
                Optional.of(sequences));
    }

    /** How llama.cpp loads the model: layers on the GPU and on the RPC servers. */
    public ModelOptions modelOptions() {
        return ModelOptions.defaults().withGpuLayers(gpuLayers).withRpcServers(rpcServers);
    }

    /** The context the run's generations use (one sequence). */
    public ContextOptions contextOptions() {
        ContextOptions o = ContextOptions.of(contextTokens).withThreads(threads).withFlashAttention(flashAttention)
                .withKvCacheType(kvCacheType);
        int batch = batchTokens.orElse(o.batchTokens());
        return o.withBatch(batch, ubatchTokens.orElse(Math.min(batch, o.ubatchTokens())));
    }

    /**
     * The runtime settings that can change what the model generates (the window, the offload, the attention kernel,
     * the KV storage, the batch sizes), as one text for cache keys. RPC endpoints are left out: where the layers run
     * does not change the arithmetic.
     */
    public String runtimeKey() {
        ContextOptions o = contextOptions();
        return "ctx=" + contextTokens + ";gpu=" + gpuLayers + ";fa=" + flashAttention + ";kv=" + kvCacheType
                + ";batch=" + o.batchTokens() + "/" + o.ubatchTokens();
    }
}
