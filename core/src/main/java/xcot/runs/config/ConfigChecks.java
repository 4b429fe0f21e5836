package xcot.runs.config;

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
import xcot.llm.ContextOptions;
import xcot.llm.RpcServer;
import xcot.methods.Condition;
import xcot.methods.ensemble.GroupSizing;
import xcot.profiles.ModelFamily;
import xcot.profiles.ReasoningEffort;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.runs.store.PostgresTarget;
import xcot.tasks.ItemSelection;
import xcot.tasks.catalog.BenchmarkCatalog;
import xcot.tasks.induction.Similarity;
import xcot.zoo.ZooConfig;
import xcot.zoo.ZooModel;

/**
 * Validates a bound {@link ConfigFile} and resolves it into a {@link RunConfig}: required keys, ranges, names that
 * must refer to something (models, zoo models, profiles, grammars, conditions, flags), cross references (ensembles,
 * the second summary), and the defaults. Each problem is one {@link ConfigException} at the key's line.
 */
final class ConfigChecks {
    static final List<String> DEFAULT_CONDITIONS = List.of("empty", "default", "sampled", "transfer");
    private final String source;
    private final Path baseDir;
    private final ConfigLines lines;

    ConfigChecks(String source, Path baseDir, ConfigLines lines) {
        this.source = source;
        this.baseDir = baseDir;
        this.lines = lines;
    }

    RunConfig check(ConfigFile f, String defaultName) {
        String name = Optional.ofNullable(f.name()).orElse(defaultName);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw error("name", "must use only letters, digits, '.', '_' and '-': '" + name + "'");
        }
        if (f.benchmark() == null || f.benchmark().name() == null) {
            throw error("", "needs 'benchmark': medcalc, induction or toy");
        }
        BenchmarkCatalog benchmark = BenchmarkCatalog.byId(f.benchmark().name()).orElseThrow(() -> error("benchmark",
                "must be " + String.join(", ", BenchmarkCatalog.names()).replaceFirst(", (\\w+)$", " or $1")
                        + ", not '" + f.benchmark().name() + "'"));
        ItemSelection selection = selection(f.benchmark(), benchmark);

