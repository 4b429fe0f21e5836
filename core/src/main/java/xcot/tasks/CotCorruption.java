package xcot.tasks;

import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A corrupted chain of thought offered as an extra transfer-like condition (the toy task's "consistent but wrong"
 * probes): for an item and a source model's own CoT of that item, the deliberately wrong CoT to insert into every
 * target, written in the source's notation. Like Transfer, it runs for every source × target.
 *
 * @param name               condition name in records, e.g. {@code wrong-first-carried}
 * @param leavesThinkingOpen the CoT is inserted with the thinking block left open: the target writes the rest of the
 *                           chain itself, closes it and answers (otherwise it is inserted like a transferred CoT)
 * @param cotFor             (item id, the source's own CoT of the item) to the CoT to insert
 */
public record CotCorruption(String name, String description, boolean leavesThinkingOpen,
                            BiFunction<String, String, String> cotFor) {
    public CotCorruption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(cotFor, "cotFor");
    }
}
