package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import xcot.llm.Batch;
import xcot.llm.Context;
import xcot.llm.ContextOverflowException;
import xcot.llm.LlamaException;
import xcot.llm.Logits;
import xcot.llm.Memory;
import xcot.llm.Model;
import xcot.llm.Sampler;
import xcot.llm.Vocab;

/**
 * The llama.cpp work both {@link EnsembleModel}s share, so that they differ only in what they keep between calls:
 * decoding a token range into a sequence (with the NLL of each successor), sampling continuations on copies of
 * sequence 0, and scoring several branches of sequence 0 in one decode.
 *
 * <p>Owns one context (unified KV cache), its batch and the sampler chains; {@link #close()} frees them. The model
 * stays open (it belongs to the caller).
 */
final class ContextDriver implements AutoCloseable {
    /** Sequence 0 holds the context; the others hold samples and candidates while they live. */
    static final int CONTEXT_SEQUENCE = 0;

    private final Vocab vocab;
    private final Context context;
    private final Batch batch;
    private Sampling sampling;
    private final List<Sampler> samplers = new ArrayList<>();
    /** The BOS token's text when tokenization adds one, else null; with it a text's own BOS is not doubled. */
    private final String bosText;

    ContextDriver(Model model, SessionOptions options, Sampling sampling) {
        this.vocab = model.vocab();
        this.context = model.newContext(options.contextOptions());
        this.batch = context.newBatch(options.batchTokens(), options.maxSequences());
        this.sampling = sampling;
        this.bosText = vocab.addsBos() && vocab.bos() >= 0 && !options.doubleBos() ? vocab.text(vocab.bos()) : null;
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

    /**
     * Drops positions {@code from} and later from sequence 0.
     *
     * @throws LlamaException if the cache cannot remove part of a sequence (recurrent-state models cannot)
     */
    void truncateContext(int from) {
        if (!context.memory().removeSequence(CONTEXT_SEQUENCE, from, -1)) {
            throw new LlamaException("the KV cache of " + context.model().path().getFileName() + " cannot drop"
                    + " positions " + from + "+ of a sequence, which the incremental ensemble needs");
        }
    }

    /**
     * Decodes {@code tokens[from, to)} at positions {@code from…} into {@code sequence}, in batches. With {@code nll}
     * non-null, each decoded token's logits row scores its successor: {@code nll[k] = −ln p(tokens[from+k+1])} for
     * {@code k < to − from}, so {@code to < tokens.length}.
     */
    void decode(int[] tokens, int from, int to, int sequence, double[] nll) {
        checkWindow(to, "decode up to position " + to);
        for (int start = from; start < to; start += batch.capacity()) {
            int end = Math.min(to, start + batch.capacity());
            batch.clear();
            for (int i = start; i < end; i++) {
                batch.add(tokens[i], i, nll != null, sequence);
            }
            context.decode(batch);
            if (nll != null) {
                int n = end - start;
                int[] rows = new int[n];
                int[] next = new int[n];
                double[] logProbs = new double[n];
                for (int k = 0; k < n; k++) {
                    rows[k] = k;
                    next[k] = tokens[start + k + 1];
                }
                context.logits().logProbsNats(rows, next, logProbs);
                for (int k = 0; k < n; k++) {
                    nll[start - from + k] = -logProbs[k];
                }
            }
        }
    }

    /** {@link #sample}, each continuation detokenized as the ensemble proposes it. */
    List<String> sampleTexts(int frontierToken, int frontierPosition, int count, int maxNewTokens) {
        List<String> out = new ArrayList<>(count);
        for (int[] continuation : sample(frontierToken, frontierPosition, count, maxNewTokens)) {
            out.add(detokenize(continuation));
        }
        return out;
    }

    /**
     * Samples {@code count} continuations of at most {@code maxNewTokens} tokens after a context whose last token
     * {@code frontierToken} sits at {@code frontierPosition} and is not in the cache (sequence 0 holds the positions
     * before it). Sequence 0 is copied into sequences 1..count (metadata only in a unified cache), the frontier token
     * is decoded once for all of them, each sequence samples with its own seeded chain (reset first, so one context
     * always yields the same samples), and the copies are removed at the end. An end-of-generation token ends its
     * sequence and is not returned.
     */
    List<int[]> sample(int frontierToken, int frontierPosition, int count, int maxNewTokens) {
        if (sampling == null) {
            throw new IllegalStateException("this model was opened without sampling settings (evaluator only)");
        }
        if (count + 1 > context.maxSequences()) {
            throw new IllegalArgumentException(count + " samples need " + (count + 1) + " sequences; the context has "
                    + context.maxSequences());
        }
        checkWindow(frontierPosition + maxNewTokens, "sampling " + maxNewTokens + " tokens");
        checkCells(frontierPosition + count * maxNewTokens, count + " samples of " + maxNewTokens + " tokens");
        Memory memory = context.memory();
        int[] sequences = new int[count];
        for (int s = 0; s < count; s++) {
            sequences[s] = s + 1;
            memory.copySequence(CONTEXT_SEQUENCE, s + 1, -1, -1);
            sampler(s).reset();
        }
        try {
            return sampleCopies(frontierToken, frontierPosition, sequences, maxNewTokens);
        } finally {
            for (int seq : sequences) {
                memory.removeSequence(seq, -1, -1);
            }
        }
    }

    private List<int[]> sampleCopies(int frontierToken, int frontierPosition, int[] sequences, int maxNewTokens) {
        int count = sequences.length;
        int[][] out = new int[count][maxNewTokens];
        int[] lengths = new int[count];
        boolean[] done = new boolean[count];
        int[] batchIndex = new int[count];
        batch.clear();
        batch.add(frontierToken, frontierPosition, true, sequences);
        context.decode(batch);
        while (true) {
            boolean anyActive = false;
            for (int s = 0; s < count; s++) {
                if (done[s]) {
                    continue;
                }
                int token = samplers.get(s).sample(context, batchIndex[s]);
                if (vocab.isEndOfGeneration(token)) {
                    done[s] = true;
                    continue;
                }
                out[s][lengths[s]++] = token;
                done[s] = lengths[s] == maxNewTokens;
                anyActive |= !done[s];
            }
            if (!anyActive) {
                break;
            }
            batch.clear();
            for (int s = 0; s < count; s++) {
                if (!done[s]) {
                    batchIndex[s] = batch.add(out[s][lengths[s] - 1], frontierPosition + lengths[s], true, sequences[s]);
                }
            }
            context.decode(batch);
        }
        List<int[]> samples = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            samples.add(Arrays.copyOf(out[s], lengths[s]));
        }
        return samples;
    }