        if (f.models() == null || f.models().isEmpty()) {
            throw error("", "needs 'models': at least one model");
        }
        List<ModelConfig> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < f.models().size(); i++) {
            ModelConfig m = model(f.models().get(i), "models[" + i + "]");
            if (!names.add(m.name())) {
                throw new ConfigException(source, m.line(), "model name '" + m.name() + "' is used twice");
            }
            models.add(m);
        }

        List<Condition> conditions = new ArrayList<>();
        for (String c : Optional.ofNullable(f.conditions()).orElse(DEFAULT_CONDITIONS)) {
            Condition condition = Condition.byConfigName(c).orElseThrow(() -> error("conditions", "has unknown "
                    + "condition '" + c + "' (known: empty, default, sampled, transfer, ensemble, corrupted)"));
            if (!conditions.contains(condition)) {
                conditions.add(condition);
            }
        }

        List<Long> seeds = Optional.ofNullable(f.seeds()).filter(s -> !s.isEmpty()).orElse(List.of(42L));
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.get(i) == null || seeds.get(i) < 0 || seeds.get(i) > 0xFFFFFFFFL) {
                throw error("seeds[" + i + "]", "'seeds' must be in [0, 4294967295], not " + seeds.get(i));
            }
        }

        ConfigFile.BudgetsEntry b = f.budgets();
        BudgetOverrides budgets = b == null ? BudgetOverrides.none() : new BudgetOverrides(
                positive("budgets.cot", b.cot(), 1 << 20), positive("budgets.answer", b.answer(), 1 << 20),
                positive("budgets.inserted", b.inserted(), 1 << 20));

        Optional<LocalDate> harmonyDate = Optional.ofNullable(f.harmonyDate()).map(d -> {
            try {
                return LocalDate.parse(d);
            } catch (DateTimeParseException e) {
                throw error("harmony-date", "must be a date YYYY-MM-DD, not '" + d + "'");
            }
        });

        List<EnsembleConfig> ensembles = new ArrayList<>();
        List<ConfigFile.EnsembleEntry> entries = Optional.ofNullable(f.ensemble()).orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            String at = "ensemble[" + i + "]";
            EnsembleConfig combo = new EnsembleConfig(orEmpty(entries.get(i).generators()),
                    orEmpty(entries.get(i).evaluators()), range(at + ".items-at-once", entries.get(i).itemsAtOnce(), 1,
                    GroupSizing.MAX_ITEMS).orElse(1));
            if (combo.generators().isEmpty() || combo.evaluators().isEmpty()) {
                throw error(at, "'" + at + "' needs at least one generator and one evaluator");
            }
            for (String m : combo.participants()) {
                if (!names.contains(m)) {
                    throw error(at, "'" + at + "' names model '" + m + "', which is not in 'models'");
                }
            }
            ensembles.add(combo);
        }
        if (conditions.contains(Condition.ENSEMBLE) && ensembles.isEmpty()) {
            throw error("conditions", "'conditions' has 'ensemble' but the config has no 'ensemble' combinations");
        }

        List<String> summaryWithout = orEmpty(f.summaryWithout());
        for (String m : summaryWithout) {
            if (!names.contains(m)) {
                throw error("summary-without", "'summary-without' names model '" + m + "', which is not in 'models'");
            }
        }
        if (!summaryWithout.isEmpty() && names.size() - new HashSet<>(summaryWithout).size() < 2) {
            throw error("summary-without", "'summary-without' must leave at least two models to compare");
        }

        Similarity similarity = Similarity.DEFAULT;
        if (f.benchmark().similarity() != null) {
            try {
                similarity = Similarity.fromConfigName(f.benchmark().similarity());
            } catch (IllegalArgumentException e) {
                throw error("benchmark.similarity", "'benchmark.similarity': " + e.getMessage());
            }
        }
        return new RunConfig(source, baseDir, name, benchmark, selection, similarity, models, conditions,
                Optional.ofNullable(f.withoutAnswer()).orElse(true), seeds, budgets, flags(f.flags()), harmonyDate,
                removal(f.answerRemoval()), ensembles, orEmpty(f.corrupted()), summaryWithout,
                Optional.ofNullable(f.cache()).map(c -> baseDir.resolve(c).normalize()), store(f.store()));
    }

    /** A shared store's URL, checked here; the messages never repeat it (a user may have put a password in it). */
    private Optional<String> store(String url) {
        if (url == null) {
            return Optional.empty();
        }
        if (!PostgresTarget.isUrl(url)) {
            throw error("store", "'store' must be postgresql://host[:port]/database (leave it out for the cache's"
                    + " SQLite store)");
        }
        try {
            PostgresTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw error("store", "'store': " + e.getMessage());
        }
        return Optional.of(url);
    }

    private ItemSelection selection(ConfigFile.BenchmarkEntry b, BenchmarkCatalog benchmark) {
        Integer limit = b.limit();
        if (limit != null && limit < 1) {
            throw error("benchmark.limit", "'benchmark.limit' must be positive, not " + limit);
        }
        return new ItemSelection(Optional.ofNullable(b.subset()).orElse(benchmark.defaultSubset()),
                Optional.ofNullable(b.items()), limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }

    private ModelConfig model(ConfigFile.ModelEntry m, String at) {
        int line = lines.line(at + ".name"); // the entry itself may be reported on the line before it
        if (m.name() == null || m.name().isBlank()) {
            throw error(at, "is missing: '" + at + ".name' is required");
        }
        if (Stream.of(m.path(), m.fixture(), m.zoo()).filter(x -> x != null).count() != 1) {
            throw error(at, "'" + at + "' needs exactly one of 'path' (a GGUF file), 'fixture' (random weights) and "
                    + "'zoo' (a committed toy model)");
        }
        int context = range(at + ".context", m.context(), 64, 1 << 22).orElse(4096);
        ModelSource source;
        if (m.path() != null) {
            Path path = baseDir.resolve(m.path()).normalize();
            if (!Files.isRegularFile(path)) {
                throw error(at + ".path", "'" + at + ".path' " + (Files.exists(path) ? "names " + path + ", which is "
                        + kindOf(path) + ", not a GGUF file" : "names a model file that does not exist: " + path));
            }
            source = new ModelSource.File(path);
        } else if (m.zoo() != null) {
            List<String> committed = ZooConfig.committed().models().stream().map(ZooModel::name).toList();
            if (!committed.contains(m.zoo())) {
                throw error(at + ".zoo", "'" + at + ".zoo' is '" + m.zoo() + "'; the committed zoo has "
                        + String.join(", ", committed));
            }
            source = new ModelSource.Zoo(m.zoo());
        } else {
            ConfigFile.FixtureEntry fx = m.fixture();
            if (fx.seed() == null || fx.seed() < 0) {
                throw error(at + ".fixture", "'" + at + ".fixture' needs 'seed' (0 or more)");
            }
            source = new ModelSource.RandomFixture(fx.seed(), range(at + ".fixture.layers", fx.layers(), 1, 64)
                    .orElse(2), range(at + ".fixture.context-length", fx.contextLength(), 64, 1 << 22).orElse(context));
        }
        Optional<ModelFamily> profile = Optional.ofNullable(m.profile()).filter(p -> !p.equals("auto")).map(p ->
                ModelFamily.byId(p).orElseThrow(() -> error(at + ".profile", "'" + at + ".profile' is '" + p
                        + "'; known: auto, " + ModelFamily.knownIds())));
        Optional<String> grammar = Optional.ofNullable(m.grammar());
        grammar.ifPresent(g -> Grammars.byName(g).orElseThrow(() -> error(at + ".grammar", "'" + at
                + ".grammar' is '" + g + "'; built-in grammars: " + Grammars.known())));
        ReasoningEffort effort = ReasoningEffort.byId(Optional.ofNullable(m.reasoningEffort()).orElse("low"))
                .orElseThrow(() -> error(at + ".reasoning-effort", "'" + at + ".reasoning-effort' must be low, medium "
                        + "or high, not '" + m.reasoningEffort() + "'"));
        ConfigFile.SamplingEntry s = Optional.ofNullable(m.sampling()).orElse(new ConfigFile.SamplingEntry(null, null,
                null, null));
        if (s.minP() != null && !(s.minP() >= 0 && s.minP() < 1)) {
            throw error(at + ".sampling.min-p", "'" + at + ".sampling.min-p' must be in [0, 1), not " + s.minP());
        }
        if (s.topP() != null && !(s.topP() > 0 && s.topP() <= 1)) {
            throw error(at + ".sampling.top-p", "'" + at + ".sampling.top-p' must be in (0, 1], not " + s.topP());
        }
        if (s.temperature() != null && !(s.temperature() > 0 && Float.isFinite(s.temperature()))) {
            throw error(at + ".sampling.temperature", "'" + at + ".sampling.temperature' must be positive and "
                    + "finite, not " + s.temperature());
        }
        Optional<Integer> topK = range(at + ".sampling.top-k", s.topK(), -1, 1 << 20).isPresent()
                ? Optional.of(s.topK()) : Optional.empty();
        int gpuLayers = range(at + ".gpu-layers", m.gpuLayers(), -1, 100_000).orElse(-1);
        Optional<Integer> batch = range(at + ".batch", m.batch(), 1, 1 << 16);
        Optional<Integer> ubatch = range(at + ".ubatch", m.ubatch(), 1, 1 << 16);
        if (batch.isPresent() && ubatch.isPresent() && ubatch.get() > batch.get()) {
            throw error(at + ".ubatch", "'" + at + ".ubatch' (" + ubatch.get() + ") must not exceed 'batch' ("
                    + batch.get() + ")");
        }
        boolean flash = Optional.ofNullable(m.flashAttn()).orElse(true);
        ContextOptions.CacheType kv = kvType(at, Optional.ofNullable(m.kvType()).orElse("f16"));
        if (kv == ContextOptions.CacheType.Q8_0 && !flash) {
            throw error(at + ".kv-type", "'" + at + ".kv-type' q8_0 needs 'flash-attn: true' (llama.cpp quantizes the "
                    + "V cache only with flash attention)");
        }
        Optional<Integer> parallel = range(at + ".parallel", m.parallel(), 1, ContextOptions.MAX_SEQUENCES);
        if (parallel.isPresent() && batch.isPresent() && parallel.get() > batch.get()) {
            throw error(at + ".parallel", "'" + at + ".parallel' (" + parallel.get() + ") must not exceed 'batch' ("
                    + batch.get() + "): one token of every sequence goes into each decode");
        }
        List<RpcServer> rpc = rpcServers(at, m.rpc());
        if (!rpc.isEmpty() && gpuLayers == 0) {
            throw error(at + ".rpc", "'" + at + ".rpc' offloads layers, but 'gpu-layers' is 0: set it to -1 (all) or "
                    + "a count");
        }
        return new ModelConfig(m.name(), source, profile, gpuLayers, context,
                range(at + ".threads", m.threads(), 1, 1024).orElse(Runtime.getRuntime().availableProcessors()),
                Optional.ofNullable(s.temperature()), topK, Optional.ofNullable(s.topP()),
                Optional.ofNullable(s.minP()), grammar, effort, batch, ubatch,
                flash, kv, rpc, line, parallel);
    }

    private ContextOptions.CacheType kvType(String at, String name) {
        return switch (name) {
            case "f16" -> ContextOptions.CacheType.F16;
            case "q8_0" -> ContextOptions.CacheType.Q8_0;
            default -> throw error(at + ".kv-type", "'" + at + ".kv-type' must be f16 or q8_0, not '" + name + "'");
        };
    }

    private List<RpcServer> rpcServers(String at, List<String> endpoints) {
        List<RpcServer> servers = new ArrayList<>();
        for (int i = 0; endpoints != null && i < endpoints.size(); i++) {
            try {
                servers.add(RpcServer.parse(String.valueOf(endpoints.get(i))));
            } catch (IllegalArgumentException e) {
                throw error(at + ".rpc[" + i + "]", "'" + at + ".rpc[" + i + "]': " + e.getMessage());
            }
        }
        if (new java.util.HashSet<>(servers).size() != servers.size()) {
            throw error(at + ".rpc", "'" + at + ".rpc' lists a server twice");
        }
        return servers;
    }

    private Quirks flags(Map<String, Boolean> flags) {
        if (flags == null) {
            return Quirks.fixed();
        }
        Map<String, Boolean> overrides = new LinkedHashMap<>();
        boolean umbrella = false;
        for (Map.Entry<String, Boolean> e : flags.entrySet()) {
            String at = "flags." + e.getKey();
            if (e.getValue() == null) {
                throw error(at, "'" + at + "' must be true or false");
            }
            if (e.getKey().equals(Quirks.UMBRELLA)) {
                umbrella = e.getValue();
            } else if (Quirk.byFlag(e.getKey()).isPresent()) {
                overrides.put(e.getKey(), e.getValue());
            } else {
                throw error(at, "unknown key '" + at + "' (known: " + Quirks.UMBRELLA + ", "
                        + String.join(", ", Quirks.flags()) + ")");
            }
        }
        return Quirks.of(umbrella, overrides);
    }

    private AnswerRemovalConfig removal(ConfigFile.RemovalEntry r) {
        if (r == null) {
            return AnswerRemovalConfig.rules();
        }
        String method = Optional.ofNullable(r.method()).orElse("rules");
        AnswerRemovalConfig.Method m = switch (method) {
            case "rules" -> AnswerRemovalConfig.Method.RULES;
            case "model" -> AnswerRemovalConfig.Method.MODEL;
            case "http" -> AnswerRemovalConfig.Method.HTTP;
            default -> throw error("answer-removal.method", "'answer-removal.method' must be rules, model or http, "
                    + "not '" + method + "'");
        };
        Optional<ModelConfig> model = Optional.ofNullable(r.model()).map(e -> model(e, "answer-removal.model"));
        if (m == AnswerRemovalConfig.Method.MODEL && model.isEmpty()) {
            throw error("answer-removal", "'answer-removal' needs 'model' (the filter model) for method 'model'");
        }
        return new AnswerRemovalConfig(m, model, range("answer-removal.max-tokens", r.maxTokens(), 1, 1 << 20)
                .orElse(2048), range("answer-removal.timeout-seconds", r.timeoutSeconds(), 1, 3600)
                .orElse(AnswerRemovalConfig.DEFAULT_TIMEOUT_SECONDS));
    }

    private Optional<Integer> positive(String at, Integer value, int max) {
        return range(at, value, 1, max);
    }

    private Optional<Integer> range(String at, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw error(at, "'" + at + "' must be in [" + min + ", " + max + "], not " + value);
        }
        return Optional.ofNullable(value);
    }

    private static String kindOf(Path path) {
        try {
            return xcot.gguf.GgufReader.kindOf(path);
        } catch (java.io.IOException e) {
            return "not readable (" + e.getMessage() + ")";
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private ConfigException error(String path, String problem) {
        return new ConfigException(source, lines.line(path), problem);
    }
}
