package xcot.runs;

import java.util.Locale;
import java.util.Optional;
import xcot.llm.ContextOptions;

/**
 * How many sequences of one model decode together ({@code parallel}): as configured, if the device holds a KV window
 * for each of them beside the weights, else refused; by default as many as fit, at most {@value #DEFAULT_MOST} (where
 * llama.cpp's batched decode has gained most of what it gains on the CPU and a GPU is well fed) and at most
 * {@code batch} (one token of each sequence goes into every decode). Pure: the preflight gives it the numbers.
 */
final class ParallelChoice {
    static final int DEFAULT_MOST = 16;

    private ParallelChoice() {}

    /**
     * The outcome for one model.
     *
     * @param parallel the sequences it decodes together
     * @param most     the most its device holds (0: not even one)
     * @param line     what was chosen and why, for the run's log (configured values too)
     */
    record Choice(int parallel, int most, String line) {}

    /** A model's numbers: its weights, the KV cache of one sequence's window, and the device it runs on. */
    record Need(String model, long weightsBytes, long kvBytesPerSequence, int windowTokens, int batchTokens,
                String device, long freeBytes) {}

    /** The most sequences that fit: free memory less weights and the allowance, over one window's KV cache. */
    static int most(Need n) {
        if (n.freeBytes() <= 0) {
            return ContextOptions.MAX_SEQUENCES;   // the backend does not say: nothing to hold it to
        }
        long left = n.freeBytes() - n.weightsBytes() - MemoryCheck.ALLOWANCE_BYTES;
        if (left < n.kvBytesPerSequence()) {
            return 0;
        }
        return (int) Math.min(ContextOptions.MAX_SEQUENCES, left / Math.max(1, n.kvBytesPerSequence()));
    }

    /**
     * @param configured the config's (or {@code --parallel}'s) value, if any
     * @throws IllegalArgumentException if {@code configured} does not fit; the message names the model and the limit
     */
    static Choice choose(Need n, Optional<Integer> configured) {
        int most = most(n);
        String room = String.format(Locale.ROOT, "%s KV per %,d-token window beside %s of weights in %s free on %s",
                MemoryCheck.gib(n.kvBytesPerSequence()), n.windowTokens(), MemoryCheck.gib(n.weightsBytes()),
                n.freeBytes() <= 0 ? "an unknown amount" : MemoryCheck.gib(n.freeBytes()), n.device());
        if (configured.isPresent()) {
            int p = configured.get();
            if (p > n.batchTokens()) {
                throw new IllegalArgumentException("model '" + n.model() + "': parallel " + p + " exceeds its 'batch' "
                        + n.batchTokens() + " (one token of every sequence goes into each decode)");
            }
            if (p > most && most > 0) {
                throw new IllegalArgumentException("model '" + n.model() + "': parallel " + p + " does not fit: at "
                        + "most " + most + " sequence" + (most == 1 ? "" : "s") + " (" + room + ")");
            }
            return new Choice(p, most, "model '" + n.model() + "': parallel " + p + " (configured; " + room + ")");
        }
        int p = Math.max(1, Math.min(Math.min(DEFAULT_MOST, most), n.batchTokens()));
        String why = p == DEFAULT_MOST ? "the default most"
                : p == n.batchTokens() && p < most ? "'batch' " + n.batchTokens() : "the most that fit";
        return new Choice(p, most, "model '" + n.model() + "': parallel " + p + " (" + why + "; " + room + ")");
    }
}
