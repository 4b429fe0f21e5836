package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import xcot.gguf.GgufException;
import xcot.gguf.GgufKeys;
import xcot.llm.Batch;
import xcot.llm.Context;
import xcot.llm.ContextOptions.CacheType;
import xcot.llm.ContextOverflowException;
import xcot.llm.LlamaException;
import xcot.llm.Memory;
import xcot.llm.Model;
import xcot.llm.Sampler;
import xcot.llm.Vocab;

/**
 * The llama.cpp work both {@link EnsembleModel}s share, so that they differ only in what they keep between calls:
 * decoding token ranges into sequences (with the NLL of each successor), sampling continuations on copies of lane
 * sequences, and scoring several branches of lane sequences in one decode.
 *
 * <p><b>Lanes.</b> Lane {@code i} (one item) holds its context in sequence {@code i}; the sequences from
 * {@code lanes} on hold samples and candidates while they live. Every lane has the budget of a single-item context,
 * {@link #laneCells()} positions and cells, checked here before any decode, so a lane runs out of room exactly where
 * the same item alone would, and the cache as a whole (one window per lane) never does.
 *
 * <p>Owns one context (unified KV cache), its batch and the sampler chains; {@link #close()} frees them. The model
 * stays open (it belongs to the caller). One thread at a time.
 */
final class ContextDriver implements AutoCloseable {
    /** Values per Q8_0 block. */
    private static final int Q8_0_BLOCK = 32;

    private final Vocab vocab;
    private final Context context;
    private final Batch batch;
    private final int lanes;
    private final int laneCells;
    private final LaneSamplers samplers;
    /** The BOS token's text when tokenization adds one, else null; with it a text's own BOS is not doubled. */
    private final String bosText;

