package xcot.runs;

import xcot.runs.phases.BatchedStepStats;
import xcot.runs.phases.PhaseListener;

/**
 * A test hook for resume tests: halts the JVM, as SIGKILL would (no shutdown hooks, no flushing), at the N-th store
 * event of this process — a generation or a unit just stored. The kill point is then a fact of the run, not of thread
 * timing, so the test that uses it is deterministic. Armed only by the system property {@value #PROPERTY}; with
 * {@value #PAUSE_PROPERTY} instead, the process says so on stderr and waits there for the test's real SIGKILL (its
 * other threads, such as a worker's lease heartbeat, run on).
 */
final class HaltAtStoreEvent implements PhaseListener {
    static final String PROPERTY = "xcot.test.haltAtStoreEvent";
    static final String PAUSE_PROPERTY = "xcot.test.pauseAtStoreEvent";
    /** What the process prints on stderr when it pauses. */
    static final String PAUSED = "xcot: test hook: paused at store event ";
    /** The exit status of a process killed by SIGKILL, which the halt imitates. */
    static final int STATUS = 137;
    private final PhaseListener delegate;
    private final long haltAt;
    private final boolean pause;
    private long events;

    private HaltAtStoreEvent(PhaseListener delegate, long haltAt, boolean pause) {
        this.delegate = delegate;
        this.haltAt = haltAt;
        this.pause = pause;
    }

    /** {@code listener}, wrapped when a property asks for a halt or a pause. */
    static PhaseListener wrapIfArmed(PhaseListener listener) {
        long at = Long.getLong(PROPERTY, 0);
        long pauseAt = Long.getLong(PAUSE_PROPERTY, 0);
        return at > 0 ? new HaltAtStoreEvent(listener, at, false)
                : pauseAt > 0 ? new HaltAtStoreEvent(listener, pauseAt, true) : listener;
    }

    @Override
    public void step(String label) {
        delegate.step(label);
    }

    @Override
    public void unitDone(boolean fromStore) {
        delegate.unitDone(fromStore);
        if (!fromStore) {
            count();
        }
    }

    @Override
    public void waiting(String line) {
        delegate.waiting(line);
    }

    @Override
    public void generated(int promptTokens, int newTokens, long decodeNanos, boolean fromStore) {
        delegate.generated(promptTokens, newTokens, decodeNanos, fromStore);
        if (!fromStore) {
            count();
        }
    }

    @Override
    public void batchProgress(BatchedStepStats soFar) {
        delegate.batchProgress(soFar);
    }

    @Override
    public void batchFinished(BatchedStepStats total) {
        delegate.batchFinished(total);
    }

    private void count() {
        if (++events != haltAt) {
            return;
        }
        if (!pause) {
            Runtime.getRuntime().halt(STATUS);
        }
        System.err.println(PAUSED + events);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // only the signal ends this
            }
        }
    }
}
