package xcot.zoo;

import java.io.PrintWriter;
import java.util.Locale;
import xcot.llm.EpochResult;

/**
 * A training progress bar for stderr: model, bar, optimizer step, epoch, running training loss, tokens/s and ETA.
 * On a terminal it redraws one line (at most five times a second); otherwise it prints one line per epoch, so logs
 * stay short.
 */
public final class ProgressBar implements ToyTrainer.Listener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean interactive;
    private final String name;
    private final long totalSteps;
    private final long totalWindows;
    private final int windowTokens;
    private final long start = System.nanoTime();
    private long windowsDone;
    private long stepsDone;
    private long lastDraw;
    private int epoch;
    private int epochs;
    private double trainLoss = Double.NaN;

    /**
     * @param interactive redraw in place (a terminal) instead of one line per epoch
     */
    public ProgressBar(PrintWriter out, boolean interactive, ZooModel model, TrainingRecipe recipe) {
        this.out = out;
        this.interactive = interactive;
        this.name = model.name();
        this.totalSteps = model.steps(recipe);
        this.totalWindows = (long) model.epochs() * recipe.windowsPerEpoch();
        this.windowTokens = recipe.contextTokens();
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
            stepsDone++;
            trainLoss = lossNats;
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
        String eta = windowsDone == 0 ? "?"
                : String.format(Locale.ROOT, "%.0fs", seconds / windowsDone * (totalWindows - windowsDone));
        return String.format(Locale.ROOT, "%-8s [%s%s] %3.0f%%  step %d/%d  epoch %d/%d  loss %.4f  %,.0f tok/s  ETA %s",
                name, "#".repeat(filled), ".".repeat(WIDTH - filled), fraction * 100, stepsDone, totalSteps, epoch,
                epochs, trainLoss, tokensPerSecond, eta);
    }
}