    ContextDriver(Model model, SessionOptions options, Sampling sampling) {
        checkCacheType(model, options.kvCacheType());
        this.vocab = model.vocab();
        this.lanes = options.lanes();
        this.bosText = vocab.addsBos() && vocab.bos() >= 0 && !options.doubleBos() ? vocab.text(vocab.bos()) : null;
        Context opened = model.newContext(options.contextOptions());
        try {
            this.batch = opened.newBatch(options.batchTokens(), options.maxSequences());
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        this.context = opened;
        this.laneCells = context.contextTokens() / lanes;
        this.samplers = new LaneSamplers(sampling, vocab, lanes);
    }

    /**
     * llama.cpp stores a quantized cache in blocks along each head, so every head's key and value length must be a
     * whole number of blocks; otherwise it refuses the context with only a log line.
     */
    private static void checkCacheType(Model model, CacheType type) {
        if (type != CacheType.Q8_0) {
            return;
        }
        try {
            String arch = model.gguf().architecture();
            var m = model.gguf().metadata();
            long heads = m.getLong(GgufKeys.headCount(arch));
            long key = m.findLong(GgufKeys.keyLength(arch)).orElse(m.getLong(GgufKeys.embeddingLength(arch)) / heads);
            long value = m.findLong(GgufKeys.valueLength(arch)).orElse(key);
            if (key % Q8_0_BLOCK != 0 || value % Q8_0_BLOCK != 0) {
                throw new IllegalArgumentException(model.path().getFileName() + ": a Q8_0 KV cache needs head sizes"
                        + " that are multiples of " + Q8_0_BLOCK + ", not " + key + "/" + value);
            }
        } catch (GgufException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // names the file
        }
    }

    /** Items this context holds at once. */
    int lanes() {
        return lanes;
    }

    /** Positions, and cells, one lane may use: its context plus its live samples or candidates. */
    int laneCells() {
        return laneCells;
    }

    /**
     * HF's {@code tokenizer(text)}: special-token text parsed, and the model's BOS added as it is configured, except
     * before a text that already starts with it (quirk Q2 fixed; {@link SessionOptions#doubleBos()} keeps both).
     */
    int[] tokenize(String text) {
        return vocab.tokenize(text, bosText == null || !text.startsWith(bosText), true);
    }

    /** HF's {@code decode(tokens, skip_special_tokens=True)}: control tokens vanish, user-defined ones stay. */
    String detokenize(int[] tokens) {
        return vocab.detokenize(tokens, false, false);
    }

    /** Forgets every sequence. */
    void clear() {
        context.memory().clear(false);
    }

    /** Forgets lane {@code lane}'s sequence. */
    void clearLane(int lane) {
        context.memory().removeSequence(checkLane(lane), -1, -1);
    }

    /**
     * Drops positions {@code from} and later from lane {@code lane}'s sequence.
     *
     * @throws LlamaException if the cache cannot remove part of a sequence (recurrent-state models cannot)
     */
    void truncate(int lane, int from) {
        dropPositions(checkLane(lane), from, -1);
    }

    private void dropPositions(int sequence, int from, int to) {
        if (!context.memory().removeSequence(sequence, from, to)) {
            throw new LlamaException("the KV cache of " + context.model().path().getFileName() + " cannot drop"
                    + " positions " + from + "+ of a sequence, which the ensemble needs");
        }
    }

    /**
     * A token range to decode into a sequence: {@code tokens[from, to)} at positions {@code from…}. With NLLs asked
     * for, the logits row of each decoded token scores its successor, so {@code to < tokens.length}.
     */
    record Range(int sequence, int[] tokens, int from, int to) {
        Range {
            if (from < 0 || to < from || to > tokens.length) {
                throw new IllegalArgumentException("range [" + from + ", " + to + ") of " + tokens.length + " tokens");
            }
        }

        int length() {
            return to - from;
        }
    }

    /**
     * Decodes {@code ranges}, packed in order into batches (a batch may end one range and start the next). With
     * {@code withNll}, returns per range {@code nll[k] = −ln p(tokens[from+k+1])}; else null. Every window is checked
     * before the first decode.
     *
     * <p><b>No batch of one row.</b> Without flash attention, llama.cpp weights the V cache by the attention
     * probabilities in a matrix product over the cache's cells. From two batch rows on, llamafile's sgemm computes it
     * in F32; a one-row batch goes to ggml's F16 dot product instead, which on CPUs with AVX512-FP16 (Intel Sapphire
     * Rapids and later; not AMD Zen 4) accumulates in half precision. Measured on the tiny evaluator on such a Xeon: a
     * row decoded alone differs from the same row decoded in a batch at 66 of 124 positions, by up to 1.0e-3 nats;
     * decoded in pairs, at none; with a llama.cpp build without AVX512-FP16 on the same machine, at none either (the
     * AMX weight kernels, on or off, make no difference). So the rows are split so that no batch holds exactly one
     * (127 + 2 rather than 128 + 1), and a decode of a single row also decodes the range's next token, at the next
     * position of the same sequence, and drops that cell again at once; only where there is no next token, or no room
     * for it in the lane's window, does a row go alone.
     */
    double[][] decode(List<Range> ranges, boolean withNll) {
        return decode(ranges, withNll, true);
    }

    /** @param roomForNextToken whether the lane has a cell for a single row's next token beyond its positions */
    private double[][] decode(List<Range> ranges, boolean withNll, boolean roomForNextToken) {
        for (Range r : ranges) {
            checkWindow(r.to(), "decode up to position " + r.to());
            if (withNll && r.length() > 0 && r.to() >= r.tokens().length) {
                throw new IllegalArgumentException("the last token of a range scored for NLL has no successor");
            }
        }
        double[][] nll = withNll ? new double[ranges.size()][] : null;
        if (withNll) {
            for (int r = 0; r < ranges.size(); r++) {
                nll[r] = new double[ranges.get(r).length()];
            }
        }
        int total = ranges.stream().mapToInt(Range::length).sum();
        Range padded = total == 1 && roomForNextToken ? paddable(ranges) : null;
        int[] rangeOf = new int[Math.min(total, batch.capacity())];
        int[] offsetOf = new int[rangeOf.length];
        int r = 0;
        int k = 0;
        while (total > 0) {
            batch.clear();
            int rows = Math.min(total, batch.capacity());
            if (total - rows == 1) {
                rows--;
            }
            while (batch.size() < rows) {
                Range range = ranges.get(r);
                if (k == range.length()) {
                    r++;
                    k = 0;
                    continue;
                }
                int position = range.from() + k;
                rangeOf[batch.size()] = r;
                offsetOf[batch.size()] = k;
                batch.add(range.tokens()[position], position, withNll, range.sequence());
                k++;
            }
            total -= rows;
            if (padded != null) {
                batch.add(padded.tokens()[padded.to()], padded.to(), withNll, padded.sequence());
            }
            context.decode(batch);
            if (padded != null) {
                // A failed decode has already dropped its cells; a recurrent state cannot drop one position.
                dropPositions(padded.sequence(), padded.to(), padded.to() + 1);
            }
            if (withNll) {
                int[] rowIndex = new int[rows];
                int[] next = new int[rows];
                double[] logProbs = new double[rows];
                for (int i = 0; i < rows; i++) {
                    Range range = ranges.get(rangeOf[i]);
                    rowIndex[i] = i;
                    next[i] = range.tokens()[range.from() + offsetOf[i] + 1];
                }
                context.logits().logProbsNats(rowIndex, next, logProbs);
                for (int i = 0; i < rows; i++) {
                    nll[rangeOf[i]][offsetOf[i]] = -logProbs[i];
                }
            }
        }
        return nll;
    }

    /**
     * The one range with a row to decode, if its next token can be decoded with it (see {@link #decode}): there is
     * one, and its position is inside the lane's window.
     */
    private Range paddable(List<Range> ranges) {
        for (Range r : ranges) {
            if (r.length() == 1) {
                return r.to() < r.tokens().length && r.to() < laneCells ? r : null;
            }
        }
        throw new IllegalStateException("no range holds the single row");
    }

    /**
     * {@link #sample}, each continuation detokenized as the ensemble proposes it; per lane, in the order of
     * {@code laneIds}.
     */
    List<List<String>> sampleTexts(int[] laneIds, int[] frontierTokens, int[] frontierPositions, int count,
                                   int maxNewTokens) {
        List<List<String>> out = new ArrayList<>(laneIds.length);
        for (List<int[]> lane : sample(laneIds, frontierTokens, frontierPositions, count, maxNewTokens)) {
            List<String> texts = new ArrayList<>(count);
            for (int[] continuation : lane) {
                texts.add(detokenize(continuation));
            }
            out.add(texts);
        }
        return out;
    }

    /**
     * Samples {@code count} continuations of at most {@code maxNewTokens} tokens for every lane in {@code laneIds},
     * after a context whose last token {@code frontierTokens[j]} sits at {@code frontierPositions[j]} and is not in
     * the cache (the lane's sequence holds the positions before it). Each lane's sequence is copied into
     * {@code count} scratch sequences (metadata only in a unified cache), its frontier token is decoded once for all
     * of them, each scratch sequence samples with its own seeded chain (reset first, so one context always yields
     * the same samples), and all lanes step together, one decode per token. The copies are removed at the end. An
     * end-of-generation token ends its sequence and is not returned. As many lanes step together as the scratch
     * sequences and the batch hold; the rest follow in further rounds.
     */
    List<List<int[]>> sample(int[] laneIds, int[] frontierTokens, int[] frontierPositions, int count,
                             int maxNewTokens) {
        samplers.requireSampling();
        int scratch = context.maxSequences() - lanes;
        if (count > scratch || count > batch.capacity()) {
            throw new IllegalArgumentException(count + " samples need " + (count + lanes) + " sequences and a batch"
                    + " of " + count + "; the context has " + context.maxSequences() + " and " + batch.capacity());
        }
        for (int j = 0; j < laneIds.length; j++) {
            checkLane(laneIds[j]);
            checkWindow(frontierPositions[j] + maxNewTokens, "sampling " + maxNewTokens + " tokens");
            checkLaneCells(frontierPositions[j] + count * maxNewTokens, count + " samples of " + maxNewTokens
                    + " tokens");
        }
        int lanesPerRound = Math.min(scratch / count, batch.capacity() / count);
        List<List<int[]>> out = new ArrayList<>(laneIds.length);
        for (int first = 0; first < laneIds.length; first += lanesPerRound) {
            int end = Math.min(laneIds.length, first + lanesPerRound);
            out.addAll(sampleRound(Arrays.copyOfRange(laneIds, first, end),
                    Arrays.copyOfRange(frontierTokens, first, end), Arrays.copyOfRange(frontierPositions, first, end),
                    count, maxNewTokens));
        }
        return out;
    }

    private List<List<int[]>> sampleRound(int[] laneIds, int[] frontierTokens, int[] frontierPositions, int count,
                                          int maxNewTokens) {
        int n = laneIds.length * count;
        int[] sequences = new int[n];
        Sampler[] chains = new Sampler[n];
        for (int i = 0; i < n; i++) {
            sequences[i] = lanes + i;
        }
        Memory memory = context.memory();
        try {
            for (int i = 0; i < n; i++) {
                int lane = laneIds[i / count];
                memory.copySequence(lane, sequences[i], -1, -1);
                chains[i] = samplers.reset(lane, i % count);
            }
            return sampleCopies(frontierTokens, frontierPositions, sequences, chains, count, maxNewTokens);
        } finally {
            for (int seq : sequences) {
                memory.removeSequence(seq, -1, -1);
            }
        }
    }

    /** Sequence {@code i} continues lane {@code i / count}; returns per lane its {@code count} continuations. */
    private List<List<int[]>> sampleCopies(int[] frontierTokens, int[] frontierPositions, int[] sequences,
                                           Sampler[] chains, int count, int maxNewTokens) {
        int n = sequences.length;
        int[][] out = new int[n][maxNewTokens];
        int[] lengths = new int[n];
        boolean[] done = new boolean[n];
        int[] batchIndex = new int[n];
        batch.clear();
        for (int j = 0; j < frontierTokens.length; j++) {
            int index = batch.add(frontierTokens[j], frontierPositions[j], true,
                    Arrays.copyOfRange(sequences, j * count, (j + 1) * count));
            Arrays.fill(batchIndex, j * count, (j + 1) * count, index);
        }
        context.decode(batch);
        while (true) {
            boolean anyActive = false;
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                int token = chains[i].sample(context, batchIndex[i]);
                if (vocab.isEndOfGeneration(token)) {
                    done[i] = true;
                    continue;
                }
                out[i][lengths[i]++] = token;
                done[i] = lengths[i] == maxNewTokens;
                anyActive |= !done[i];
            }
            if (!anyActive) {
                break;
            }
            batch.clear();
            for (int i = 0; i < n; i++) {
                if (!done[i]) {
                    batchIndex[i] = batch.add(out[i][lengths[i] - 1], frontierPositions[i / count] + lengths[i], true,
                            sequences[i]);
                }
            }
            context.decode(batch);
        }
        List<List<int[]>> samples = new ArrayList<>(frontierTokens.length);
        for (int j = 0; j < frontierTokens.length; j++) {
            List<int[]> lane = new ArrayList<>(count);
            for (int i = j * count; i < (j + 1) * count; i++) {
                lane.add(Arrays.copyOf(out[i], lengths[i]));
            }
            samples.add(lane);
        }
        return samples;
    }

