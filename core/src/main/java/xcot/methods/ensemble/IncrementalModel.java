package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import xcot.llm.Model;
import xcot.llm.ModelFailureException;

/**
 * An {@link EnsembleModel} that keeps each lane's context in the KV cache (lane {@code i} in sequence {@code i}) and
 * decodes only what is new; the lanes of one call share its decodes.
 *
 * <p><b>State.</b> Per lane, {@code tokens} is always {@code tokenize(contextText)}. The cache holds every position
 * but the last: that "frontier" token is decoded together with whatever comes next (samples, candidates, appended
 * text), because its logits row predicts the first new token. An evaluator also keeps {@code cumNll[i]}, the summed
 * NLL of tokens 1..i (token 0 is never predicted), so a branch at any position starts from an exact prefix sum.
 *
 * <p><b>The tokenization boundary.</b> The reference tokenizes {@code context + candidate} as one string, so a BPE
 * merge can cross the boundary and change the last context token(s): a context ending in {@code "\n"} followed by a
 * candidate starting with {@code "\n"} ends in one {@code "\n\n"} token. Every operation therefore tokenizes the full
 * string and compares it with the cached tokens; with {@code L} the length of their longest common prefix, it
 * branches at {@code from = L − 1}: the cache's positions {@code [0, from)} are shared (copied into the candidate's
 * sequence, metadata only), the prefix NLL is {@code cumNll[from]}, and {@code tokens[from…]} are decoded, the row of
 * {@code tokens[from]} scoring {@code tokens[from + 1]}. In the common case {@code L} is the whole cached sequence and
 * only the frontier and the candidate are decoded. With one lane, a candidate scored alone gets exactly the numbers of
 * scoring the full re-tokenized string from scratch: no row is decoded alone ({@link ContextDriver#decode}), and a
 * branch before the frontier borrows the lane's cells ({@code scoreAlone}); candidates scored together differ by
 * batching noise.
 */
public final class IncrementalModel implements EnsembleModel {
    private final String name;
    private final ContextDriver driver;
    private final boolean scoresCandidates;
    private final Lane[] lanes;
    /** Lanes of the current group. */
    private int started;

    /** One lane's context. */
    private static final class Lane {
        String text = "";
        int[] tokens = new int[0];
        double[] cumNll = {0};
        /** False until the first start, and after an update failed midway: the next start clears the lane. */
        boolean cacheMatchesTokens;
        /** The model failure that left the lane without a usable context, if one did. */
        ModelFailureException brokenBy;

        void reset() {
            text = "";
            tokens = new int[0];
            cumNll = new double[] {0};
            cacheMatchesTokens = false;
            brokenBy = null;
        }
    }

