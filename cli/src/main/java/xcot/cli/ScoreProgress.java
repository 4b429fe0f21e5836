package xcot.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import xcot.metrics.Bootstrap;

/**
 * {@code xcot score}'s progress on stderr (never stdout, which holds the scores or the JSON): first the reading
 * (bytes of the files on disk, answers kept), then the bootstrap (resamples drawn of all the settings'). Work that is
 * over within {@value #QUIET_SECONDS} s shows nothing. On a terminal one line is redrawn, at most five times a
 * second; in a log a plain line is printed every {@value #PLAIN_INTERVAL_SECONDS} s. It also knows the phase, for
 * the line an interrupted score prints.
 */
final class ScoreProgress implements Bootstrap.Listener {
    static final int QUIET_SECONDS = 2;
    static final int PLAIN_INTERVAL_SECONDS = 10;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long start;
    private long phaseStart;
    private long lastLine;
    private int lastWidth;
    private volatile String phase = "starting";
    private volatile boolean done;

    private long readTotalBytes;
    private long readBytesBefore;
    private long readBytes;
    private long answers;
    private int files;
    private long resamplesTotal;
    private long resamples;

    ScoreProgress(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.phaseStart = start;
        this.lastLine = start;
    }

    /** Reading starts: {@code files} files of {@code totalBytes} on disk (0 when a size is unknown, e.g. a pipe). */
    void reading(int files, long totalBytes) {
        this.files = files;
        this.readTotalBytes = totalBytes;
        this.phaseStart = nanoTime.getAsLong();
        this.phase = "reading";
    }

    /** The next file starts; {@code bytesBefore} were read from the files before it. */
    void file(String name, long bytesBefore) {
        readBytesBefore = bytesBefore;
        readBytes = bytesBefore;
        phase = "reading " + name;
    }

    /** Bytes of the current file read so far, and answers kept in all. */
    void read(long bytesOfFile, long answersKept) {
        readBytes = readBytesBefore + bytesOfFile;
        answers = answersKept;
        draw();
    }

    /** The bootstrap starts: {@code total} resamples over all settings. */
    void bootstrapping(long total) {
        resamplesTotal = total;
        resamples = 0;
        phaseStart = nanoTime.getAsLong();
        phase = "bootstrapping";
    }

    @Override
    public void resampled(int n) {
        resamples += n;
        draw();
    }

    /** Where the work stands, for the line of an interrupted score: "reading x.jsonl", "bootstrapping". */
    String phase() {
        return phase;
    }

    boolean done() {
        return done;
    }

    /** The work is over; ends a redrawn line so the scores start on a line of their own. */
    void finish() {
        done = true;
        clearLine();
    }

    /** Clears a redrawn line (before another message goes to stderr). */
    void clearLine() {
        if (terminal && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    String line() {
        long now = nanoTime.getAsLong();
        String elapsed = clock((now - phaseStart) / 1_000_000_000L);
        if (phase.startsWith("bootstrapping")) {
            double fraction = resamplesTotal == 0 ? 0 : Math.min(0.99, (double) resamples / resamplesTotal);
            return String.format(Locale.ROOT, "bootstrap: %2.0f%% (%,d of %,d resamples), %s, ETA %s", fraction * 100,
                    resamples, resamplesTotal, elapsed, eta(now, fraction));
        }
        String of = files == 1 ? "" : String.format(Locale.ROOT, " (%d files)", files);
        if (readTotalBytes == 0) {
            return String.format(Locale.ROOT, "%s%s: %s read, %,d answers, %s", phase, of, megabytes(readBytes),
                    answers, elapsed);
        }
        double fraction = Math.min(1, (double) readBytes / readTotalBytes);
        return String.format(Locale.ROOT, "%s%s: %s of %s (%2.0f%%), %,d answers, %s, ETA %s", phase, of,
                megabytes(readBytes), megabytes(readTotalBytes), fraction * 100, answers, elapsed, eta(now, fraction));
    }

    private String eta(long now, double fraction) {
        if (fraction <= 0) {
            return "--:--";
        }
        return clock((long) ((now - phaseStart) / 1e9 * (1 - fraction) / fraction));
    }

    private void draw() {
        long now = nanoTime.getAsLong();
        if (now - start < QUIET_SECONDS * 1_000_000_000L) {
            return;
        }
        if (terminal) {
            if (now - lastLine >= REDRAW_NANOS) {
                String text = line();
                err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
                err.flush();
                lastWidth = text.length();
                lastLine = now;
            }
        } else if (now - lastLine >= PLAIN_INTERVAL_SECONDS * 1_000_000_000L) {
            err.println("xcot: " + line());
            err.flush();
            lastLine = now;
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
