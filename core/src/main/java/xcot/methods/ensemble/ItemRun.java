package xcot.methods.ensemble;

import java.util.List;
import xcot.methods.IterationTrace;

/**
 * One item's ensemble in progress, created by {@link EnsembleEngine#begin(List, List)}: each {@link #step()} runs one
 * iteration (see {@link EnsembleEngine} for what one does) or finds that the run has ended. A {@link GroupRun} of one
 * item. Not thread-safe.
 */
public final class ItemRun {
    private final GroupRun group;

    ItemRun(GroupRun group) {
        this.group = group;
    }

    /** Runs the next iteration; false once the run has ended ({@link #stopReason()} then says why). */
    public boolean step() {
        return group.step();
    }

    /** Why the run ended, or null while it goes on. */
    public StopReason stopReason() {
        return group.stopReason(0);
    }

    /** The iterations so far. */
    public List<IterationTrace> iterations() {
        return group.iterations(0);
    }

    /** The outcome; only once the run has ended. */
    public EnsembleResult result() {
        return group.result(0);
    }
}
