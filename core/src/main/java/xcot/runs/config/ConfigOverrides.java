package xcot.runs.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import xcot.methods.Condition;

/**
 * What {@code xcot run}'s flags change in a config: {@code --limit N} keeps the first N items of the selection,
 * {@code --models a,b} keeps those models (in the config's order; ensembles that need another model and the second
 * summary's left-out models go with them), {@code --conditions c,d} replaces the conditions. The result is checked
 * like a config, and it is what the run folder's {@code config.yaml} records.
 */
public record ConfigOverrides(OptionalInt limit, Optional<List<String>> models, Optional<List<String>> conditions) {
    public ConfigOverrides {
        models = models.map(List::copyOf);
        conditions = conditions.map(List::copyOf);
    }

    public static ConfigOverrides none() {
        return new ConfigOverrides(OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public RunConfig applyTo(RunConfig c) {
        var selection = c.selection();
        if (limit.isPresent()) {
            if (limit.getAsInt() < 1) {
                throw error(c, "--limit must be positive, not " + limit.getAsInt());
            }
            selection = selection.withLimit(limit.getAsInt());
        }
        List<ModelConfig> kept = c.models();
        List<EnsembleConfig> ensembles = c.ensembles();
        List<String> summaryWithout = c.summaryWithout();
        if (models.isPresent()) {
            Set<String> names = new HashSet<>();
            c.models().forEach(m -> names.add(m.name()));
            for (String name : models.get()) {
                if (!names.contains(name)) {
                    throw error(c, "--models names '" + name + "', which the config does not have (it has: "
                            + String.join(", ", c.models().stream().map(ModelConfig::name).toList()) + ")");
                }
            }
            kept = c.models().stream().filter(m -> models.get().contains(m.name())).toList();
            Set<String> keptNames = new HashSet<>(models.get());
            ensembles = c.ensembles().stream().filter(e -> keptNames.containsAll(e.participants())).toList();
            summaryWithout = c.summaryWithout().stream().filter(keptNames::contains).toList();
            if (kept.size() - summaryWithout.size() < 2) {
                summaryWithout = List.of();
            }
        }
        List<Condition> runConditions = c.conditions();
        if (conditions.isPresent()) {
            runConditions = new ArrayList<>();
            for (String name : conditions.get()) {
                Condition k = Condition.byConfigName(name).orElseThrow(() -> error(c, "--conditions has unknown "
                        + "condition '" + name + "' (known: empty, default, sampled, transfer, ensemble, corrupted)"));
                if (!runConditions.contains(k)) {
                    runConditions.add(k);
                }
            }
        }
        if (runConditions.contains(Condition.ENSEMBLE) && ensembles.isEmpty()) {
            throw error(c, "the run has condition 'ensemble' but no ensemble combination"
                    + (models.isPresent() ? " whose models --models keeps" : ""));
        }
        return new RunConfig(c.source(), c.baseDir(), c.name(), c.benchmark(), selection, c.similarity(), kept,
                runConditions, c.withoutAnswer(), c.seeds(), c.budgets(), c.flags(), c.harmonyDate(),
                c.answerRemoval(), ensembles, c.corruptions(), summaryWithout, c.cache(), c.store());
    }

    private static ConfigException error(RunConfig c, String message) {
        return new ConfigException(c.source(), 0, message);
    }
}
