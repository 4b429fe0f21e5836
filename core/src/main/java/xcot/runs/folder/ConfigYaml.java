package xcot.runs.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import xcot.llm.ContextOptions;
import xcot.llm.RpcServer;
import xcot.methods.Condition;
import xcot.profiles.SamplingDefaults;
import xcot.runs.config.EnsembleConfig;
import xcot.runs.config.ModelConfig;
import xcot.runs.config.ModelSource;
import xcot.runs.config.RunConfig;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.tasks.CotCorruption;

/**
 * A run's {@code config.yaml}: the config as the run resolved it, every default filled in (the subset, the budgets of
 * the benchmark, each model's detected profile and its sampling values, the batch sizes, the harmony date, ...). It is
 * itself a valid run config with the keys of {@link xcot.runs.config.ConfigKeys}, so {@code xcot run config.yaml}
 * repeats the run. A rerun into the folder must resolve to the same text, apart from {@link #MACHINE_KEYS}.
 */
public final class ConfigYaml {
    /**
     * Keys that say where and how fast the run computes, not what: they may differ between a run and its resume (on
     * another machine, say) without making the outputs another run's. Model keys apply to every model entry.
     */
    public static final List<String> MACHINE_KEYS = List.of("cache", "models[].threads", "models[].rpc",
            "answer-removal.model.threads", "answer-removal.model.rpc");

    static final String HEADER = "# The resolved config of this run, written by xcot (every default filled in). A rerun"
            + " into this folder\n# must resolve to the same (threads, rpc and cache may differ); xcot run --force"
            + " replaces the run.\n";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private ConfigYaml() {}

    /** The text of {@code config.yaml} for {@code plan}, whose cache folder is {@code cache}. */
    public static String render(RunPlan plan, Path cache) {
        try {
            return HEADER + YAML.writeValueAsString(tree(plan, cache));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the resolved config: " + e.getMessage(), e);
        }
    }

    /** The resolved config as a tree (what {@link #render} writes). */
    static ObjectNode tree(RunPlan plan, Path cache) {
        RunConfig c = plan.config();
        ObjectNode root = YAML.createObjectNode();
        root.put("name", c.name());
        ObjectNode benchmark = root.putObject("benchmark");
        benchmark.put("name", c.benchmark().id());
        benchmark.put("subset", c.selection().subset());
        c.selection().ids().ifPresent(ids -> ids.forEach(benchmark.putArray("items")::add));
        if (c.selection().limit().isPresent()) {
            benchmark.put("limit", c.selection().limit().getAsInt());
        }
        benchmark.put("similarity", c.similarity().configName());
        ArrayNode models = root.putArray("models");
        for (ResolvedModel m : plan.models()) {
            models.add(model(m.config(), Optional.of(m)));
        }
        ArrayNode conditions = root.putArray("conditions");
        c.conditions().forEach(k -> conditions.add(k == Condition.TRANSFER ? "transfer" : k.label()));
        root.put("without-answer", c.withoutAnswer());
        c.seeds().forEach(root.putArray("seeds")::add);
        ObjectNode budgets = root.putObject("budgets");
        budgets.put("cot", plan.budgets().cotTokens());
        budgets.put("answer", plan.budgets().answerTokens());
        budgets.put("inserted", plan.budgets().insertedTokens());
        ObjectNode flags = root.putObject("flags");
        if (c.flags().enabled().isEmpty()) {
            flags.put(xcot.reference.Quirks.UMBRELLA, false);
        }
        c.flags().enabled().forEach(f -> flags.put(f, true));
        root.put("harmony-date", plan.harmonyDate().toString());
        ObjectNode removal = root.putObject("answer-removal");
        removal.put("method", c.answerRemoval().method().name().toLowerCase(java.util.Locale.ROOT));
        c.answerRemoval().model().ifPresent(m -> removal.set("model", model(m, plan.filterModel())));
        removal.put("max-tokens", c.answerRemoval().maxTokens());
        ArrayNode ensembles = root.putArray("ensemble");
        for (EnsembleConfig e : c.ensembles()) {
            ObjectNode entry = ensembles.addObject();
            e.generators().forEach(entry.putArray("generators")::add);
            e.evaluators().forEach(entry.putArray("evaluators")::add);
        }
        ArrayNode corrupted = root.putArray("corrupted");
        if (c.corruptions().isEmpty()) {
            plan.benchmark().corruptions().stream().map(CotCorruption::name).forEach(corrupted::add);
        } else {
            c.corruptions().forEach(corrupted::add);
        }
        c.summaryWithout().forEach(root.putArray("summary-without")::add);
        root.put("cache", cache.toAbsolutePath().normalize().toString());
        return root;
    }

    private static ObjectNode model(ModelConfig m, Optional<ResolvedModel> resolved) {
        ObjectNode o = YAML.createObjectNode();
        o.put("name", m.name());
        switch (m.source()) {
            case ModelSource.File f -> o.put("path", f.path().toAbsolutePath().normalize().toString());
            case ModelSource.RandomFixture f -> {
                ObjectNode fixture = o.putObject("fixture");
                fixture.put("seed", f.seed());
                fixture.put("layers", f.layers());
                fixture.put("context-length", f.contextLength());
            }
            case ModelSource.Zoo z -> o.put("zoo", z.name());
        }
        resolved.ifPresentOrElse(r -> o.put("profile", r.profile().family().id()),
                () -> o.put("profile", m.profile().map(p -> p.id()).orElse("auto")));
        o.put("gpu-layers", m.gpuLayers());
        o.put("context", m.contextTokens());
        o.put("threads", m.threads());
        ObjectNode sampling = o.putObject("sampling");
        if (resolved.isPresent()) {
            SamplingDefaults s = resolved.get().profile().sampling();
            sampling.put("temperature", s.temperature());
            sampling.put("top-k", s.topK());
            sampling.put("top-p", s.topP());
            sampling.put("min-p", s.minP());
        } else {
            m.temperature().ifPresent(t -> sampling.put("temperature", t));
            m.topK().ifPresent(k -> sampling.put("top-k", k));
            m.topP().ifPresent(p -> sampling.put("top-p", p));
            m.minP().ifPresent(p -> sampling.put("min-p", p));
        }
        m.grammar().ifPresent(g -> o.put("grammar", g));
        o.put("reasoning-effort", m.reasoningEffort().id());
        ContextOptions runtime = m.contextOptions();
        o.put("batch", runtime.batchTokens());
        o.put("ubatch", runtime.ubatchTokens());
        o.put("flash-attn", m.flashAttention());
        o.put("kv-type", m.kvCacheType().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode rpc = o.putArray("rpc");
        for (RpcServer s : m.rpcServers()) {
            rpc.add(s.host() + ":" + s.port());
        }
        return o;
    }

    /** Reads a {@code config.yaml} as a tree. */
    static JsonNode read(String text) throws JsonProcessingException {
        return YAML.readTree(text);
    }
}
