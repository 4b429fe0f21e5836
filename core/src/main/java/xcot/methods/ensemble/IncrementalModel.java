package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import xcot.llm.Model;

/**
 * An {@link EnsembleModel} that keeps its context in the KV cache (sequence 0) and decodes only what is new.
 *
 * <p><b>State.</b> {@code tokens} is always {@code tokenize(contextText)}. The cache holds every position but the
 * last: that "frontier" token is decoded together with whatever comes next (samples, candidates, appended text),
 * because its logits row predicts the first new token. An evaluator also keeps {@code cumNll[i]}, the summed NLL of
 * tokens 1..i (token 0 is never predicted), so a branch at any position starts from an exact prefix sum.
 *
 * <p><b>The tokenization boundary.</b> The reference tokenizes {@code context + candidate} as one string, so a BPE
 * merge can cross the boundary and change the last context token(s): a context ending in {@code "\n"} followed by a
 * candidate starting with {@code "\n"} ends in one {@code "\n\n"} token. Every operation therefore tokenizes the full string and compares it with the
 * cached tokens; with {@code L} the length of their longest common prefix, it branches at {@code from = L − 1}: the
 * cache's positions {@code [0, from)} are shared (copied into the candidate's sequence, metadata only), the prefix
 * NLL is {@code cumNll[from]}, and {@code tokens[from…]} are decoded, the row of {@code tokens[from]} scoring
 * {@code tokens[from + 1]}. In the common case {@code L} is the whole cached sequence and only the frontier and the
 * candidate are decoded. The result equals scoring the full re-tokenized string from scratch.
 */
public final class IncrementalModel implements EnsembleModel {
    private final String name;
    private final ContextDriver driver;
    private final boolean scoresCandidates;
    private String text = "";
    private int[] tokens = new int[0];
    private double[] cumNll = new double[0];
    /** False until the first start, and after an update of sequence 0 failed midway: the next start clears it. */
    private boolean cacheMatchesTokens;

    private IncrementalModel(String name, ContextDriver driver, boolean scoresCandidates) {
        this.name = name;
        this.driver = driver;
        this.scoresCandidates = scoresCandidates;
    }

    /**
     * Opens a context on {@code model} (which stays the caller's).
     *
     * @param sampling how it samples when it generates; null for an evaluator only
     * @param scoresCandidates whether it evaluates: only then is the running NLL kept (it costs a logits row per
     *                         context token)
     */
    public static IncrementalModel open(String name, Model model, SessionOptions options, Sampling sampling,
                                        boolean scoresCandidates) {
        Objects.requireNonNull(name, "name");
        return new IncrementalModel(name, new ContextDriver(model, options, sampling), scoresCandidates);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Starts an item. Cached positions shared with the previous context are kept (a system prompt common to all
     * items, or the same prefix again in a benchmark), exactly as an append branches from the common prefix.
     */
    @Override
    public void start(String contextText) {
        int[] fresh = driver.tokenize(contextText);
        if (fresh.length == 0) {
            throw new IllegalArgumentException(name + ": the context text has no tokens");
        }
        if (!cacheMatchesTokens) {
            driver.clear();
            text = "";
            tokens = new int[0];
            cumNll = new double[] {0};
        }
        moveTo(contextText, fresh);
    }

    @Override
    public String contextText() {
        return text;
    }

    @Override
    public int contextTokens() {
        return tokens.length;
    }

    @Override
    public int countTokens(String s) {
        return driver.tokenize(s).length;
    }

    @Override
    public List<String> sample(int count, int maxNewTokens) {
        requireCache();
        int frontier = tokens.length - 1;
        return driver.sampleTexts(tokens[frontier], frontier, count, maxNewTokens);
    }

    @Override
    public double[] meanNllNats(List<String> suffixes, ScoreSpan span) {
        return score(suffixes, span, false);
    }

    @Override
    public double[] meanNllNatsSeparately(List<String> suffixes, ScoreSpan span) {
        return score(suffixes, span, true);
    }

    private double[] score(List<String> suffixes, ScoreSpan span, boolean separately) {
        requireCache();
        if (!scoresCandidates) {
            throw new IllegalStateException(name + " was opened as a generator only and keeps no running NLL");
        }
        List<ContextDriver.Branch> branches = new ArrayList<>(suffixes.size());
        for (String suffix : suffixes) {
            int[] full = driver.tokenize(text + suffix);
            int from = Math.max(TokenPrefix.common(full, tokens) - 1, 0);
            branches.add(new ContextDriver.Branch(full, from, Math.max(full.length - 1, from)));
        }
        double[][] tails = new double[branches.size()][];
        if (separately) {
            for (int i = 0; i < tails.length; i++) {
                tails[i] = driver.scoreBranches(List.of(branches.get(i)), tokens.length - 1)[0];
            }
        } else {
            tails = driver.scoreBranches(branches, tokens.length - 1);
        }
        double[] means = new double[suffixes.size()];
        for (int i = 0; i < means.length; i++) {
            ContextDriver.Branch b = branches.get(i);
            // Summed in position order from the prefix sum: the same additions as one pass over the whole sequence.
            double sum = span == ScoreSpan.FULL_SEQUENCE ? cumNll[b.from()] : 0;
            for (double v : tails[i]) {
                sum += v;
            }
            means[i] = span == ScoreSpan.FULL_SEQUENCE ? sum / (b.tokens().length - 1)
                    : tails[i].length == 0 ? Double.POSITIVE_INFINITY : sum / tails[i].length;
        }
        return means;
    }

    /** Proposals from now on draw with {@code seed} (see {@link Sampling#seed()}); no effect on an evaluator. */
    public void reseed(long seed) {
        driver.reseed(seed);
    }

    @Override
    public void append(String suffix) {
        requireCache();
        String next = text + suffix;
        moveTo(next, driver.tokenize(next));
    }

    private void requireCache() {
        if (!cacheMatchesTokens) {
            throw new IllegalStateException(name + " has no consistent context: start an item first (an earlier"
                    + " update may have failed)");
        }
    }

    /** Re-bases the cache on {@code newTokens}: keeps the common prefix, decodes the rest but the new frontier. */
    private void moveTo(String newText, int[] newTokens) {
        cacheMatchesTokens = false;
        int from = Math.max(TokenPrefix.common(newTokens, tokens) - 1, 0);
        int to = Math.max(newTokens.length - 1, from);
        driver.truncateContext(from);
        double[] nll = scoresCandidates ? new double[to - from] : null;
        driver.decode(newTokens, from, to, ContextDriver.CONTEXT_SEQUENCE, nll);
        if (scoresCandidates) {
            double[] cum = Arrays.copyOf(cumNll, newTokens.length);
            for (int k = 0; k < nll.length; k++) {
                cum[from + k + 1] = cum[from + k] + nll[k];
            }
            cumNll = cum;
        }
        text = newText;
        tokens = newTokens;
        cacheMatchesTokens = true;
    }

    @Override
    public void close() {
        driver.close();
    }
}