    /**
     * Scores branches of sequence 0: branch {@code b} shares sequence 0's cells before {@code branches[b].from()}
     * and decodes its own {@code tokens[from, to)}. As many branches as fit go into one decode, each as its own
     * sequence with logits on every token; a branch longer than a batch is decoded alone, in batches. Every
     * branch's sequence is removed afterwards. Returns per branch the NLLs of {@code tokens[from+1 … to]}.
     */
    double[][] scoreBranches(List<Branch> branches, int contextCells) {
        double[][] nll = new double[branches.size()][];
        int i = 0;
        while (i < branches.size()) {
            int used = 0;
            int end = i;
            while (end < branches.size() && end - i < context.maxSequences() - 1
                    && (end == i || used + branches.get(end).length() <= batch.capacity())) {
                used += branches.get(end).length();
                end++;
            }
            checkCells(contextCells + used, (end - i) + " candidates of " + used + " tokens");
            if (end - i == 1 && used > batch.capacity()) {
                nll[i] = scoreAlone(branches.get(i));
            } else {
                scoreTogether(branches.subList(i, end), nll, i);
            }
            i = end;
        }
        return nll;
    }

    private double[] scoreAlone(Branch branch) {
        int seq = 1;
        context.memory().copySequence(CONTEXT_SEQUENCE, seq, 0, branch.from());
        try {
            double[] nll = new double[branch.length()];
            decode(branch.tokens(), branch.from(), branch.to(), seq, nll);
            return nll;
        } finally {
            context.memory().removeSequence(seq, -1, -1);
        }
    }

