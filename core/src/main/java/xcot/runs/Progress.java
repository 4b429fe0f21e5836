package xcot.runs;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import xcot.runs.phases.BatchedStepStats;
import xcot.runs.phases.PhaseListener;
import xcot.runs.plan.Phase;
import xcot.runs.plan.PlanStep;

/**
 * The progress line on stderr: units done of the plan's total (fixed before the first unit), the current step, an ETA
 * and the generation speed. The ETA extrapolates the pace of the last {@value #WINDOW} units (a moving window, so a
 * slow phase after a fast one, or cache hits giving way to new work, move it within a few units); the speed is the new
 * tokens per second of decoding in the current phase, reset when the phase changes. On a terminal one line is redrawn
 * in place; otherwise (a log file, a pipe) a plain line is printed at each step start and at most every
 * {@value #PLAIN_INTERVAL_SECONDS} seconds.
 */
public final class Progress implements PhaseListener {
    static final int PLAIN_INTERVAL_SECONDS = 10;
    /** Units whose pace the ETA extrapolates. */
    static final int WINDOW = 50;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long total;
    private final List<PlanStep> steps;
    /** Completion times of the last {@link #WINDOW} units; the first element is the window's start. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private long done;
    private long recalled;
    private long newTokens;
    private long phaseTokens;
    private long phaseDecodeNanos;
    private int stepIndex = -1;
    private Phase phase;
    private long lastPlainLine;
    private String label = "";
    private int lastWidth;
    /** The current step's batched generation so far, if it generated anything. */
    private BatchedStepStats batch;

    /**
     * @param total the plan's unit count
     * @param steps the plan's steps, which the phases announce in order (their phases label the speed)
     */
    public Progress(PrintWriter err, boolean terminal, LongSupplier nanoTime, long total, List<PlanStep> steps) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.total = total;
        this.steps = List.copyOf(steps);
        long now = nanoTime.getAsLong();
        this.lastPlainLine = now;
        recent.add(now);
    }

    @Override
    public void step(String stepLabel) {
        label = stepLabel + ":";
        batch = null;
        for (int i = stepIndex + 1; i < steps.size(); i++) {
            if (steps.get(i).label().equals(stepLabel)) {
                stepIndex = i;
                Phase next = steps.get(i).phase();
                if (next != phase) {
                    phase = next;
                    phaseTokens = 0;
                    phaseDecodeNanos = 0;
                }
                break;
            }
        }
        draw(true);
    }

    /** One unit (an attempt, a sanitized CoT, an ensemble CoT) finished; {@code fromStore} when nothing was computed. */
    @Override
    public void unitDone(boolean fromStore) {
        done++;
        if (fromStore) {
            recalled++;
        }
        recent.addLast(nanoTime.getAsLong());
        if (recent.size() > WINDOW + 1) {
            recent.removeFirst();
        }
        draw(false);
    }

    /** A wait (an endpoint's retry) gets a line of its own, so that a stalled count does not look like a hang. */
    @Override
    public void waiting(String line) {
        finish();
        err.println("xcot: " + line);
        err.flush();
    }

    @Override
    public void generated(int promptTokens, int tokens, long nanos, boolean fromStore) {
        if (!fromStore) {
            newTokens += tokens;
            phaseTokens += tokens;
            phaseDecodeNanos += nanos;
        }
    }

    @Override
    public void batchProgress(BatchedStepStats soFar) {
        batch = soFar;
    }

    /** A step's batched generation ended: one plain line with its sequences in flight, tokens/s and time. */
    @Override
    public void batchFinished(BatchedStepStats total) {
        batch = total;
        finish();
        err.println("xcot: " + total.step() + ": generated " + total.describe());
        err.flush();
    }

    long done() {
        return done;
    }

    long recalled() {
        return recalled;
    }

    long newTokens() {
        return newTokens;
    }

    /** Ends the redrawn line. */
    void finish() {
        if (terminal && lastWidth > 0) {
            err.print('\n');
            err.flush();
            lastWidth = 0;
        }
    }

    String line() {
        long left = Math.max(0, total - done);
        int paced = recent.size() - 1;
        String eta = paced < 2 ? "--:--"
                : clock(Math.round(left * ((recent.getLast() - recent.getFirst()) / (double) paced) / 1e9));
        // Batched sequences share each decode, so the step's new tokens per wall second is its speed; the per-sequence
        // decode times overlap and would understate it.
        String speed = batch != null && batch.wallNanos() > 0
                ? String.format(Locale.ROOT, "%.0f tok/s, %.1f in flight", batch.tokensPerSecond(), batch.meanInFlight())
                : phaseDecodeNanos == 0 ? "- tok/s"
                : String.format(Locale.ROOT, "%.0f tok/s", phaseTokens * 1e9 / phaseDecodeNanos);
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        return String.format(Locale.ROOT, "%s %d/%d %3d%%  ETA %s  %s%s", label, done, total, percent, eta,
                speed, recalled == 0 ? "" : "  (" + recalled + " from the cache)");
    }

    private void draw(boolean stepStart) {
        if (terminal) {
            String text = "[" + bar() + "] " + line();
            err.print('\r' + text + " ".repeat(Math.max(0, lastWidth - text.length())));
            lastWidth = text.length();
            err.flush();
            return;
        }
        long now = nanoTime.getAsLong();
        if (stepStart || done == total || now - lastPlainLine >= PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
            err.println("xcot: " + line());
            err.flush();
            lastPlainLine = now;
        }
    }

    private String bar() {
        int width = 20;
        int filled = total == 0 ? width : (int) (width * done / total);
        return "#".repeat(filled) + ".".repeat(width - filled);
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
