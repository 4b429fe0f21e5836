package xcot.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import xcot.llm.BatchOptions;
import xcot.llm.BatchStats;
import xcot.llm.BatchedGenerator;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.SequenceRequest;

/**
 * xcot's side of {@code bench/run-llama-comparison.sh}: the same measurements as llama.cpp's own tools, through
 * {@link BatchedGenerator} with greedy sampling of every row (argmax in Java), one JSON line per measured run.
 *
 * <ul>
 *   <li>{@code batched}: as {@code llama-batched-bench}: one context of {@code --context} cells and n_seq_max = the
 *   largest N (separate KV buffers, flash attention auto, n_batch 2048, n_ubatch 512, as that tool's defaults); for
 *   each N, N sequences of {@code --pp} random prompt tokens generate {@code --tg} tokens each. {@code speed_tg} is
 *   the tokens decoded per second over the steps that held generated tokens only (the tool's S_TG: {@code pl * tg /
 *   t_tg}); unlike the tool, each of those steps also samples every row and does xcot's bookkeeping.</li>
 *   <li>{@code single}: as {@code llama-bench -p 0 -n TG}: one sequence, a context of TG + 2 tokens, a one-token
 *   prompt, then TG steps of one generated token; {@code speed_tg} = TG / the time of those steps (llama-bench
 *   decodes TG random tokens).</li>
 * </ul>
 * Each configuration first runs unmeasured to warm the JIT (the step loop and the argmax reach C2 only after a few
 * hundred steps): batched, once with up to 64 tokens per sequence, then twice more in full and for at least 3 s;
 * single, twice in full and for at least 3 s.
 *
 * <p>{@code prefix} measures shared prefixes: REQUESTS requests whose prompts are one PREFIX-token prefix (a
 * question) plus SUFFIX tokens of their own (an inserted chain of thought), BUDGET tokens each, PARALLEL in flight,
 * unified KV cache; the same requests with prefix sharing on and off, alternating, RUNS times each. A fresh engine per
 * run, so no cells are left from the run before.
 *
 * <pre>java ... xcot.bench.BatchedThroughput batched MODEL THREADS CONTEXT PP TG N[,N...] [RUNS]
 * java ... xcot.bench.BatchedThroughput single MODEL THREADS TG [RUNS]
 * java ... xcot.bench.BatchedThroughput prefix MODEL THREADS PREFIX REQUESTS SUFFIX BUDGET PARALLEL [RUNS]</pre>
 */
public final class BatchedThroughput {
    /** Tokens per sequence of the batched warm-up: enough steps for C2 to compile the step loop and the argmax. */
    private static final int WARM_UP_TOKENS = 64;
    private static final int WARM_UP_RUNS = 2;
    /**
     * Every configuration also warms up for at least this long: with two full runs only, the first measured runs of
     * the tiny model still ran at 70-75 % of the later ones (C2 finishing the step loop's callees), as a JMH warm-up
     * would have shown.
     */
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private BatchedThroughput() {}

