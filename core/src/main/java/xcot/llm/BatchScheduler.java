package xcot.llm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The single-threaded core of {@link BatchedGenerator}: a FIFO queue of requests, one {@link SequenceSlot} per
 * sequence id, and {@link #step()}, which makes one {@code llama_decode}. Every choice it makes (which slot a request
 * takes and whose cells it copies, in {@link SlotAdmission}; which prompt chunks fill the batch) depends only on the
 * queue's order and the requests, never on timing.
 *
 * <p>One step: (1) requests waiting for a shared prefix copy it once the source has decoded it; (2) queued requests
 * take free slots in order while the KV cache can hold them; (3) the batch gets one token of every generating
 * sequence (slot order), then prompt chunks of prefilling sequences (admission order) up to {@code n_batch};
 * (4) decode; (5) the rows are sampled (on several threads), and each sequence takes its token or ends.
 */
final class BatchScheduler implements AutoCloseable {
    private final Context context;
    private final Memory memory;
    private final Vocab vocab;
    /** Positions one sequence may use. */
    private final int window;
    private final boolean unified;
    private final SequenceSlot[] slots;
    private final CellLedger ledger;
    private final Batch batch;
    private final ParallelSampling sampling;
    private final byte[][][] pieces = new byte[2][][];
    private final ArrayDeque<Ticket> queue = new ArrayDeque<>();
    private final SlotAdmission admission;
    /** Sequences with tokens in the current batch. */
    private int sequencesInBatch;
    private final Stats stats = new Stats();
    /** The totals after the last step, for readers on other threads (clients report progress beside the decode). */
    private volatile BatchStats published;

    BatchScheduler(Context context, BatchOptions options) {
        if (options.parallel() > context.maxSequences()) {
            throw new BatchRejectedException("parallel " + options.parallel() + " exceeds the context's n_seq_max "
                    + context.maxSequences() + " (create the context with withSequences(" + options.parallel()
                    + ", ...))");
        }
        // parallel <= n_seq_max <= n_batch (ContextOptions): one token of every generating sequence fits a batch.
        this.context = context;
        this.memory = context.memory();
        this.vocab = context.model().vocab();
        this.window = context.sequenceContextTokens();
        this.unified = context.kvUnified() || context.maxSequences() == 1;
        this.slots = new SequenceSlot[options.parallel()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new SequenceSlot(i);
        }
        // The ledger mirrors the whole cache, so nothing else may hold cells: start from an empty memory.
        memory.clear(false);
        this.ledger = new CellLedger(context.contextTokens());
        this.batch = context.newBatch(context.batchTokens(), 1);
        this.sampling = new ParallelSampling(options.samplingThreads());
        this.admission = new SlotAdmission(memory, vocab, options, window, unified, slots, ledger);
        pieces[0] = new byte[vocab.size()][];
        pieces[1] = new byte[vocab.size()][];
        published = stats.snapshot();
    }

    /** Positions one sequence may use ({@code n_ctx_seq}). */
    int window() {
        return window;
    }

    /**
     * Throws for a request that can never run here: a prompt longer than the window
     * ({@link ContextOverflowException}), a token outside the vocabulary ({@link BatchRejectedException}).
     */
    void validate(SequenceRequest request) {
        if (request.promptTokens() > window) {
            throw new ContextOverflowException(request.promptTokens(), window,
                    "prompt of " + request.promptTokens() + " tokens");
        }
        for (int i = 0; i < request.promptTokens(); i++) {
            vocab.checkToken(request.promptToken(i));
        }
    }

    void enqueue(Ticket ticket) {
        queue.add(ticket);
    }

    boolean hasWork() {
        if (!queue.isEmpty()) {
            return true;
        }
        for (SequenceSlot s : slots) {
            if (!s.isFree()) {
                return true;
            }
        }
        return false;
    }

    /** The totals as of the last completed step; safe from any thread. */
    BatchStats stats() {
        return published;
    }

    /**
     * One decode step; returns the tickets that completed in it (finished or failed), in slot order.
     *
     * @throws LlamaException from the decode; the caller then {@link #abort aborts} the scheduler
     */
    List<Ticket> step() {
        long start = System.nanoTime();
        List<Ticket> done = new ArrayList<>();
        admission.copyReadyPrefixes();
        admission.admit(queue, done, start);
        int generationTokens = buildBatch();
        if (batch.size() == 0) {
            if (hasWork()) {
                throw new IllegalStateException("batch scheduler: requests in flight but nothing to decode");
            }
            return done;
        }
        if (unified && ledger.used() + batch.size() > ledger.capacity()) {
            throw new IllegalStateException("batch scheduler: " + batch.size() + " tokens do not fit beside "
                    + ledger.used() + " of " + ledger.capacity() + " KV cells (admission should have prevented this)");
        }
        long decodeStart = System.nanoTime();
        context.decode(batch);
        long decodeNanos = System.nanoTime() - decodeStart;
        afterDecode(decodeNanos, done);
        long stepNanos = System.nanoTime() - start;
        stats.step(decodeNanos, stepNanos, batch.size(), generationTokens, sequencesInBatch);
        published = stats.snapshot();
        return done;
    }

    /** Drops every request (queued and in flight) and empties the cache; returns their tickets. */
    List<Ticket> abort() {
        List<Ticket> dropped = new ArrayList<>();
        for (SequenceSlot s : slots) {
            if (s.active != null) {
                dropped.add(s.active.ticket);
                s.active.sampler.close();
                s.active = null;
            }
            s.truncate(0, ledger);
        }
        dropped.addAll(queue);
        queue.clear();
        if (!context.isClosed()) {   // closing the model first closes its contexts
            memory.clear(false);
        }
        return dropped;
    }

