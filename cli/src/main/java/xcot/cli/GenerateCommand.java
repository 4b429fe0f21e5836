package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.llm.ChatMessage;
import xcot.llm.ChatTemplate;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Generation;
import xcot.llm.Generator;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.RpcServer;
import xcot.llm.Sampler;
import xcot.methods.SamplerChain;
import xcot.methods.SamplerOrder;
import xcot.methods.SamplingSpec;
import xcot.modelcheck.ModelCheck;

/** {@code xcot generate}: one completion from one model, for checking a model and the build. */
@Command(name = "generate", description = "Generate text from a GGUF model (greedy unless --temperature > 0).")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, description = "GGUF model file.")
    private Path model;

    @Option(names = "--prompt", required = true, description = "Prompt text (special tokens such as <think> are parsed).")
    private String prompt;

    @Option(names = "--chat", description = "Wrap the prompt as a user turn with the model's chat template.")
    private boolean chat;

    @Option(names = "--max-tokens", defaultValue = "64", description = "New-token budget (default ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default ${DEFAULT-VALUE}).")
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

    @Option(names = "--context", defaultValue = "4096", description = "Context window (default ${DEFAULT-VALUE}).")
    private int contextTokens;

    @Option(names = "--gpu-layers", defaultValue = "-1", description = "Layers to offload; -1 = all (default).")
    private int gpuLayers;

    @Option(names = "--threads", description = "CPU threads (default: all cores).")
    private Integer threads;

    @Option(names = "--rpc", paramLabel = "HOST:PORT,...", description = "llama.cpp RPC servers (ggml-rpc-server) to"
            + " offload layers to, before the local GPUs; --gpu-layers short of all keeps the first layers on the CPU.")
    private String rpc;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RpcServer> servers = rpc == null ? List.of() : RpcServer.parseList(rpc);
        // A model is loaded here only after it has loaded in a child process: an abort there is an error line here.
        ModelCheck.standard().ensureChecked(model);
        try (Model m = Model.load(model, ModelOptions.defaults().withGpuLayers(gpuLayers).withRpcServers(servers))) {
            ContextOptions options = ContextOptions.of(contextTokens);
            if (threads != null) {
                options = options.withThreads(threads);
            }
            String text = prompt;
            if (chat) {
                String template = m.chatTemplate().orElseThrow(
                        () -> new IllegalArgumentException(model + " has no chat template; drop --chat"));
                text = ChatTemplate.apply(template, List.of(ChatMessage.user(prompt)), true);
            }
            try (Context context = m.newContext(options);
                    Sampler sampler = Sampler.chain(SamplerChain.of(sampling()), m.vocab())) {
                int[] tokens = m.vocab().tokenize(text, m.vocab().addsBos(), true);
                Generation g = new Generator(context, 0).generate(tokens, maxTokens, sampler, null, true);
                out.println(g.text());
                out.flush();
                err.printf("[%s: %d prompt + %d new tokens, stop: %s, %.1f tokens/s]%n", m.description(),
                        g.promptTokens(), g.tokens().length, g.stopReason(), g.tokensPerSecond());
                err.flush();
            }
        }
        return 0;
    }

    private SamplingSpec sampling() {
        SamplerOrder order = SamplerOrder.byId(samplerOrder).orElseThrow(() -> new IllegalArgumentException(
                "unknown --sampler-order '" + samplerOrder + "' (expected hf or llama.cpp)"));
        return temperature > 0 ? new SamplingSpec.Sampled(temperature, topK, topP, minP, seed, order) : SamplingSpec.greedy();
    }
}
