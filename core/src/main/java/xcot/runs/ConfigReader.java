package xcot.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import xcot.methods.Condition;
import xcot.profiles.ModelFamily;
import xcot.profiles.ReferenceFlags;
import xcot.tasks.ItemSelection;
import xcot.zoo.ZooConfig;
import xcot.zoo.ZooModel;

/**
 * Reads and validates a run config, up front: an unknown key, a value of the wrong type, a missing model file or an
 * unknown name is one {@link ConfigException} naming the file and line. The schema (all keys kebab-case):
 *
 * <pre>
 * name: my-run                       # default: the file name without extension
 * benchmark: medcalc                 # or {name: medcalc|induction|toy, subset: ..., items: [..], limit: N}
 *                                    #   subsets: medcalc paper (default) | all; induction paper;
 *                                    #   toy held-out (default, the 123 problems the zoo never saw) | all
 * models:                            # one or more; names unique; order = order of model pairs
 *   - name: Qwen/QwQ-32B             # name in records and exports
 *     path: models/qwq-32b-q8_0.gguf # or fixture: {seed: 1, layers: 2, context-length: 4096} (random weights)
 *                                    # or zoo: plain-a (a committed toy model: plain-a swap-b words-c mix-d weak-e)
 *     profile: auto                  # auto (detect) | qwq | dapo | deepseek-r1-distill | openthinker | gpt-oss | generic | toy
 *     gpu-layers: -1                 # -1 all (default), 0 CPU only
 *     context: 16384                 # context window (default 4096)
 *     threads: 8                     # CPU threads (default: all cores)
 *     sampling: {temperature: 1.0, top-k: 40, top-p: 0.95}   # overrides the profile's pinned values
 *     grammar: demo-medcalc-json     # a built-in grammar (random-weight demos)
 *     reasoning-effort: low          # gpt-oss only (default low)
 * conditions: [empty, default, sampled, transfer]   # also: ensemble, corrupted
 * without-answer: true               # also run each CoT condition without its answer sentences (default true)
 * seeds: [42]                        # one Sampled run per seed
 * budgets: {cot: 4096, answer: 100, inserted: 4196}   # default: the benchmark's
 * flags: {reference-compat: false, ref.double-think-tag: true}
 * harmony-date: 2026-01-18           # default: the run's start date, kept across resumes
 * answer-removal: {method: rules}    # rules | model (with model: {...as above}, max-tokens) | http
 * ensemble: [{generators: [a, b], evaluators: [c]}]
 * corrupted: [wrong-first-carried]  # default: every corruption the benchmark offers (toy: wrong-first-carried,
 *                                    #   wrong-final-sum, forced-wrong-first), each from every source model
 * summary-without: [words-c]         # also print the summary over the other models (e.g. without a negative control)
 * </pre>
 */
public final class ConfigReader {
    static final Set<String> TOP = Set.of("name", "benchmark", "models", "conditions", "without-answer", "seeds",
            "budgets", "flags", "harmony-date", "answer-removal", "ensemble", "corrupted",
            "summary-without");
    static final Set<String> BENCHMARK = Set.of("name", "subset", "items", "limit");
    static final Set<String> MODEL = Set.of("name", "path", "fixture", "zoo", "profile", "gpu-layers", "context", "threads",
            "sampling", "grammar", "reasoning-effort");
    static final Set<String> FIXTURE = Set.of("seed", "layers", "context-length");
    static final Set<String> SAMPLING = Set.of("temperature", "top-k", "top-p");
    static final Set<String> BUDGETS = Set.of("cot", "answer", "inserted");
    static final Set<String> REMOVAL = Set.of("method", "model", "max-tokens");
    static final Set<String> ENSEMBLE = Set.of("generators", "evaluators");
    static final List<String> DEFAULT_CONDITIONS = List.of("empty", "default", "sampled", "transfer");

    private ConfigReader() {}

