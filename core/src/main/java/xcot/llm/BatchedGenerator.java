package xcot.llm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many generations on one {@link Context}, decoded together: every step is one {@code llama_decode} holding the next
 * token of every generating sequence plus prompt chunks of newcomers, up to {@code n_batch} tokens (continuous
 * batching, as llama-server does). When a sequence ends, its slot takes the next queued request in the same step.
 * Each request has its own sampler chain (seeded per request), budget, stop condition and stop reason, with
 * {@link Generator}'s rules. Greedy rows are sampled by an in-place argmax; the rows of one step are sampled on
 * {@link BatchOptions#samplingThreads()} threads.
 *
 * <p><b>Shared prefixes.</b> A request whose prompt starts like the cells another sequence holds (or is about to
 * hold: a prompt being prefilled) copies those cells with {@code llama_memory_seq_cp} instead of decoding them again;
 * if they are still being prefilled it waits for them. A free slot keeps its cells, so a request that continues an
 * earlier one (pass 2 of a chain of thought built from pass 1's tokens) decodes only what is new. Copies between
 * sequences need a unified KV cache ({@code kv_unified}: copying part of a sequence between the separate buffers of a
 * non-unified cache aborts in llama.cpp); without one only a slot's own cells are reused.
 *
 * <p><b>Memory.</b> The engine owns the context's KV cache: it clears it when created and mirrors its cells in Java.
 * With a unified cache, a request is admitted only when every sequence in flight, grown to its prompt plus budget
 * (within the window), still fits in {@code n_ctx}; otherwise it waits, and so does everything queued after it. Free
 * slots' leftover cells are dropped first (lowest slot id first). With separate buffers each sequence has its own
 * {@code n_ctx / n_seq_max} positions, which the window check already guarantees.
 *
 * <p><b>Determinism.</b> The schedule (which sequences share each decode, in which order newcomers are admitted and
 * which cells they reuse) is a pure function of the order requests are queued in and the requests themselves:
 * <ul>
 *   <li>{@link #generateAll(List)} queues the list in order;</li>
 *   <li>{@link #runClients(List)} runs one script per client on its own virtual thread. A client woken by the results
 *   of one step may keep computing through the next ({@link ClientCoordinator#LAG}); before the step after that the
 *   engine waits for it, and what it submitted joins the queue there, in client order. A request's place in the queue
 *   is thus fixed by the step whose results it was built from, whatever the threads' timing. The same scripts on the
 *   same context options therefore give the same batches, and (on one machine and build) the same tokens.</li>
 * </ul>
 * Whether a sequence's logits depend on what it is batched with is a property of llama.cpp's kernels, not of this
 * schedule; see {@code BatchDeterminismTest} for what was measured and what is guaranteed.
 *
 * <p>Owns a batch of {@code n_batch} tokens, one sampler per sequence in flight and the sampling threads; {@link
 * #close()} frees them (the context stays open). Use from one thread at a time; the clients of {@link #runClients}
 * are the exception it coordinates.
 */
public final class BatchedGenerator implements AutoCloseable {
    private final BatchScheduler scheduler;
    private boolean closed;

    /**
     * @throws BatchRejectedException if {@code options.parallel()} exceeds the context's {@code n_seq_max}
     */
    public BatchedGenerator(Context context, BatchOptions options) {
        this.scheduler = new BatchScheduler(context, options);
    }

    /** Positions one sequence may use (the context's {@code n_ctx_seq}). */
    public int window() {
        return scheduler.window();
    }

    /** Totals since this engine was created, as of the last completed step; safe to call from a client. */
    public BatchStats stats() {
        return scheduler.stats();
    }

    /**
     * Generates every request, admitted in list order; results in list order.
     *
     * @throws ContextOverflowException if a prompt is longer than the window (checked before anything runs)
     * @throws BatchRejectedException if a prompt holds a token outside the vocabulary (likewise)
     */
    public List<Generation> generateAll(List<SequenceRequest> requests) {
        checkOpen();
        for (int i = 0; i < requests.size(); i++) {
            try {
                scheduler.validate(requests.get(i));
            } catch (LlamaException e) {
                throw withIndex(e, i, requests.size());
            }
        }
        List<Ticket> tickets = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Ticket t = new Ticket(requests.get(i), 0, i);
            tickets.add(t);
            scheduler.enqueue(t);
        }
        try {
            while (scheduler.hasWork()) {
                scheduler.step();
            }
        } catch (RuntimeException e) {
            scheduler.abort();
            throw e;
        }
        List<Generation> results = new ArrayList<>(tickets.size());
        for (Ticket t : tickets) {
            results.add(t.outcome());
        }
        return results;
    }

    /**
     * Runs each script on its own virtual thread with a {@link GenerationClient}, decoding on the calling thread until
     * every script has returned; returns their values in script order. The schedule depends only on the scripts
     * (see the class comment). A script may block only in its client's calls: the engine waits for every running
     * script soon after it wakes, so a script waiting for another script's result would stall them all.
     *
     * @throws ClientScriptException for the first script (by index) that threw, after all have ended
     * @throws LlamaException if a decode failed; every script's pending and later generate calls threw it too
     */
    public <R> List<R> runClients(List<? extends ClientScript<? extends R>> scripts) {
        checkOpen();
        int n = scripts.size();
        ClientCoordinator coordinator = new ClientCoordinator(n, scheduler::validate);
        Object[] values = new Object[n];
        Throwable[] failures = new Throwable[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int index = i;
            threads[i] = Thread.ofVirtual().name("xcot-client-" + i).start(() -> {
                try {
                    values[index] = scripts.get(index).run(coordinator.client(index));
                } catch (Throwable t) {
                    failures[index] = t;
                } finally {
                    coordinator.finished(index);
                }
            });
        }
        RuntimeException engineFailure = null;
        try {
            while (true) {
                coordinator.awaitBoundary().forEach(scheduler::enqueue);
                if (!scheduler.hasWork()) {
                    coordinator.awaitAll().forEach(scheduler::enqueue);
                }
                if (!scheduler.hasWork()) {
                    if (!coordinator.hasLiveClients()) {
                        break;
                    }
                    throw new IllegalStateException("clients are blocked but no request is queued");
                }
                coordinator.deliver(scheduler.step());
            }
        } catch (RuntimeException e) {
            engineFailure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engineFailure = new LlamaException("interrupted while decoding for clients", e);
        }
        if (engineFailure != null) {
            for (Ticket t : scheduler.abort()) {
                t.fail(engineFailure);
            }
            coordinator.stop(engineFailure);
        }
        Threads.joinAll(threads);
        if (engineFailure != null) {
            throw engineFailure;
        }
        for (int i = 0; i < n; i++) {
            if (failures[i] != null) {
                throw new ClientScriptException(i, failures[i]);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> results = (List<R>) Arrays.asList(values);
        return results;
    }

    private static LlamaException withIndex(LlamaException e, int index, int count) {
        if (e instanceof ContextOverflowException c) {
            return new ContextOverflowException(c.positionsNeeded(), c.contextTokens(),
                    "request " + index + " of " + count + ": prompt of " + c.positionsNeeded() + " tokens");
        }
        return new BatchRejectedException("request " + index + " of " + count + ": " + e.getMessage());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("batched generator is closed");
        }
    }

    /** Frees the batch, the samplers of sequences in flight and the sampling threads; the context stays open. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scheduler.close();
        }
    }
}
