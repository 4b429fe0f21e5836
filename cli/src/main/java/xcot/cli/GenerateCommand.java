package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import xcot.llm.BatchOptions;
import xcot.llm.BatchStats;
import xcot.llm.BatchedGenerator;
import xcot.llm.ChatMessage;
import xcot.llm.ChatTemplate;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Generation;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.RpcServer;
import xcot.llm.SamplerStep;
import xcot.llm.SequenceRequest;
import xcot.llm.StopCondition;
import xcot.methods.SamplerChain;
import xcot.methods.SamplerOrder;
import xcot.methods.SamplingSpec;
import xcot.modelcheck.ModelCheck;

/**
 * {@code xcot generate}: completions from one model, for checking a model and the build, and for seeing what
 * batching does: several prompts (or {@code --n-sequences} copies of one) decode side by side with
 * {@code --parallel N}.
 */
@Command(name = "generate", description = {"Generate text from a GGUF model (greedy unless --temperature > 0).",
        "Several --prompt options, or --n-sequences N, make several sequences; --parallel N decodes up to N of them",
        "in one batch. Prefill and generation speed are reported apart."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, description = "GGUF model file.")
    private Path model;

    @Option(names = "--prompt", required = true, description = "Prompt text (special tokens such as <think> are"
            + " parsed); repeat for several sequences.")
    private List<String> prompts;

    @Option(names = "--n-sequences", description = "Sequences to generate (default: one per --prompt); prompts are"
            + " used in turn.")
    private Integer sequences;

    @Option(names = "--parallel", defaultValue = "1", description = "Sequences decoded together in one batch"
            + " (default ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--chat", description = "Wrap each prompt as a user turn with the model's chat template.")
    private boolean chat;

    @Option(names = "--max-tokens", defaultValue = "64", description = "New-token budget per sequence (default ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed of the first sequence; sequence i"
            + " uses seed + i (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default); > 0 samples.")
    private float temperature;

    @Option(names = "--top-k", defaultValue = "50", description = "Top-k when sampling (default ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Top-p when sampling (default ${DEFAULT-VALUE}).")
    private float topP;

    @Option(names = "--min-p", defaultValue = "0", description = "Min-p when sampling: keep tokens at least this "
            + "fraction as likely as the top one; 0 = off (default).")
    private float minP;

    @Option(names = "--sampler-order", defaultValue = "hf", paramLabel = "ORDER",
            description = "hf (temperature, top-k, top-p: Hugging Face's order, the default) or llama.cpp (top-k, "
                    + "top-p, temperature)")
    private String samplerOrder;

    @Option(names = "--context", defaultValue = "4096", description = "Context window; with --parallel > 1 the KV"
            + " cache all sequences share (default ${DEFAULT-VALUE}).")
    private int contextTokens;

    @Option(names = "--gpu-layers", defaultValue = "-1", description = "Layers to offload; -1 = all (default).")
    private int gpuLayers;

    @Option(names = "--threads", description = "CPU threads (default: all cores).")
    private Integer threads;

    @Option(names = "--rpc", paramLabel = "HOST:PORT,...", description = "llama.cpp RPC servers (ggml-rpc-server) to"
            + " offload layers to, before the local GPUs; --gpu-layers short of all keeps the first layers on the CPU.")
    private String rpc;

    @Option(names = "--ignore-eos", description = "Keep generating through end-of-generation tokens (benchmarks).")
    private boolean ignoreEos;

    @Override
    public Integer call() {
        int count = sequences == null ? prompts.size() : sequences;
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--n-sequences must be at least 1, not " + count);
        }
        if (parallel < 1 || parallel > ContextOptions.MAX_SEQUENCES) {
            throw new ParameterException(spec.commandLine(), "--parallel must be in [1, " + ContextOptions.MAX_SEQUENCES
                    + "], not " + parallel);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RpcServer> servers = rpc == null ? List.of() : RpcServer.parseList(rpc);
        SamplerOrder order = SamplerOrder.byId(samplerOrder).orElseThrow(() -> new IllegalArgumentException(
                "unknown --sampler-order '" + samplerOrder + "' (expected hf or llama.cpp)"));
        // A model is loaded here only after it has loaded in a child process: an abort there is an error line here.
        ModelCheck.standard().ensureChecked(model);
        try (Model m = Model.load(model, ModelOptions.defaults().withGpuLayers(gpuLayers).withRpcServers(servers))) {
            ContextOptions options = ContextOptions.of(contextTokens);
            options = options.withBatch(Math.max(options.batchTokens(), parallel), options.ubatchTokens())
                    .withSequences(parallel, true);
            if (threads != null) {
                options = options.withThreads(threads);
            }
            List<SequenceRequest> requests = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                requests.add(request(m, prompts.get(i % prompts.size()), seed + i, order));
            }
            try (Context context = m.newContext(options);
                    BatchedGenerator generator = new BatchedGenerator(context, BatchOptions.of(parallel, context))) {
                List<Generation> results = generator.generateAll(requests);
                for (int i = 0; i < results.size(); i++) {
                    if (results.size() > 1) {
                        out.printf("--- sequence %d ---%n", i + 1);
                    }
                    out.println(results.get(i).text());
                }
                out.flush();
                err.println(summary(m.description(), results, generator.stats()));
                err.flush();
            }
        }
        return 0;
    }

    private SequenceRequest request(Model m, String prompt, long sequenceSeed, SamplerOrder order) {
        String text = prompt;
        if (chat) {
            String template = m.chatTemplate().orElseThrow(
                    () -> new IllegalArgumentException(model + " has no chat template; drop --chat"));
            text = ChatTemplate.apply(template, List.of(ChatMessage.user(prompt)), true);
        }
        List<SamplerStep> steps = SamplerChain.of(temperature > 0
                ? new SamplingSpec.Sampled(temperature, topK, topP, minP, sequenceSeed & 0xFFFFFFFFL, order)
                : SamplingSpec.greedy());
        int[] tokens = m.vocab().tokenize(text, m.vocab().addsBos(), true);
        SequenceRequest r = new SequenceRequest(tokens, maxTokens, steps, StopCondition.never(), true, true);
        return ignoreEos ? r.ignoringEndOfGeneration() : r;
    }

    /** One line: prefill and generation speed apart, per sequence for one, aggregate over the batch for several. */
    static String summary(String model, List<Generation> results, BatchStats stats) {
        if (results.size() == 1) {
            Generation g = results.getFirst();
            String reused = g.cachedPromptTokens() > 0 ? " (" + g.cachedPromptTokens() + " reused)" : "";
            return String.format("[%s: prompt %d tokens%s, prefill %.1f tokens/s; %d new tokens, generation %.1f"
                    + " tokens/s; stop: %s]", model, g.promptTokens(), reused, g.prefillTokensPerSecond(),
                    g.tokens().length, g.generationTokensPerSecond(), g.stopReason());
        }
        java.util.Map<Generation.StopReason, Long> stops = new java.util.TreeMap<>();
        results.forEach(g -> stops.merge(g.stopReason(), 1L, Long::sum));
        long promptStepNanos = stats.stepNanos() - stats.generationStepNanos();
        return String.format("[%s: %d sequences, up to %d per batch; prompts %d tokens decoded + %d reused, prefill"
                        + " %.1f tokens/s; %d new tokens, generation %.1f tokens/s aggregate (%d batch steps without"
                        + " prompt tokens); stops: %s]", model, results.size(), stats.maxInFlight(),
                stats.promptTokensDecoded(), stats.promptTokensReused(),
                promptStepNanos == 0 ? 0 : stats.promptTokensDecoded() * 1e9 / promptStepNanos,
                stats.tokensGenerated(), stats.generationTokensPerSecond(), stats.generationSteps(), stops);
    }
}