    public static RunConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return parse(text, file.toString(), base, stem);
    }

    /** Parses YAML text; {@code defaultName} names the run when the config does not. */
    public static RunConfig parse(String yaml, String source, Path baseDir, String defaultName) {
        Fields top = new Fields(source, "", YamlTree.parse(yaml, source), TOP);
        String name = top.string("name").orElse(defaultName);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw top.error("name", "must use only letters, digits, '.', '_' and '-': '" + name + "'");
        }

        String benchmark;
        ItemSelection selection;
        if (top.node("benchmark").orElse(null) instanceof YamlTree.Mapping) {
            Fields b = top.mapping("benchmark", BENCHMARK).orElseThrow();
            benchmark = b.requiredString("name");
            OptionalInt limit = b.intValue("limit", 1, Integer.MAX_VALUE);
            Optional<List<String>> items = b.has("items") ? Optional.of(b.strings("items")) : Optional.empty();
            selection = new ItemSelection(b.string("subset").orElse(BenchmarkCatalog.defaultSubset(benchmark)),
                    items, limit);
        } else {
            benchmark = top.requiredString("benchmark");
            selection = ItemSelection.of(BenchmarkCatalog.defaultSubset(benchmark));
        }
        if (!BenchmarkCatalog.NAMES.contains(benchmark)) {
            throw top.error("benchmark", "must be medcalc, induction or toy, not '" + benchmark + "'");
        }

        List<ModelConfig> models = new ArrayList<>();
        List<YamlTree.Node> modelNodes = top.list("models");
        if (modelNodes.isEmpty()) {
            throw top.error("needs 'models': at least one model");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < modelNodes.size(); i++) {
            ModelConfig m = model(new Fields(source, "models[" + i + "]", modelNodes.get(i), MODEL), baseDir);
            if (!names.add(m.name())) {
                throw new ConfigException(source, m.line(), "model name '" + m.name() + "' is used twice");
            }
            models.add(m);
        }

        List<Condition> conditions = new ArrayList<>();
        List<String> conditionNames = top.has("conditions") ? top.strings("conditions") : DEFAULT_CONDITIONS;
        for (String c : conditionNames) {
            Condition condition = Condition.byConfigName(c).orElseThrow(() -> top.error("conditions",
                    "has unknown condition '" + c + "' (known: empty, default, sampled, transfer, ensemble, corrupted)"));
            if (!conditions.contains(condition)) {
                conditions.add(condition);
            }
        }

        List<Long> seeds = new ArrayList<>();
        for (YamlTree.Node n : top.list("seeds")) {
            seeds.add(top.integer("seeds", n, 0, 0xFFFFFFFFL));
        }
        if (seeds.isEmpty()) {
            seeds.add(42L);
        }

        BudgetOverrides budgets = top.mapping("budgets", BUDGETS).map(b -> new BudgetOverrides(
                boxed(b.intValue("cot", 1, 1 << 20)), boxed(b.intValue("answer", 1, 1 << 20)),
                boxed(b.intValue("inserted", 1, 1 << 20)))).orElse(BudgetOverrides.none());

        ReferenceFlags flags = flags(top);

        Optional<LocalDate> harmonyDate = top.string("harmony-date").map(d -> {
            try {
                return LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                throw top.error("harmony-date", "must be a date YYYY-MM-DD, not '" + d + "'");
            }
        });

        AnswerRemovalConfig removal = top.mapping("answer-removal", REMOVAL).map(r -> removal(r, baseDir))
                .orElse(AnswerRemovalConfig.rules());

        List<EnsembleConfig> ensembles = new ArrayList<>();
        List<YamlTree.Node> ensembleNodes = top.list("ensemble");
        for (int i = 0; i < ensembleNodes.size(); i++) {
            Fields e = new Fields(source, "ensemble[" + i + "]", ensembleNodes.get(i), ENSEMBLE);
            EnsembleConfig combo = new EnsembleConfig(e.strings("generators"), e.strings("evaluators"));
            if (combo.generators().isEmpty() || combo.evaluators().isEmpty()) {
                throw e.error("needs at least one generator and one evaluator");
            }
            for (String m : concat(combo.generators(), combo.evaluators())) {
                if (!names.contains(m)) {
                    throw e.error("names model '" + m + "', which is not in 'models'");
                }
            }
            ensembles.add(combo);
        }
        if (conditions.contains(Condition.ENSEMBLE) && ensembles.isEmpty()) {
            throw top.error("conditions", "has 'ensemble' but the config has no 'ensemble' combinations");
        }

        List<String> summaryWithout = top.strings("summary-without");
        for (String m : summaryWithout) {
            if (!names.contains(m)) {
                throw top.error("summary-without", "names model '" + m + "', which is not in 'models'");
            }
        }
        if (!summaryWithout.isEmpty() && names.size() - new HashSet<>(summaryWithout).size() < 2) {
            throw top.error("summary-without", "must leave at least two models to compare");
        }

        return new RunConfig(source, baseDir, name, benchmark, selection, models, conditions,
                top.bool("without-answer").orElse(true), seeds, budgets, flags, harmonyDate, removal, ensembles,
                top.strings("corrupted"), summaryWithout);
    }

    private static ModelConfig model(Fields m, Path baseDir) {
        String name = m.requiredString("name");
        if (Stream.of("path", "fixture", "zoo").filter(m::has).count() != 1) {
            throw m.error("needs exactly one of 'path' (a GGUF file), 'fixture' (random weights) and 'zoo' (a "
                    + "committed toy model)");
        }
        int context = m.intValue("context", 64, 1 << 22).orElse(4096);
        ModelSource source;
        if (m.has("path")) {
            Path path = baseDir.resolve(m.requiredString("path")).normalize();
            if (!Files.isRegularFile(path)) {
                throw m.error("path", Files.exists(path) ? "names " + path + ", which is " + kindOf(path)
                        + ", not a GGUF file" : "names a model file that does not exist: " + path);
            }
            source = new ModelSource.File(path);
        } else if (m.has("zoo")) {
            String zooName = m.requiredString("zoo");
            List<String> committed = ZooConfig.committed().models().stream().map(ZooModel::name).toList();
            if (!committed.contains(zooName)) {
                throw m.error("zoo", "is '" + zooName + "'; the committed zoo has " + String.join(", ", committed));
            }
            source = new ModelSource.Zoo(zooName);
        } else {
            Fields f = m.mapping("fixture", FIXTURE).orElseThrow();
            long seed = f.integer("seed", 0, Long.MAX_VALUE).orElseThrow(() -> f.error("needs 'seed'"));
            source = new ModelSource.RandomFixture(seed, f.intValue("layers", 1, 64).orElse(2),
                    f.intValue("context-length", 64, 1 << 22).orElse(context));
        }
        Optional<ModelFamily> profile = m.string("profile").filter(p -> !p.equals("auto")).map(p ->
                ModelFamily.byId(p).orElseThrow(() -> m.error("profile", "is '" + p + "'; known: auto, "
                        + ModelFamily.knownIds())));
        Optional<Fields> sampling = m.mapping("sampling", SAMPLING);
        Optional<String> grammar = m.string("grammar");
        grammar.ifPresent(g -> Grammars.byName(g).orElseThrow(() -> m.error("grammar", "is '" + g
                + "'; built-in grammars: " + Grammars.known())));
        String effort = m.string("reasoning-effort").orElse("low");
        if (!List.of("low", "medium", "high").contains(effort)) {
            throw m.error("reasoning-effort", "must be low, medium or high, not '" + effort + "'");
        }
        Optional<Float> topP = sampling.flatMap(s -> s.number("top-p")).map(Double::floatValue);
        if (topP.isPresent() && !(topP.get() > 0 && topP.get() <= 1)) {
            throw m.error("sampling", "top-p must be in (0, 1], not " + topP.get());
        }
        Optional<Float> temperature = sampling.flatMap(s -> s.number("temperature")).map(Double::floatValue);
        if (temperature.isPresent() && !(temperature.get() > 0)) {
            throw m.error("sampling", "temperature must be positive, not " + temperature.get());
        }
        return new ModelConfig(name, source, profile,
                m.intValue("gpu-layers", -1, 100_000).orElse(-1), context,
                m.intValue("threads", 1, 1024).orElse(Runtime.getRuntime().availableProcessors()),
                temperature, sampling.flatMap(s -> boxed(s.intValue("top-k", -1, 1 << 20))), topP, grammar, effort,
                m.line());
    }

    private static ReferenceFlags flags(Fields top) {
        if (!top.has("flags")) {
            return ReferenceFlags.fixed();
        }
        Set<String> known = new HashSet<>(ReferenceFlags.names());
        known.add(ReferenceFlags.UMBRELLA);
        Fields f = top.mapping("flags", known).orElseThrow();
        boolean umbrella = f.bool(ReferenceFlags.UMBRELLA).orElse(false);
        Map<String, Boolean> overrides = new LinkedHashMap<>();
        for (String name : ReferenceFlags.names()) {
            f.bool(name).ifPresent(v -> overrides.put(name, v));
        }
        return ReferenceFlags.of(umbrella, overrides);
    }

    private static AnswerRemovalConfig removal(Fields r, Path baseDir) {
        String method = r.string("method").orElse("rules");
        AnswerRemovalConfig.Method m = switch (method) {
            case "rules" -> AnswerRemovalConfig.Method.RULES;
            case "model" -> AnswerRemovalConfig.Method.MODEL;
            case "http" -> AnswerRemovalConfig.Method.HTTP;
            default -> throw r.error("method", "must be rules, model or http, not '" + method + "'");
        };
        Optional<ModelConfig> model = r.has("model")
                ? Optional.of(model(new Fields(r.source(), r.qualified("model"), r.node("model").orElseThrow(), MODEL),
                        baseDir))
                : Optional.empty();
        if (m == AnswerRemovalConfig.Method.MODEL && model.isEmpty()) {
            throw r.error("needs 'model' (the filter model) for method 'model'");
        }
        return new AnswerRemovalConfig(m, model, r.intValue("max-tokens", 1, 1 << 20).orElse(2048));
    }

    private static Optional<Integer> boxed(OptionalInt v) {
        return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String kindOf(Path path) {
        try {
            return xcot.gguf.GgufReader.kindOf(path);
        } catch (java.io.IOException e) {
            return "not readable (" + e.getMessage() + ")";
        }
    }
}
