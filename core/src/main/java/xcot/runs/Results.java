package xcot.runs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attempts of a run, by slot, with the order exports and summaries use: condition, then source, then model, then
 * item — each in run order (conditions as {@link xcot.methods.Condition} lists them, sources and models as the config
 * lists them, items as the benchmark does). The order never depends on what was computed first, so an export after
 * any number of interruptions equals an uninterrupted run's, byte for byte.
 */
final class Results {
    /** Where a record sits in the run. */
    record Slot(int conditionOrder, String condition, int sourceOrder, Optional<String> source, int modelOrder,
                String model, int itemOrder, String itemId, boolean exported) {}

    private static final Comparator<Slot> ORDER = Comparator.comparingInt(Slot::conditionOrder)
            .thenComparing(Slot::condition).thenComparingInt(Slot::sourceOrder).thenComparingInt(Slot::modelOrder)
            .thenComparingInt(Slot::itemOrder);

    private final Map<Slot, AttemptRecord> records = new HashMap<>();
    private final Map<String, AttemptRecord> byName = new HashMap<>();

    void put(Slot slot, AttemptRecord record) {
        records.put(slot, record);
        byName.put(name(slot.condition(), slot.model(), slot.source(), slot.itemId()), record);
    }

    Optional<AttemptRecord> get(String condition, String model, Optional<String> source, String itemId) {
        return Optional.ofNullable(byName.get(name(condition, model, source, itemId)));
    }

    /** The records of the conditions the config asked for, in export order. */
    List<Map.Entry<Slot, AttemptRecord>> ordered() {
        List<Map.Entry<Slot, AttemptRecord>> all = new ArrayList<>(records.entrySet());
        all.removeIf(e -> !e.getKey().exported());
        all.sort(Map.Entry.comparingByKey(ORDER));
        return all;
    }

    private static String name(String condition, String model, Optional<String> source, String itemId) {
        return condition + "\u0000" + model + "\u0000" + source.orElse("") + "\u0000" + itemId;
    }
}