    /**
     * Scores branches of lane sequences: branch {@code b} shares its lane's cells before {@code b.from()} and decodes
     * its own {@code tokens[from, to)}. As many branches as fit go into one decode, each as its own sequence with
     * logits on every token; a branch longer than a batch is decoded alone, in batches. Every branch's sequence is
     * removed afterwards. Returns per branch the NLLs of {@code tokens[from+1 … to]}.
     *
     * @param contextCells per lane, the cells its context holds (all positions but the frontier)
     */
    double[][] scoreBranches(List<Branch> branches, int[] contextCells) {
        for (Branch b : branches) {
            checkLane(b.lane());
            checkWindow(b.to(), "a candidate up to position " + b.to());
        }
        int scratch = context.maxSequences() - lanes;
        double[][] nll = new double[branches.size()][];
        int i = 0;
        while (i < branches.size()) {
            int used = 0;
            int end = i;
            while (end < branches.size() && end - i < scratch
                    && (end == i || used + branches.get(end).length() <= batch.capacity())) {
                used += branches.get(end).length();
                end++;
            }
            List<Branch> group = branches.subList(i, end);
            checkCandidateCells(group, contextCells);
            if (group.size() == 1 && used > batch.capacity()) {
                nll[i] = scoreAlone(group.getFirst());
            } else {
                scoreTogether(group, nll, i, used != 1 || roomForNextToken(group, contextCells));
            }
            i = end;
        }
        return nll;
    }

