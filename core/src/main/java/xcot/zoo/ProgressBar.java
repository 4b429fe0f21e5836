package xcot.zoo;

import java.io.PrintWriter;
import java.util.Locale;
import xcot.llm.EpochResult;

/**
 * A training progress bar for stderr: model, bar, step, epoch, running loss, tokens/s and ETA. On a terminal it
 * redraws one line (at most about five times a second); otherwise it prints one line per epoch, so logs stay short.
 */
public final class ProgressBar implements ToyTrainer.Listener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean interactive;
    private final String name;
    private final long totalWindows;
    private final int windowTokens;
    private final long start = System.nanoTime();
    private long windowsDone;
    private long lastDraw;
    private int epoch;
    private int epochs;
    private long stepsPerEpoch;
    private double trainLoss = Double.NaN;

    /**
     * @param totalWindows every window of the run, training and validation (for the ETA)
     * @param interactive  redraw in place (a terminal) instead of one line per epoch
     */
    public ProgressBar(PrintWriter out, boolean interactive, String name, long totalWindows, int windowTokens) {
        this.out = out;
        this.interactive = interactive;
        this.name = name;
        this.totalWindows = totalWindows;
        this.windowTokens = windowTokens;
    }

    @Override
    public void epochStarting(int epoch, int epochs) {
        this.epoch = epoch;
        this.epochs = epochs;
    }

    @Override
    public void windowDone(boolean training, long window, long windows, double lossNats) {
        windowsDone++;
        if (training) {
            trainLoss = lossNats;
            stepsPerEpoch = windows;
        }
        long now = System.nanoTime();
        if (interactive && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + line(now));
            out.flush();
        }
    }

    @Override
    public void epochDone(int epoch, int epochs, EpochResult result) {
        String text = line(System.nanoTime()) + String.format(Locale.ROOT, "  val loss %.4f",
                result.validation().lossNats());
        out.print(interactive ? "\r" + text + (epoch == epochs ? "\n" : "") : text + "\n");
        out.flush();
    }

    private String line(long now) {
        double seconds = (now - start) / 1e9;
        double fraction = totalWindows == 0 ? 1 : Math.min(1, (double) windowsDone / totalWindows);
        int filled = (int) Math.round(fraction * WIDTH);
        double tokensPerSecond = seconds > 0 ? windowsDone * windowTokens / seconds : 0;
        double eta = windowsDone == 0 ? Double.NaN : seconds / windowsDone * (totalWindows - windowsDone);
        long step = (epoch - 1) * stepsPerEpoch + Math.min(stepsPerEpoch, windowsDoneInEpoch());
        return String.format(Locale.ROOT, "%-8s [%s%s] %3.0f%%  step %d/%d  epoch %d/%d  loss %.4f  %,.0f tok/s  ETA %s",
                name, "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, step, stepsPerEpoch * epochs,
                epoch, epochs, trainLoss, tokensPerSecond, Double.isNaN(eta) ? "?" : String.format("%.0fs", eta));
    }

    private long windowsDoneInEpoch() {
        long perEpoch = epochs == 0 ? totalWindows : totalWindows / epochs;
        return windowsDone - (long) (epoch - 1) * perEpoch;
    }
}
