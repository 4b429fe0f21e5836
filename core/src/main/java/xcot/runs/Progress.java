package xcot.runs;

import xcot.runs.phases.BatchedStepStats;
import xcot.runs.phases.PhaseListener;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress bar on stderr: work units done of the total, the current phase, an ETA from the units actually
 * computed (units recalled from the store take no time) and the generation speed in new tokens per second. On a
 * terminal one line is redrawn in place; otherwise (a log file, a pipe) a plain line is printed at each phase start and
 * at most every {@value #PLAIN_INTERVAL_SECONDS} seconds.
 */
public final class Progress implements PhaseListener {
    static final int PLAIN_INTERVAL_SECONDS = 10;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private long total;
    private long done;
    private long recalled;
    private long computedNanos;
    private long computedUnits;
    private long newTokens;
    private long decodeNanos;
    private long unitStart;
    private long lastPlainLine;
    private String phase = "";
    private int lastWidth;
    /** The current step's batched generation so far, if it generated anything. */
    private BatchedStepStats batch;

    public Progress(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.unitStart = nanoTime.getAsLong();
        this.lastPlainLine = unitStart;
    }

    /** A progress that prints nothing. */
    public static Progress silent() {
        return new Progress(new PrintWriter(java.io.Writer.nullWriter()), false, System::nanoTime);
    }

    void addTotal(long units) {
        total += units;
    }

    @Override
    public void step(String label) {
        phase = label + ":";
        batch = null;
        unitStart = nanoTime.getAsLong();
        draw(true);
    }

    /** One unit (an attempt, a sanitized CoT, an ensemble CoT) finished; {@code fromStore} when nothing was computed. */
    @Override
    public void unitDone(boolean fromStore) {
        long now = nanoTime.getAsLong();
        done++;
        if (fromStore) {
            recalled++;
        } else {
            computedUnits++;
            computedNanos += now - unitStart;
        }
        unitStart = now;
        draw(false);
    }

    @Override
    public void generated(int promptTokens, int tokens, long nanos, boolean fromStore) {
        if (!fromStore) {
            newTokens += tokens;
            decodeNanos += nanos;
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
        String eta = computedUnits == 0 ? "--:--" : clock(left * (computedNanos / computedUnits) / 1_000_000_000L);
        // Batched sequences share each decode, so the step's own tokens per wall second is the speed.
        String speed = batch != null && batch.wallNanos() > 0
                ? String.format(Locale.ROOT, "%.0f", batch.tokensPerSecond()) + " tok/s, " + String.format(Locale.ROOT,
                        "%.1f", batch.meanInFlight()) + " in flight"
                : decodeNanos == 0 ? "- tok/s"
                : String.format(Locale.ROOT, "%.0f", newTokens * 1e9 / decodeNanos) + " tok/s";
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        return String.format(Locale.ROOT, "%s %d/%d %3d%%  ETA %s  %s%s", phase, done, total, percent, eta,
                speed, recalled == 0 ? "" : "  (" + recalled + " from the store)");
    }

    private void draw(boolean phaseStart) {
        if (terminal) {
            String text = "[" + bar() + "] " + line();
            err.print('\r' + text + " ".repeat(Math.max(0, lastWidth - text.length())));
            lastWidth = text.length();
            err.flush();
            return;
        }
        long now = nanoTime.getAsLong();
        if (phaseStart || done == total || now - lastPlainLine >= PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
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