    /** Per lane in {@code group}: its context plus its candidates of this decode must fit its cells. */
    private void checkCandidateCells(List<Branch> group, int[] contextCells) {
        int[] candidateTokens = new int[lanes];
        int[] candidates = new int[lanes];
        for (Branch b : group) {
            candidateTokens[b.lane()] += b.length();
            candidates[b.lane()]++;
        }
        for (int lane = 0; lane < lanes; lane++) {
            if (candidates[lane] > 0) {
                checkLaneCells(contextCells[lane] + candidateTokens[lane], candidates[lane] + " candidates of "
                        + candidateTokens[lane] + " tokens");
            }
        }
    }

    private double[] scoreAlone(Branch branch) {
        int seq = lanes;
        Memory memory = context.memory();
        try {
            memory.copySequence(branch.lane(), seq, 0, branch.from());
            return decode(List.of(new Range(seq, branch.tokens(), branch.from(), branch.to())), true)[0];
        } finally {
            memory.removeSequence(seq, -1, -1);
        }
    }

    /**
     * Whether the lane of a group's only row has a cell to spare for the row's next token (see {@link #decode}):
     * the lane holds its context, the row and that token.
     */
    private boolean roomForNextToken(List<Branch> group, int[] contextCells) {
        for (Branch b : group) {
            if (b.length() == 1) {
                return contextCells[b.lane()] + 2 <= laneCells;
            }
        }
        throw new IllegalStateException("no branch holds the single row");
    }