    public static void main(String[] args) {
        String mode = args[0];
        Path modelPath = Path.of(args[1]);
        int threads = Integer.parseInt(args[2]);
        try (Model model = Model.load(modelPath, ModelOptions.defaults())) {
            switch (mode) {
                case "batched" -> batched(model, threads, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]), Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt)
                                .toArray(), args.length > 7 ? Integer.parseInt(args[7]) : 1);
                case "single" -> single(model, threads, Integer.parseInt(args[3]),
                        args.length > 4 ? Integer.parseInt(args[4]) : 1);
                case "prefix" -> prefix(model, threads, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
                        args.length > 8 ? Integer.parseInt(args[8]) : 1);
                default -> throw new IllegalArgumentException("mode must be batched or single, not " + mode);
            }
        }
    }

    private static void batched(Model model, int threads, int contextTokens, int pp, int tg, int[] parallels,
                                int runs) {
        int maxParallel = Arrays.stream(parallels).max().orElseThrow();
        ContextOptions options = new ContextOptions(contextTokens, 2048, 512, maxParallel, false, threads, threads, true,
                ContextOptions.CacheType.F16);
        SplittableRandom rng = new SplittableRandom(1234);
        try (Context context = model.newContext(options)) {
            for (int n : parallels) {
                if ((long) n * (pp + tg) > contextTokens || pp + tg > context.sequenceContextTokens()) {
                    continue;   // as llama-batched-bench: a configuration that does not fit is skipped
                }
                try (BatchedGenerator generator = new BatchedGenerator(context,
                        BatchOptions.of(n, context).withSharePrefixes(false))) {
                    // Every configuration warms the JIT in full: one short warm-up left the N = 1 step loop interpreted
                    // in the measured run (384 tokens/s, then 909 once compiled, on the tiny model), and N = 4 after
                    // N = 1 ran at 0.74x of llama-batched-bench where, measured first, it ran at 0.9x (the paths of
                    // several rows per step compile only when they run).
                    warmUp(1 + WARM_UP_RUNS, w -> generator.generateAll(requests(model, rng, n, pp,
                            w == 0 ? Math.min(tg + 1, WARM_UP_TOKENS) : tg + 1)));
                    for (int run = 0; run < runs; run++) {
                        BatchStats before = generator.stats();
                        generator.generateAll(requests(model, rng, n, pp, tg + 1));
                        print("batched", model, threads, pp, tg, n, generator.stats().since(before));
                    }
                }
            }
        }
    }

    /** Runs {@code run(0), run(1), ...} unmeasured: at least {@code minRuns} times and for {@link #WARM_UP_NANOS}. */
    private static void warmUp(int minRuns, IntConsumer run) {
        long start = System.nanoTime();
        for (int w = 0; w < minRuns || System.nanoTime() - start < WARM_UP_NANOS; w++) {
            run.accept(w);
        }
    }

    private static void single(Model model, int threads, int tg, int runs) {
        SplittableRandom rng = new SplittableRandom(4321);
        ContextOptions options = ContextOptions.of(tg + 2).withThreads(threads);
        try (Context context = model.newContext(options);
                BatchedGenerator generator = new BatchedGenerator(context, new BatchOptions(1, 1, false))) {
            warmUp(WARM_UP_RUNS, w -> generator.generateAll(requests(model, rng, 1, 1, tg + 1)));
            for (int run = 0; run < runs; run++) {
                BatchStats before = generator.stats();
                generator.generateAll(requests(model, rng, 1, 1, tg + 1));
                print("single", model, threads, 0, tg, 1, generator.stats().since(before));
            }
        }
    }

    private static void prefix(Model model, int threads, int prefixTokens, int count, int suffixTokens, int budget,
                               int parallel, int runs) {
        SplittableRandom rng = new SplittableRandom(99);
        int vocab = model.vocab().size();
        int[] question = rng.ints(prefixTokens, 0, vocab).toArray();
        List<SequenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] prompt = Arrays.copyOf(question, prefixTokens + suffixTokens);
            System.arraycopy(rng.ints(suffixTokens, 0, vocab).toArray(), 0, prompt, prefixTokens, suffixTokens);
            requests.add(SequenceRequest.greedy(prompt, budget).ignoringEndOfGeneration());
        }
        int contextTokens = parallel * (prefixTokens + suffixTokens + budget);
        ContextOptions options = new ContextOptions(contextTokens, 2048, 512, parallel, true, threads, threads, true,
                ContextOptions.CacheType.F16);
        try (Context context = model.newContext(options)) {
            for (int run = -1; run < runs; run++) {   // run -1 warms up both settings
                for (boolean share : new boolean[] {false, true}) {
                    try (BatchedGenerator generator = new BatchedGenerator(context,
                            BatchOptions.of(parallel, context).withSharePrefixes(share))) {
                        long start = System.nanoTime();
                        generator.generateAll(requests);
                        long wall = System.nanoTime() - start;
                        BatchStats s = generator.stats();
                        if (run >= 0) {
                            System.out.printf(Locale.ROOT, "{\"tool\": \"xcot\", \"mode\": \"prefix\", \"model\":"
                                            + " \"%s\", \"share\": %s, \"requests\": %d, \"prefix\": %d, \"suffix\": %d,"
                                            + " \"budget\": %d, \"pl\": %d, \"wall_s\": %.4f, \"steps\": %d,"
                                            + " \"prompt_decoded\": %d, \"prompt_reused\": %d}%n",
                                    model.path().getFileName(), share, count, prefixTokens, suffixTokens, budget,
                                    parallel, wall / 1e9, s.steps(), s.promptTokensDecoded(), s.promptTokensReused());
                        }
                    }
                }
            }
        }
    }

    /** {@code n} greedy requests of {@code pp} random tokens, generating {@code budget} tokens through any EOS. */
    private static List<SequenceRequest> requests(Model model, SplittableRandom rng, int n, int pp, int budget) {
        int vocab = model.vocab().size();
        List<SequenceRequest> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] prompt = rng.ints(pp, 0, vocab).toArray();
            requests.add(SequenceRequest.greedy(prompt, budget).ignoringEndOfGeneration());
        }
        return requests;
    }

    private static void print(String mode, Model model, int threads, int pp, int tg, int n, BatchStats s) {
        long promptNanos = s.stepNanos() - s.generationStepNanos();
        System.out.printf(Locale.ROOT, "{\"tool\": \"xcot\", \"mode\": \"%s\", \"model\": \"%s\", \"n_threads\": %d,"
                        + " \"pp\": %d, \"tg\": %d, \"pl\": %d, \"steps_tg\": %d, \"tokens_tg\": %d, \"t_tg\": %.6f,"
                        + " \"speed_tg\": %.3f, \"t_pp\": %.6f, \"speed_pp\": %.3f, \"decode_share\": %.4f,"
                        + " \"sampling_share\": %.4f}%n",
                mode, model.path().getFileName(), threads, pp, tg, n, s.generationSteps(), s.generationStepTokens(),
                s.generationStepNanos() / 1e9, s.generationTokensPerSecond(), promptNanos / 1e9,
                promptNanos == 0 ? 0 : s.promptTokensDecoded() * 1e9 / promptNanos,
                s.stepNanos() == 0 ? 0 : (double) s.decodeNanos() / s.stepNanos(),
                s.stepNanos() == 0 ? 0 : (double) s.samplingNanos() / s.stepNanos());
    }
}
