package xcot.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which items of a benchmark a run uses: a named subset (e.g. {@code paper}, {@code all}), optionally narrowed to
 * explicit ids (kept in the subset's order) and cut to the first {@code limit}.
 */
public record ItemSelection(String subset, Optional<List<String>> ids, OptionalInt limit) {
    public ItemSelection {
        if (subset == null || subset.isBlank()) {
            throw new IllegalArgumentException("subset must not be blank");
        }
        ids = ids.map(List::copyOf);
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit.getAsInt());
        }
    }

    public static ItemSelection of(String subset) {
        return new ItemSelection(subset, Optional.empty(), OptionalInt.empty());
    }

    public ItemSelection withLimit(int n) {
        return new ItemSelection(subset, ids, OptionalInt.of(n));
    }

    /** What the ids look like: the ids that start with {@code id/} (a task's items), else the first id. */
    static String hint(String id, List<String> known, String benchmark) {
        List<String> within = known.stream().filter(k -> k.startsWith(id + "/")).toList();
        String example = within.isEmpty()
                ? (known.isEmpty() ? "" : "ids look like '" + known.getFirst() + "'")
                : "its items are " + String.join(", ", within.subList(0, Math.min(5, within.size())))
                        + (within.size() > 5 ? ", ..." : "");
        return " (" + (example.isEmpty() ? "" : example + "; ") + "xcot items list --benchmark " + benchmark
                + " lists them)";
    }

    /**
     * Applies the ids and the limit to the subset's items.
     *
     * @throws IllegalArgumentException naming an id that is not in the subset
     */
    public List<BenchmarkItem> apply(List<BenchmarkItem> subsetItems, String benchmark) {
        List<BenchmarkItem> chosen = subsetItems;
        if (ids.isPresent()) {
            Map<String, BenchmarkItem> byId = new LinkedHashMap<>();
            subsetItems.forEach(i -> byId.put(i.id(), i));
            for (String id : ids.get()) {
                if (!byId.containsKey(id)) {
                    throw new IllegalArgumentException(benchmark + " subset '" + subset + "' has no item '" + id + "'"
                            + hint(id, List.copyOf(byId.keySet()), benchmark));
                }
            }
            chosen = new ArrayList<>();
            for (BenchmarkItem item : subsetItems) {
                if (ids.get().contains(item.id())) {
                    chosen.add(item);
                }
            }
        }
        if (limit.isPresent() && chosen.size() > limit.getAsInt()) {
            chosen = chosen.subList(0, limit.getAsInt());
        }
        return List.copyOf(chosen);
    }
}