    private IncrementalModel(String name, ContextDriver driver, boolean scoresCandidates) {
        this.name = name;
        this.driver = driver;
        this.scoresCandidates = scoresCandidates;
        this.lanes = new Lane[driver.lanes()];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane();
        }
    }

    /**
     * Opens a context on {@code model} (which stays the caller's) for {@link SessionOptions#lanes()} items at once.
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

    /** Items this model holds at once. */
    public int lanes() {
        return lanes.length;
    }

    /**
     * Starts a group of items. Each lane keeps the cached positions its new context shares with its previous one (a
     * system prompt common to all items, or the same prefix again in a benchmark), exactly as an append branches
     * from the common prefix. {@link #forgetCache()} first makes a group independent of what ran before.
     */
    @Override
    public void start(List<String> contextTexts) {
        if (contextTexts.isEmpty() || contextTexts.size() > lanes.length) {
            throw new IllegalArgumentException(name + " holds 1 to " + lanes.length + " items at once, not "
                    + contextTexts.size());
        }
        List<int[]> fresh = new ArrayList<>(contextTexts.size());
        for (String text : contextTexts) {
            int[] tokens = driver.tokenize(text);
            if (tokens.length == 0) {
                throw new IllegalArgumentException(name + ": the context text has no tokens");
            }
            fresh.add(tokens);
        }
        for (int lane = 0; lane < lanes.length; lane++) {
            if (lane >= contextTexts.size() || !lanes[lane].cacheMatchesTokens) {
                driver.clearLane(lane);
                lanes[lane].reset();
            }
        }
        started = contextTexts.size();
        int[] all = new int[started];
        Arrays.setAll(all, i -> i);
        moveTo(all, contextTexts, fresh);
    }

    /** Forgets every cached position, so that the next group is computed as in a fresh context. */
    public void forgetCache() {
        driver.clear();
        for (Lane lane : lanes) {
            lane.reset();
        }
        started = 0;
    }

    @Override
    public String contextText(int lane) {
        return lane(lane).text;
    }

    @Override
    public int contextTokens(int lane) {
        return lane(lane).tokens.length;
    }

    @Override
    public int countTokens(String s) {
        return driver.tokenize(s).length;
    }

    @Override
    public List<List<String>> sample(int[] laneIds, int count, int maxNewTokens) {
        int[] frontierTokens = new int[laneIds.length];
        int[] frontierPositions = new int[laneIds.length];
        for (int j = 0; j < laneIds.length; j++) {
            Lane lane = consistentLane(laneIds[j]);
            frontierPositions[j] = lane.tokens.length - 1;
            frontierTokens[j] = lane.tokens[frontierPositions[j]];
        }
        return driver.sampleTexts(laneIds, frontierTokens, frontierPositions, count, maxNewTokens);
    }

    @Override
    public List<double[]> meanNllNats(int[] laneIds, List<List<String>> suffixes, ScoreSpan span) {
        return score(laneIds, suffixes, span, false);
    }

    @Override
    public List<double[]> meanNllNatsSeparately(int[] laneIds, List<List<String>> suffixes, ScoreSpan span) {
        return score(laneIds, suffixes, span, true);
    }

    private List<double[]> score(int[] laneIds, List<List<String>> suffixes, ScoreSpan span, boolean separately) {
        if (!scoresCandidates) {
            throw new IllegalStateException(name + " was opened as a generator only and keeps no running NLL");
        }
        List<ContextDriver.Branch> branches = new ArrayList<>();
        int[] contextCells = new int[lanes.length];
        for (int j = 0; j < laneIds.length; j++) {
            Lane lane = consistentLane(laneIds[j]);
            contextCells[laneIds[j]] = lane.tokens.length - 1;
            for (String suffix : suffixes.get(j)) {
                int[] full = driver.tokenize(lane.text + suffix);
                int from = Math.max(TokenPrefix.common(full, lane.tokens) - 1, 0);
                branches.add(new ContextDriver.Branch(laneIds[j], full, from, Math.max(full.length - 1, from)));
            }
        }
        double[][] tails;
        if (separately) {
            tails = new double[branches.size()][];
            for (int i = 0; i < tails.length; i++) {
                tails[i] = scoreAlone(branches.get(i), contextCells);
            }
        } else {
            tails = driver.scoreBranches(branches, contextCells);
        }
        List<double[]> out = new ArrayList<>(laneIds.length);
        int b = 0;
        for (int j = 0; j < laneIds.length; j++) {
            double[] cumNll = lanes[laneIds[j]].cumNll;
            double[] means = new double[suffixes.get(j).size()];
            for (int i = 0; i < means.length; i++, b++) {
                means[i] = mean(branches.get(b), tails[b], cumNll, span);
            }
            out.add(means);
        }
        return out;
    }

    /**
     * One branch in a decode of its own. A branch that starts before its lane's frontier re-decodes positions the lane
     * holds; decoded beside them, its own cells would come after the lane's (which it does not see), so one cell
     * further than from scratch, and the attention's sums would group their terms differently (measured on the tiny
     * evaluator, every row of a text scored so: 1 of 124 rows differs, by 2.2e-4 nats). So the lane lends it those
     * cells: it drops the positions from the branch point on, the branch is decoded into the cells they leave, and the
     * lane decodes its positions again afterwards, into the same cells and with the same arithmetic as before (none of
     * its rows is decoded alone, see {@link ContextDriver#decode}). If that fails, the lane is left without a usable
     * context, as after a failed {@link #append}.
     */
    private double[] scoreAlone(ContextDriver.Branch branch, int[] contextCells) {
        int laneId = branch.lane();
        int cached = contextCells[laneId];
        if (branch.from() >= cached) {
            return driver.scoreBranches(List.of(branch), contextCells)[0];
        }
        Lane lane = lanes[laneId];
        int[] lent = contextCells.clone();
        lent[laneId] = branch.from();
        lane.cacheMatchesTokens = false;
        driver.truncate(laneId, branch.from());
        double[] tail = null;
        RuntimeException failed = null;
        try {
            tail = driver.scoreBranches(List.of(branch), lent)[0];
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            driver.decode(List.of(new ContextDriver.Range(laneId, lane.tokens, branch.from(), cached)), false);
        } catch (ModelFailureException e) {
            lane.brokenBy = e;
            if (failed != null) {
                e.addSuppressed(failed);
            }
            throw e;
        }
        lane.cacheMatchesTokens = true;
        if (failed != null) {
            throw failed;
        }
        return tail;
    }

    private static double mean(ContextDriver.Branch branch, double[] tail, double[] cumNll, ScoreSpan span) {
        // Summed in position order from the prefix sum: the same additions as one pass over the whole sequence.
        double sum = span == ScoreSpan.FULL_SEQUENCE ? cumNll[branch.from()] : 0;
        for (double v : tail) {
            sum += v;
        }
        return span == ScoreSpan.FULL_SEQUENCE ? sum / (branch.tokens().length - 1)
                : tail.length == 0 ? Double.POSITIVE_INFINITY : sum / tail.length;
    }

    /** Proposals from now on draw with {@code seed} in every lane (see {@link Sampling#seed()}). */
    public void reseed(long seed) {
        driver.reseed(seed);
    }

    /** Lane {@code lane}'s proposals from now on draw with {@code seed}; no effect on an evaluator. */
    public void reseed(int lane, long seed) {
        driver.reseed(lane, seed);
    }

    @Override
    public void append(int[] laneIds, List<String> suffixes) {
        List<String> texts = new ArrayList<>(laneIds.length);
        List<int[]> tokens = new ArrayList<>(laneIds.length);
        for (int j = 0; j < laneIds.length; j++) {
            String next = consistentLane(laneIds[j]).text + suffixes.get(j);
            texts.add(next);
            tokens.add(driver.tokenize(next));
        }
        moveTo(laneIds, texts, tokens);
    }

    /** Scratch sequences that hold cells (for tests: every call removes its own). */
    int scratchSequencesInUse() {
        return driver.scratchSequencesInUse();
    }

    private Lane lane(int lane) {
        if (lane < 0 || lane >= started) {
            throw new IllegalArgumentException(name + ": lane " + lane + " is not in the current group of " + started);
        }
        return lanes[lane];
    }

    /**
     * Lane {@code lane}, which must hold its context.
     *
     * @throws ModelFailureException if a model failure left it without one (the lane stays unusable until the next
     *                               start, so an evaluator that failed is skipped for that item from then on)
     */
    private Lane consistentLane(int lane) {
        Lane l = lane(lane);
        if (l.brokenBy != null) {
            throw new ModelFailureException(name + ": lane " + lane + " has no usable context since an earlier failure ("
                    + l.brokenBy.getMessage() + ")", l.brokenBy);
        }
        if (!l.cacheMatchesTokens) {
            throw new IllegalStateException(name + " has no consistent context in lane " + lane + ": start an item"
                    + " first (an earlier update may have failed)");
        }
        return l;
    }

    /**
     * Re-bases each lane's cache on its new tokens: keeps the common prefix, decodes the rest but the new frontier,
     * all lanes in shared decodes. Every window is checked before any lane changes, so a lane that would overflow
     * leaves every lane as it was.
     */
    private void moveTo(int[] laneIds, List<String> newTexts, List<int[]> newTokens) {
        int[] from = new int[laneIds.length];
        int[] to = new int[laneIds.length];
        for (int j = 0; j < laneIds.length; j++) {
            from[j] = Math.max(TokenPrefix.common(newTokens.get(j), lanes[laneIds[j]].tokens) - 1, 0);
            to[j] = Math.max(newTokens.get(j).length - 1, from[j]);
            driver.checkWindow(to[j], "decode up to position " + to[j]);
        }
        List<ContextDriver.Range> ranges = new ArrayList<>(laneIds.length);
        for (int j = 0; j < laneIds.length; j++) {
            lanes[laneIds[j]].cacheMatchesTokens = false;
            driver.truncate(laneIds[j], from[j]);
            ranges.add(new ContextDriver.Range(laneIds[j], newTokens.get(j), from[j], to[j]));
        }
        double[][] nll;
        try {
            nll = driver.decode(ranges, scoresCandidates);
        } catch (ModelFailureException e) {
            for (int lane : laneIds) {
                lanes[lane].brokenBy = e;
            }
            throw e;
        }
        for (int j = 0; j < laneIds.length; j++) {
            Lane lane = lanes[laneIds[j]];
            if (scoresCandidates) {
                double[] cum = Arrays.copyOf(lane.cumNll, newTokens.get(j).length);
                for (int k = 0; k < nll[j].length; k++) {
                    cum[from[j] + k + 1] = cum[from[j] + k] + nll[j][k];
                }
                lane.cumNll = cum;
            }
            lane.text = newTexts.get(j);
            lane.tokens = newTokens.get(j);
            lane.cacheMatchesTokens = true;
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
