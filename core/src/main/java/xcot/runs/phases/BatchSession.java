package xcot.runs.phases;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import xcot.llm.BatchStats;
import xcot.llm.BatchedGenerator;
import xcot.llm.ClientScript;
import xcot.llm.ClientScriptException;
import xcot.llm.Context;
import xcot.llm.Generation;
import xcot.llm.GenerationClient;
import xcot.llm.SequenceRequest;

/**
 * One step's batched generation on one model: a context for {@link Batching#parallel()} sequences and a {@link
 * BatchedGenerator} on it, created on the first {@link #run} (a step whose units are all stored never loads the
 * model), and closed (before the model) by {@link #close()}.
 *
 * <p><b>Threads.</b> Each unit is a script on its own virtual thread ({@link BatchedGenerator#runClients}), but the
 * scripts' own work (tokenizing, scoring, the store, the listener, which are not thread-safe) runs one script at a
 * time: a script holds this session's lock while it runs and lets go of it only while it waits in {@link #generate}.
 * That work runs beside the engine's decode (what it shares with it, the vocabulary and the batch totals, is read
 * only or published per step); the engine waits for a script one step after waking it, and queues what was submitted
 * in script order, so the schedule does not depend on who takes the lock first or how long the work takes.
 */
final class BatchSession implements AutoCloseable {
    /** A unit's work, run with the session's lock held. */
    @FunctionalInterface
    interface Body<R> {
        R run(GenerationClient client);
    }

    private final ModelHandle handle;
    private final Batching batching;
    private final String step;
    private final PhaseListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private Context context;
    private BatchedGenerator generator;
    private long wallNanos;
    private long runStart;

    BatchSession(ModelHandle handle, Batching batching, String step, PhaseListener listener) {
        this.handle = handle;
        this.batching = batching;
        this.step = step;
        this.listener = listener;
    }

    ModelHandle handle() {
        return handle;
    }

    Batching batching() {
        return batching;
    }

    /**
     * Runs every body as one client of the batched generator (loading the model first if needed); returns their
     * values in order. A body that threw is rethrown as it was (the first by index, after all have ended).
     */
    <R> List<R> run(List<Body<R>> bodies) {
        if (bodies.isEmpty()) {
            return List.of();
        }
        BatchedGenerator g = generator();
        List<ClientScript<R>> scripts = new ArrayList<>(bodies.size());
        for (Body<R> body : bodies) {
            scripts.add(client -> {
                lock.lock();
                try {
                    return body.run(client);
                } finally {
                    lock.unlock();
                }
            });
        }
        runStart = System.nanoTime();
        try {
            return g.runClients(scripts);
        } catch (ClientScriptException e) {
            throw unwrap(e.getCause());
        } finally {
            wallNanos += System.nanoTime() - runStart;
            runStart = 0;
        }
    }

    /** Called by a body: submits one request and waits for it without holding the lock. */
    Generation generate(GenerationClient client, SequenceRequest request) {
        lock.unlock();
        try {
            return client.generate(request);
        } finally {
            lock.lock();
        }
    }

    /** Called by a body after it finished a unit: tells the listener how the step's generation stands. */
    void reportProgress() {
        listener.batchProgress(stats());
    }

    /** The step's batched generation so far. */
    BatchedStepStats stats() {
        long wall = wallNanos + (runStart == 0 ? 0 : System.nanoTime() - runStart);
        BatchStats s = generator == null ? new BatchStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : generator.stats();
        return BatchedStepStats.of(step, batching.parallel(), s, wall);
    }

    private BatchedGenerator generator() {
        if (generator == null) {
            context = handle.model().newContext(batching.contextOptions(handle.resolved().config()));
            generator = new BatchedGenerator(context, batching.batchOptions(context));
        }
        return generator;
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    /** Reports the step's totals (if it generated anything) and frees the generator and the context. */
    @Override
    public void close() {
        if (generator != null) {
            listener.batchFinished(stats());
            generator.close();
            context.close();
            generator = null;
            context = null;
        }
    }
}
