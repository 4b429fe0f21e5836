package xcot.runs;

import java.util.List;
import xcot.runs.phases.BatchedStepStats;
import xcot.runs.phases.PhaseListener;

/** Several listeners told the same events, in order (the progress line and the step timings). */
final class PhaseListeners implements PhaseListener {
    private final List<PhaseListener> listeners;

    private PhaseListeners(List<PhaseListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    static PhaseListener of(PhaseListener... listeners) {
        return new PhaseListeners(List.of(listeners));
    }

    @Override
    public void step(String label) {
        listeners.forEach(l -> l.step(label));
    }

    @Override
    public void unitDone(boolean fromStore) {
        listeners.forEach(l -> l.unitDone(fromStore));
    }

    @Override
    public void waiting(String line) {
        listeners.forEach(l -> l.waiting(line));
    }

    @Override
    public void generated(int promptTokens, int newTokens, long decodeNanos, boolean fromStore) {
        listeners.forEach(l -> l.generated(promptTokens, newTokens, decodeNanos, fromStore));
    }

    @Override
    public void batchProgress(BatchedStepStats soFar) {
        listeners.forEach(l -> l.batchProgress(soFar));
    }

    @Override
    public void batchFinished(BatchedStepStats total) {
        listeners.forEach(l -> l.batchFinished(total));
    }
}
