package xcot.runs;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long one kind of queue call took in a worker (a claim that got a unit, or a completion), in milliseconds: the
 * queue's overhead per unit of work, which a worker prints when it ends.
 */
public record QueueLatency(int calls, double medianMillis, double p90Millis, double maxMillis) {
    public String line() {
        return calls == 0 ? "none" : String.format(Locale.ROOT, "%d calls, median %.2f ms, p90 %.2f ms, max %.2f ms",
                calls, medianMillis, p90Millis, maxMillis);
    }

    /** Collects call durations. Not thread-safe. */
    static final class Recorder {
        private long[] nanos = new long[64];
        private int count;

        void add(long durationNanos) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = durationNanos;
        }

        QueueLatency summary() {
            if (count == 0) {
                return new QueueLatency(0, 0, 0, 0);
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return new QueueLatency(count, millis(sorted, 0.5), millis(sorted, 0.9), sorted[count - 1] / 1e6);
        }

        /** The nearest-rank quantile. */
        private static double millis(long[] sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }
}
