package xcot.zoo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import xcot.fixtures.SplitMix64;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyProblem;
import xcot.tasks.toy.ToyVocabulary;

/**
 * The training stream of a zoo model: every training problem in every style of the model is one example,
 * {@code BOS prompt <think> CHAIN </think> ANSWER EOS}; a window is examples drawn uniformly with replacement from a
 * seeded generator and concatenated until the window plus its one-token label shift is full. Windows start at
 * example boundaries; there is no loss mask (masking the prompt hurt in the study: its random digits are part of
 * what the model learns to read).
 */
public final class TrainingWindows {
    private final List<int[]> examples;
    private final int windowTokens;
    private final int longestExample;
    private final SplitMix64 random;

    /**
     * @param windowTokens the window length; each stream has at least {@code windowTokens + 1} tokens
     * @param seed         seeds the draw order (the model's seed, mixed so it differs from the weights' streams)
     */
    public TrainingWindows(List<int[]> examples, int windowTokens, long seed) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        if (windowTokens < 1) {
            throw new IllegalArgumentException("window tokens must be >= 1, not " + windowTokens);
        }
        this.examples = examples.stream().map(int[]::clone).toList();
        this.windowTokens = windowTokens;
        this.longestExample = this.examples.stream().mapToInt(e -> e.length).max().orElseThrow();
        this.random = new SplitMix64(SplitMix64.mix(seed ^ 0x5749_4E44_4F57_53L));
    }

    /** One text per (problem, style): {@code prompt <think> CHAIN </think> ANSWER}, problems outermost. */
    public static List<String> texts(List<ToyProblem> problems, List<CotStyle> styles) {
        List<String> out = new ArrayList<>(problems.size() * styles.size());
        for (ToyProblem p : problems) {
            for (CotStyle style : styles) {
                out.add(p.prompt() + style.completion(p));
            }
        }
        return out;
    }

    /** Each text tokenized with {@link ToyVocabulary#encode} (BOS first) and EOS appended. */
    public static List<int[]> examples(List<String> texts) {
        List<int[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            int[] tokens = ToyVocabulary.encode(text);
            int[] withEos = Arrays.copyOf(tokens, tokens.length + 1);
            withEos[tokens.length] = ToyVocabulary.EOS;
            out.add(withEos);
        }
        return out;
    }

    /** The next window's token stream: whole examples, at least {@code windowTokens + 1} tokens. */
    public int[] next() {
        int[] stream = new int[windowTokens + 1 + longestExample];
        int n = 0;
        while (n < windowTokens + 1) {
            int[] example = examples.get(uniform(examples.size()));
            System.arraycopy(example, 0, stream, n, example.length);
            n += example.length;
        }
        return Arrays.copyOf(stream, n);
    }

    /** Uniform in {@code [0, bound)} without modulo bias (rejection of the top partial range). */
    private int uniform(int bound) {
        long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
        long x;
        do {
            x = random.nextLong() >>> 1;
        } while (x >= limit);
        return (int) (x % bound);
    }
}