    private void scoreTogether(List<Branch> group, double[][] nll, int firstIndex) {
        Memory memory = context.memory();
        batch.clear();
        int rows = 0;
        for (int g = 0; g < group.size(); g++) {
            Branch b = group.get(g);
            checkWindow(b.to(), "a candidate up to position " + b.to());
            memory.copySequence(CONTEXT_SEQUENCE, g + 1, 0, b.from());
            for (int p = b.from(); p < b.to(); p++) {
                batch.add(b.tokens()[p], p, true, g + 1);
            }
            rows += b.length();
        }
        try {
            if (rows > 0) {
                context.decode(batch);
                int[] rowIndex = new int[rows];
                int[] next = new int[rows];
                int r = 0;
                for (Branch b : group) {
                    for (int p = b.from(); p < b.to(); p++, r++) {
                        rowIndex[r] = r;
                        next[r] = b.tokens()[p + 1];
                    }
                }
                double[] logProbs = new double[rows];
                Logits logits = context.logits();
                logits.logProbsNats(rowIndex, next, logProbs);
                r = 0;
                for (int g = 0; g < group.size(); g++) {
                    double[] branchNll = new double[group.get(g).length()];
                    for (int k = 0; k < branchNll.length; k++) {
                        branchNll[k] = -logProbs[r++];
                    }
                    nll[firstIndex + g] = branchNll;
                }
            } else {
                for (int g = 0; g < group.size(); g++) {
                    nll[firstIndex + g] = new double[0];
                }
            }
        } finally {
            for (int g = 0; g < group.size(); g++) {
                memory.removeSequence(g + 1, -1, -1);
            }
        }
    }

    /**
     * One candidate's tokens and the part of them to decode.
     *
     * @param tokens {@code tokenize(context + candidate)}
     * @param from first position decoded in the branch's own sequence (positions before it are shared)
     * @param to end of the decoded range, exclusive; {@code tokens[to]} is scored but not decoded
     */
    record Branch(int[] tokens, int from, int to) {
        Branch {
            if (from < 0 || to < from || to >= Math.max(tokens.length, 1)) {
                throw new IllegalArgumentException("branch [" + from + ", " + to + ") of " + tokens.length + " tokens");
            }
        }

        int length() {
            return to - from;
        }
    }

    /** Samples from now on with seed {@code seed} (the chains are rebuilt on next use). */
    void reseed(long seed) {
        if (sampling == null || sampling.seed() == seed) {
            return;
        }
        samplers.forEach(Sampler::close);
        samplers.clear();
        sampling = sampling.withSeed(seed);
    }

    private Sampler sampler(int slot) {
        while (samplers.size() <= slot) {
            samplers.add(Sampler.chain(sampling.steps(samplers.size()), vocab));
        }
        return samplers.get(slot);
    }

    private void checkWindow(int positionsNeeded, String what) {
        if (positionsNeeded > context.sequenceContextTokens()) {
            throw new ContextOverflowException(positionsNeeded, context.sequenceContextTokens(), what);
        }
    }

    /** The unified cache holds every live sequence's cells; shared prefix cells count once. */
    private void checkCells(int cellsNeeded, String what) {
        if (cellsNeeded > context.contextTokens()) {
            throw new ContextOverflowException(cellsNeeded, context.contextTokens(), what);
        }
    }

    @Override
    public void close() {
        for (Sampler s : samplers) {
            s.close();
        }
        context.close();
    }
}