    @Override
    public void close() {
        abort();
        sampling.close();
        batch.close();
    }

    /** Fills the batch; returns how many of its tokens are generated ones (the rest are prompt tokens). */
    private int buildBatch() {
        batch.clear();
        int outputs = 0;
        for (SequenceSlot slot : slots) {
            ActiveSequence a = slot.active;
            if (a == null) {
                continue;
            }
            a.outputIndex = -1;
            a.outputRow = -1;
            a.tokensInBatch = 0;
            if (a.phase == ActiveSequence.Phase.GENERATING && a.pendingToken >= 0) {
                a.outputIndex = batch.add(a.pendingToken, slot.cachedCount(), true, slot.sequence);
                a.outputRow = outputs++;
                a.tokensInBatch = 1;
            }
        }
        int generationTokens = batch.size();
        List<SequenceSlot> prefilling = new ArrayList<>();
        for (SequenceSlot slot : slots) {
            if (slot.active != null && slot.active.phase == ActiveSequence.Phase.PREFILL) {
                prefilling.add(slot);
            }
        }
        prefilling.sort(Comparator.comparingLong(s -> s.active.admission));
        for (SequenceSlot slot : prefilling) {
            ActiveSequence a = slot.active;
            SequenceRequest r = a.request();
            if (slot.cachedCount() != a.promptCursor) {
                throw new IllegalStateException("sequence " + slot.sequence + " holds " + slot.cachedCount()
                        + " positions but its prompt continues at " + a.promptCursor);
            }
            int n = Math.min(batch.remaining(), r.promptTokens() - a.promptCursor);
            if (n == 0) {
                break;
            }
            for (int i = a.promptCursor; i < a.promptCursor + n; i++) {
                boolean last = i == r.promptTokens() - 1;
                int index = batch.add(r.promptToken(i), i, last, slot.sequence);
                if (last) {
                    a.outputIndex = index;
                    a.outputRow = outputs++;
                }
            }
            a.tokensInBatch = n;
        }
        sequencesInBatch = 0;
        for (SequenceSlot slot : slots) {
            if (slot.active != null && slot.active.tokensInBatch > 0) {
                sequencesInBatch++;
            }
        }
        return generationTokens;
    }

    private void afterDecode(long decodeNanos, List<Ticket> done) {
        List<ActiveSequence> sampled = new ArrayList<>();
        long now = System.nanoTime();
        for (SequenceSlot slot : slots) {
            ActiveSequence a = slot.active;
            if (a == null || a.tokensInBatch == 0) {
                continue;
            }
            a.decodeNanos += decodeNanos;
            if (a.phase == ActiveSequence.Phase.GENERATING) {
                slot.appendCell(a.pendingToken, ledger);
                a.pendingToken = -1;
            } else {
                for (int i = 0; i < a.tokensInBatch; i++) {
                    slot.appendCell(a.request().promptToken(a.promptCursor + i), ledger);
                }
                a.promptCursor += a.tokensInBatch;
                stats.promptDecoded(a.tokensInBatch);
                if (a.promptCursor == a.request().promptTokens()) {
                    a.prefillDone(now);
                    stats.promptReused(a.reusedPromptTokens);
                }
            }
            if (a.outputIndex >= 0 && a.wantsToken()) {
                sampled.add(a);
            }
        }
        if (!sampled.isEmpty()) {
            long samplingStart = System.nanoTime();
            int[] tokens = sampling.sample(context.logits(), sampled);
            stats.samplingNanos += System.nanoTime() - samplingStart;
            for (int i = 0; i < tokens.length; i++) {
                ActiveSequence a = sampled.get(i);
                int before = a.generatedCount();
                a.accept(tokens[i], vocab.isEndOfGeneration(tokens[i]), piece(tokens[i], a.request().renderSpecial()));
                stats.generated(a.generatedCount() - before);
            }
        }
        long end = System.nanoTime();
        for (SequenceSlot slot : slots) {
            ActiveSequence a = slot.active;
            if (a != null && a.isFinished()) {
                a.ticket.complete(a.result(end));
                a.sampler.close();
                slot.active = null;
                done.add(a.ticket);
                stats.finished();
            }
        }
    }

    private byte[] piece(int token, boolean renderSpecial) {
        byte[][] cache = pieces[renderSpecial ? 1 : 0];
        byte[] p = cache[token];
        if (p == null) {
            p = vocab.pieceBytes(token, renderSpecial);
            cache[token] = p;
        }
        return p;
    }

    /** Running totals behind {@link BatchStats}. */
    private static final class Stats {
        long steps, decodeNanos, samplingNanos, stepNanos, promptDecoded, promptReused, generated, generationSteps,
                generationStepNanos, generationStepTokens, sequences;
        int maxInFlight;

        void step(long decode, long step, int batchTokens, int generationTokens, int inFlight) {
            steps++;
            decodeNanos += decode;
            stepNanos += step;
            if (generationTokens == batchTokens) {
                generationSteps++;
                generationStepNanos += step;
                generationStepTokens += batchTokens;
            }
            maxInFlight = Math.max(maxInFlight, inFlight);
        }

        void promptDecoded(int n) {
            promptDecoded += n;
        }

        void promptReused(int n) {
            promptReused += n;
        }

        void generated(int n) {
            generated += n;
        }

        void finished() {
            sequences++;
        }

        BatchStats snapshot() {
            return new BatchStats(steps, decodeNanos, samplingNanos, stepNanos, promptDecoded, promptReused, generated,
                    generationSteps, generationStepNanos, generationStepTokens, sequences, maxInFlight);
        }
    }
}
