package xcot.cli;

import java.util.Locale;

/**
 * The one line for a Java heap that ran out: what the heap was and what to do, instead of an
 * {@link OutOfMemoryError}'s trace. Built with as little allocation as a line takes, since the heap is full.
 */
final class OutOfMemory {
    private OutOfMemory() {}

    /** @param where what was going on, e.g. "while reading answers.jsonl"; empty when unknown */
    static String message(String where) {
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        return String.format(Locale.ROOT, "out of memory%s (Java heap %,d MiB): give Java more with "
                + "XCOT_JAVA_OPTS=-Xmx%dg, or narrow the input (fewer files, --condition, --source)",
                where.isEmpty() ? "" : " " + where, heapMiB, Math.max(2, 2 * ((heapMiB + 1023) >> 10)));
    }
}
