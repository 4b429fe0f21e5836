package xcot.runs;

import xcot.runs.phases.PhaseListener;

/**
 * A test hook for resume tests: halts the JVM, as SIGKILL would (no shutdown hooks, no flushing), at the N-th store
 * event of this process — a generation or a unit just stored. The kill point is then a fact of the run, not of thread
 * timing, so the test that uses it is deterministic. Armed only by the system property {@value #PROPERTY}.
 */
final class HaltAtStoreEvent implements PhaseListener {
    static final String PROPERTY = "xcot.test.haltAtStoreEvent";
    /** The exit status of a process killed by SIGKILL, which the halt imitates. */
    static final int STATUS = 137;
    private final PhaseListener delegate;
    private final long haltAt;
    private long events;

    private HaltAtStoreEvent(PhaseListener delegate, long haltAt) {
        this.delegate = delegate;
        this.haltAt = haltAt;
    }

    /** {@code listener}, wrapped when the property asks for a halt. */
    static PhaseListener wrapIfArmed(PhaseListener listener) {
        long at = Long.getLong(PROPERTY, 0);
        return at > 0 ? new HaltAtStoreEvent(listener, at) : listener;
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
    public void generated(int promptTokens, int newTokens, long decodeNanos, boolean fromStore) {
        delegate.generated(promptTokens, newTokens, decodeNanos, fromStore);
        if (!fromStore) {
            count();
        }
    }

    private void count() {
        if (++events == haltAt) {
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
