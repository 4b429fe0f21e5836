package xcot.runs.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.Optional;
import xcot.runs.phases.BatchedStepStats;
import xcot.runs.phases.PhaseListener;
import xcot.runs.plan.PlanStep;

/**
 * The wall time, units and new tokens of each step of a run, for {@code run.json}. The phases announce steps in plan
 * order, so each announced label is matched to the next planned step with that label.
 */
public final class StepTimings implements PhaseListener {
    /**
     * One step as it ran.
     *
     * @param computed    units computed in this invocation
     * @param fromCache   units found in the cache
     * @param newTokens   tokens generated in this invocation
     * @param decodeNanos time those tokens took to decode (per sequence: batched sequences' times overlap)
     * @param batch       the step's batched generation (sequences in flight, its wall time), if it generated
     */
    public record Step(String label, String phase, int units, long computed, long fromCache, long wallNanos,
                       long newTokens, long decodeNanos, Optional<BatchedStepStats> batch) {
        /**
         * New tokens per second: of the batched generation's wall time where there was one (sequences decoded together
         * share it), else of decoding; 0 when nothing was decoded.
         */
        public double tokensPerSecond() {
            if (batch.isPresent()) {
                return batch.get().tokensPerSecond();
            }
            return decodeNanos == 0 ? 0 : newTokens * 1e9 / decodeNanos;
        }
    }

    private final List<PlanStep> planned;
    private final LongSupplier nanoTime;
    private final List<Step> done = new ArrayList<>();
    private int index = -1;
    private boolean open;
    private long start;
    private long computed;
    private long fromCache;
    private long newTokens;
    private long decodeNanos;
    private BatchedStepStats batch;

    public StepTimings(List<PlanStep> planned, LongSupplier nanoTime) {
        this.planned = List.copyOf(planned);
        this.nanoTime = nanoTime;
    }

    @Override
    public void step(String label) {
        finish();
        for (int i = index + 1; i < planned.size(); i++) {
            if (planned.get(i).label().equals(label)) {
                index = i;
                open = true;
                break;
            }
        }
        start = nanoTime.getAsLong();
        computed = fromCache = newTokens = decodeNanos = 0;
        batch = null;
    }

    @Override
    public void unitDone(boolean fromStore) {
        if (fromStore) {
            fromCache++;
        } else {
            computed++;
        }
    }

    @Override
    public void generated(int promptTokens, int tokens, long nanos, boolean fromStore) {
        if (!fromStore) {
            newTokens += tokens;
            decodeNanos += nanos;
        }
    }

    @Override
    public void batchFinished(BatchedStepStats total) {
        batch = total;
    }

    /** Closes the step in progress; idempotent. */
    public void finish() {
        if (open) {
            PlanStep s = planned.get(index);
            done.add(new Step(s.label(), s.phase().label(), s.units().size(), computed, fromCache,
                    nanoTime.getAsLong() - start, newTokens, decodeNanos, Optional.ofNullable(batch)));
            open = false;
        }
    }

    /** The steps that ran, in order. */
    public List<Step> steps() {
        return List.copyOf(done);
    }
}
