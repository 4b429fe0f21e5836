package xcot.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One experimental setting: the answers of several models to the same items, aligned by item. Metrics compare the
 * rows ({@code answers.get(model).get(item)}). Models keep the order in which they were first seen, items too.
 *
 * @param models  participant names (the model, or model plus condition when one model appears twice)
 * @param itemIds item ids in order
 * @param answers {@code answers.get(m).get(i)} is model m's answer to item i
 * @param missing how many (model, item) cells had no answer and were filled with {@link #missingAnswer}
 */
public record Setting(List<String> models, List<String> itemIds, List<List<ScoredAnswer>> answers, int missing) {
    public Setting {
        models = List.copyOf(models);
        itemIds = List.copyOf(itemIds);
        answers = answers.stream().map(List::copyOf).toList();
        if (answers.size() != models.size()) {
            throw new IllegalArgumentException(models.size() + " models but " + answers.size() + " answer lists");
        }
        for (int m = 0; m < answers.size(); m++) {
            if (answers.get(m).size() != itemIds.size()) {
                throw new IllegalArgumentException("model " + models.get(m) + " has " + answers.get(m).size()
                        + " answers for " + itemIds.size() + " items");
            }
        }
    }

    /**
     * Groups answers by model, aligning them on item id. A model that lacks an item gets a failed placeholder
     * (counted in {@link #missing()}); two answers of one model to one item are an error.
     */
    public static Setting of(List<ScoredAnswer> all) {
        Map<String, Map<String, ScoredAnswer>> byModel = new LinkedHashMap<>();
        LinkedHashSet<String> items = new LinkedHashSet<>();
        for (ScoredAnswer answer : all) {
            Map<String, ScoredAnswer> ofModel = byModel.computeIfAbsent(answer.model(), k -> new LinkedHashMap<>());
            if (ofModel.putIfAbsent(answer.itemId(), answer) != null) {
                throw new IllegalArgumentException("two answers of model " + answer.model() + " to item "
                        + answer.itemId() + (answer.condition().isEmpty() ? "" : " (condition " + answer.condition()
                        + ")") + "; score one run per model");
            }
            items.add(answer.itemId());
        }
        return of(byModel, new ArrayList<>(byModel.keySet()), new ArrayList<>(items));
    }

    /**
     * The answers of {@code models} to {@code itemIds}, in that order, from answers keyed by model and item; a model
     * that lacks an item gets a failed placeholder. Every model must have at least one answer.
     */
    public static Setting of(Map<String, Map<String, ScoredAnswer>> byModel, List<String> models,
            List<String> itemIds) {
        List<List<ScoredAnswer>> rows = new ArrayList<>();
        int missing = 0;
        for (String model : models) {
            Map<String, ScoredAnswer> ofModel = byModel.get(model);
            ScoredAnswer any = ofModel.values().iterator().next();
            List<ScoredAnswer> row = new ArrayList<>();
            for (String item : itemIds) {
                ScoredAnswer answer = ofModel.get(item);
                if (answer == null) {
                    missing++;
                    answer = missingAnswer(any, item);
                }
                row.add(answer);
            }
            rows.add(row);
        }
        return new Setting(models, itemIds, rows, missing);
    }

    /** The placeholder for an item a model has no answer to: failed, with an empty answer string. */
    public static ScoredAnswer missingAnswer(ScoredAnswer sameModel, String itemId) {
        return new ScoredAnswer(sameModel.benchmark(), itemId, sameModel.condition(), sameModel.model(),
                sameModel.sourceModel(), "", new Outcome.Failed("no answer recorded for this item"));
    }

    public ScoredAnswer answer(int model, int item) {
        return answers.get(model).get(item);
    }

    /** The source model shared by every answer of this setting, if there is exactly one. */
    public Optional<String> commonSourceModel() {
        List<Optional<String>> sources = answers.stream().flatMap(List::stream).map(ScoredAnswer::sourceModel)
                .distinct().toList();
        return sources.size() == 1 ? sources.get(0) : Optional.empty();
    }
}
