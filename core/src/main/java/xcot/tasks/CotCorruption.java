package xcot.tasks;

import java.util.Objects;
import java.util.function.Function;

/**
 * A corrupted chain of thought offered as an extra transfer condition (the toy task's "consistent but wrong" probes):
 * for an item id, the CoT to insert into every target.
 *
 * @param name condition name in records, e.g. {@code corrupted-first-value}
 */
public record CotCorruption(String name, String description, Function<String, String> cotForItem) {
    public CotCorruption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(cotForItem, "cotForItem");
    }
}
