package xcot.cli;

import java.util.List;
import java.util.Locale;

/**
 * What the bootstrap of a score will cost, known before it starts, so that a long one is announced rather than
 * silent. Each resample of a setting recomputes its per-item tables: the consistency and the three breakdown shares
 * over the model pairs, the accuracy over the models, the N-way agreement over the items; {@link #cells()} counts
 * those table cells over all resamples and settings, which is what the time goes with (about 10^8 cells a second on
 * one core of the machine the README names).
 *
 * @param resamples       resamples per interval
 * @param settings        settings to score
 * @param maxItems        items of the largest setting
 * @param maxModels       models of the largest setting
 * @param resamplesTotal  resamples over all intervals of all settings (the progress line's total)
 * @param cells           table cells recomputed over all resamples
 */
record BootstrapCost(int resamples, int settings, int maxItems, int maxModels, long resamplesTotal, double cells) {
    /** Above this many cells (some ten seconds) the cost is stated before the bootstrap starts. */
    static final double LARGE_CELLS = 1e9;

    /** One setting's size: its items, its models, and how many intervals its scoring draws. */
    record SettingSize(int items, int models, int intervals) {}

    static BootstrapCost of(int resamples, List<SettingSize> settings) {
        long total = 0;
        double cells = 0;
        int items = 0;
        int models = 0;
        for (SettingSize s : settings) {
            long pairs = (long) s.models() * (s.models() - 1) / 2;
            total += (long) resamples * s.intervals();
            cells += (double) resamples * s.items() * (4 * pairs + s.models() + (s.intervals() > 5 ? 2 : 0));
            items = Math.max(items, s.items());
            models = Math.max(models, s.models());
        }
        return new BootstrapCost(resamples, settings.size(), items, models, total, cells);
    }

    boolean large() {
        return cells > LARGE_CELLS;
    }

    /** The one line that announces a large bootstrap. */
    String describe() {
        String upTo = settings == 1 ? "" : "up to ";
        return String.format(Locale.ROOT, "bootstrap: %,d resamples x %d setting%s x %s%,d items and %s%d model "
                        + "pairs: %.1e table cells to recompute, a long run (--bootstrap %d takes a tenth of the "
                        + "time; Ctrl-C stops)", resamples, settings, settings == 1 ? "" : "s", upTo, maxItems, upTo,
                maxModels * (maxModels - 1) / 2, cells, Math.max(1, resamples / 10));
    }
}
