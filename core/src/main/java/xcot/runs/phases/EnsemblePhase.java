package xcot.runs.phases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleCotSource;
import xcot.methods.EnsembleItem;
import xcot.methods.EnsembleParticipant;
import xcot.methods.EnsembleSetup;
import xcot.methods.EnsembleTrace;
import xcot.runs.config.EnsembleConfig;
import xcot.runs.config.ModelConfig;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.runs.store.Hashing;
import xcot.runs.store.StoreException;
import xcot.tasks.BenchmarkItem;

/**
 * Runs the ensemble steps: the combination's participants are loaded together (only if some item is missing from
 * the store) and the engine writes one CoT per item; each CoT is stored, with its trace, as soon as it is done.
 */
final class EnsemblePhase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PhaseContext ctx;
    private final LoadedModels models;

    EnsemblePhase(PhaseContext ctx) {
        this(ctx, LoadedModels.perStep());
    }

    EnsemblePhase(PhaseContext ctx, LoadedModels models) {
        this.ctx = ctx;
        this.models = models;
    }

    void run(PlanStep step) {
        RunPlan plan = ctx.plan();
        EnsembleCotSource engine = ctx.ensembleEngine();
        Map<String, ModelHandle> handles = new LinkedHashMap<>();
        EnsembleCotSource.EnsembleRun engineRun = null;
        try {
            for (String name : step.models()) {
                handles.put(name, models.open(plan.model(name)));
            }
            for (Unit unit : step.units()) {
                Unit.Ensemble u = (Unit.Ensemble) unit;
                String key = key(plan, engine, u.combination(), u.item());
                Optional<String> stored = ctx.store().ensembleCot(key);
                EnsembleCot cot;
                if (stored.isPresent()) {
                    cot = fromJson(stored.get());
                    ctx.listener().unitDone(true);
                } else {
                    if (engineRun == null) {
                        engineRun = engine.start(setup(u.combination(), handles));
                    }
                    cot = engineRun.cot(item(u.combination(), u.item()));
                    ctx.store().putEnsembleCot(key, toJson(cot));
                    ctx.listener().unitDone(false);
                }
                ctx.results().putEnsembleCot(u.key(), cot);
            }
        } finally {
            if (engineRun != null) {
                engineRun.close();
            }
            handles.values().forEach(ModelHandle::close);
        }
    }

    private EnsembleSetup setup(EnsembleConfig combo, Map<String, ModelHandle> handles) {
        return new EnsembleSetup(participants(combo.generators(), handles), participants(combo.evaluators(), handles),
                ctx.plan().benchmark().kind(), ctx.plan().config().flags());
    }

    private static List<EnsembleParticipant> participants(List<String> names, Map<String, ModelHandle> handles) {
        List<EnsembleParticipant> out = new ArrayList<>();
        for (String name : names) {
            ModelHandle h = handles.get(name);
            ModelConfig c = h.resolved().config();
            out.add(new EnsembleParticipant(name, h.model(), h.resolved().profile(), c.contextTokens(), c.threads()));
        }
        return out;
    }

    private EnsembleItem item(EnsembleConfig combo, BenchmarkItem item) {
        RunPlan plan = ctx.plan();
        Map<String, String> contexts = new LinkedHashMap<>();
        for (String name : combo.participants()) {
            ResolvedModel m = plan.model(name);
            String rendered = m.profile().render(item.prompt(), plan.render(m));
            contexts.put(name, rendered + m.profile().ensembleContextOpening(rendered, plan.config().flags()));
        }
        return new EnsembleItem(item.id(), contexts, plan.config().seeds().get(0), plan.budgets().cotTokens());
    }

    /** Every input that decides an ensemble CoT. */
    static String key(RunPlan plan, EnsembleCotSource engine, EnsembleConfig combo, BenchmarkItem item) {
        List<String> parts = new ArrayList<>(List.of("ensemble-v2", engine.name(), combo.label(), item.id(),
                plan.benchmark().kind().name(), String.join(",", plan.config().flags().enabled()),
                plan.harmonyDate().toString(), Long.toString(plan.config().seeds().get(0)),
                Integer.toString(plan.budgets().cotTokens()), item.prompt().system().orElse("-"),
                item.prompt().user()));
        for (String name : combo.participants()) {
            ResolvedModel m = plan.model(name);
            parts.add(m.sha256() + ":" + m.profile().family().id() + ":" + m.config().reasoningEffort().id());
        }
        return Hashing.of(parts.toArray(String[]::new));
    }

    static String toJson(EnsembleCot cot) {
        ObjectNode o = JSON.createObjectNode();
        o.put("firstGeneratorContext", cot.firstGeneratorContext());
        o.put("chunks", cot.chunks());
        o.put("closedThinking", cot.closedThinking());
        ObjectNode shares = o.putObject("chunksPerGenerator");
        new TreeMap<>(cot.chunksPerGenerator()).forEach(shares::put);
        o.set("trace", JSON.valueToTree(cot.trace()));
        o.put("openMarker", cot.openMarker());
        o.put("closeMarker", cot.closeMarker());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static EnsembleCot fromJson(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            Map<String, Integer> shares = new LinkedHashMap<>();
            o.get("chunksPerGenerator").properties().forEach(e -> shares.put(e.getKey(), e.getValue().intValue()));
            EnsembleTrace trace = JSON.treeToValue(o.get("trace"), EnsembleTrace.class);
            return new EnsembleCot(o.get("firstGeneratorContext").textValue(), o.get("chunks").textValue(),
                    o.get("closedThinking").booleanValue(), shares, trace, o.get("openMarker").textValue(),
                    o.get("closeMarker").textValue());
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored ensemble CoT cannot be read: " + e.getMessage(), e);
        }
    }
}
