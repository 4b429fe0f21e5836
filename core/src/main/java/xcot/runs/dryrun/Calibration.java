package xcot.runs.dryrun;

import java.util.Locale;
import java.util.stream.IntStream;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Generation;
import xcot.llm.Generator;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.Sampler;
import xcot.zoo.CommittedZoo;

/**
 * How fast this machine decodes, measured in well under a second without loading any of a run's models: a decode of
 * {@value #TOKENS} tokens with the smallest model of the committed toy zoo (a few hundred kilobytes: what one decode
 * step costs beyond reading the weights — llama.cpp's graph, sampling, the calls from Java), and a scan of
 * {@value #SCAN_MIB} MiB of memory with the run's threads (decoding is bound by reading the weights once per token).
 * One token of a model then takes about {@code stepNanos + weightsBytes / bytesPerSecond} on the CPU.
 *
 * @param stepNanos      a decode step of a negligible model
 * @param bytesPerSecond memory read bandwidth with {@code threads} threads
 */
public record Calibration(double stepNanos, double bytesPerSecond, int threads) {
    static final int TOKENS = 24;
    static final int SCAN_MIB = 64;
    /** The committed zoo's smallest model (0.3 MB). */
    static final String STEP_MODEL = "words-c";

    /** Nanoseconds per decoded token of a model whose weights take {@code weightsBytes}. */
    public double nanosPerToken(long weightsBytes) {
        return stepNanos + weightsBytes / bytesPerSecond * 1e9;
    }

    public String describe() {
        return String.format(Locale.ROOT, "decode step %.2f ms, memory %.1f GB/s with %d thread%s", stepNanos / 1e6,
                bytesPerSecond / 1e9, threads, threads == 1 ? "" : "s");
    }

    /** Measures this machine with {@code threads} threads (capped at the cores). */
    public static Calibration measure(int threads) {
        int t = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
        return new Calibration(measureStepNanos(), bandwidth(t), t);
    }

    private static double measureStepNanos() {
        try (Model m = Model.load(CommittedZoo.path(STEP_MODEL), ModelOptions.defaults().withGpuLayers(0));
                Context c = m.newContext(ContextOptions.of(64).withThreads(1));
                Sampler greedy = Sampler.greedy()) {
            int[] prompt = m.vocab().tokenize("1+2+3=", true, false);
            Generation g = new Generator(c, 0).generate(prompt, TOKENS, greedy, null, false);
            return g.tokens().length == 0 ? 1e6 : g.decodeNanos() / (double) g.tokens().length;
        }
    }

    /** Reads a buffer three times with {@code threads} threads; the fastest pass counts (the first warms it up). */
    private static double bandwidth(int threads) {
        long[] data = new long[SCAN_MIB << 17];
        for (int i = 0; i < data.length; i += 512) {
            data[i] = i;
        }
        double best = 0;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            long sum = IntStream.range(0, threads).parallel().mapToLong(part -> {
                long s = 0;
                int from = (int) ((long) data.length * part / threads);
                int to = (int) ((long) data.length * (part + 1) / threads);
                for (int i = from; i < to; i++) {
                    s += data[i];
                }
                return s;
            }).sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sum != Long.MIN_VALUE) { // keeps the loop from being optimized away
                best = Math.max(best, data.length * 8L / seconds);
            }
        }
        return best;
    }
}