    /** @param roomForNextToken whether a single row's next token fits the lane's cells (see {@link #decode}) */
    private void scoreTogether(List<Branch> group, double[][] nll, int firstIndex, boolean roomForNextToken) {
        Memory memory = context.memory();
        List<Range> ranges = new ArrayList<>(group.size());
        try {
            for (int g = 0; g < group.size(); g++) {
                Branch b = group.get(g);
                memory.copySequence(b.lane(), lanes + g, 0, b.from());
                ranges.add(new Range(lanes + g, b.tokens(), b.from(), b.to()));
            }
            double[][] scored = decode(ranges, true, roomForNextToken);
            System.arraycopy(scored, 0, nll, firstIndex, scored.length);
        } finally {
            for (int g = 0; g < group.size(); g++) {
                memory.removeSequence(lanes + g, -1, -1);
            }
        }
    }

    /**
     * One candidate's tokens and the part of them to decode.
     *
     * @param lane whose context the candidate continues
     * @param tokens {@code tokenize(context + candidate)}
     * @param from first position decoded in the branch's own sequence (positions before it are shared)
     * @param to end of the decoded range, exclusive; {@code tokens[to]} is scored but not decoded
     */
    record Branch(int lane, int[] tokens, int from, int to) {
        Branch {
            if (from < 0 || to < from || to >= Math.max(tokens.length, 1)) {
                throw new IllegalArgumentException("branch [" + from + ", " + to + ") of " + tokens.length + " tokens");
            }
        }

        int length() {
            return to - from;
        }
    }

    /** Every lane samples from now on with seed {@code seed} (the chains are rebuilt on next use). */
    void reseed(long seed) {
        for (int lane = 0; lane < lanes; lane++) {
            samplers.reseed(lane, seed);
        }
    }

    /** Lane {@code lane} samples from now on with seed {@code seed}. */
    void reseed(int lane, long seed) {
        samplers.reseed(checkLane(lane), seed);
    }

    /** Scratch sequences that hold cells: samples or candidates left behind (none, between calls). */
    int scratchSequencesInUse() {
        int inUse = 0;
        for (int seq = lanes; seq < context.maxSequences(); seq++) {
            if (context.memory().positionMax(seq) >= 0) {
                inUse++;
            }
        }
        return inUse;
    }

    private int checkLane(int lane) {
        if (lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException("lane " + lane + " outside [0, " + lanes + ")");
        }
        return lane;
    }

    /** Positions of one lane: the single-item window. */
    void checkWindow(int positionsNeeded, String what) {
        if (positionsNeeded > laneCells) {
            throw new ContextOverflowException(positionsNeeded, laneCells, what);
        }
    }

    /** The cells one lane's live sequences hold; shared prefix cells count once. */
    private void checkLaneCells(int cellsNeeded, String what) {
        if (cellsNeeded > laneCells) {
            throw new ContextOverflowException(cellsNeeded, laneCells, what);
        }
    }

    @Override
    public void close() {
        samplers.close();
        context.close();
    }
}
