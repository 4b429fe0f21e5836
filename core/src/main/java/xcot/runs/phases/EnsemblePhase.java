package xcot.runs.phases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import xcot.llm.ContextOptions.CacheType;
import xcot.methods.EnsembleCapacity;
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
 * the store) and the engine writes one CoT per item, stored with its trace as soon as it is done. With
 * {@code items-at-once} above 1, the items advance together in the plan's fixed groups ({@link PlanStep#itemGroups}):
 * a group's CoTs are stored together under a key that names the group, and a group not in the store is computed
 * whole, so a resumed run computes the same groups as an uninterrupted one.
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
        EnsembleConfig combo = ((Unit.Ensemble) step.units().getFirst()).combination();
        Map<String, ModelHandle> handles = new LinkedHashMap<>();
        EnsembleCotSource.EnsembleRun engineRun = null;
        try {
            for (String name : step.models()) {
                handles.put(name, models.open(plan.model(name)));
            }
            for (List<Unit> group : step.itemGroups(combo.itemsAtOnce())) {
                List<Unit.Ensemble> units = group.stream().map(u -> (Unit.Ensemble) u).toList();
                List<EnsembleCot> cots = stored(plan, engine, combo, units);
                if (cots == null) {
                    if (engineRun == null) {
                        engineRun = engine.start(setup(combo, handles));
                    }
                    cots = compute(plan, engine, combo, units, engineRun);
                }
                for (int i = 0; i < units.size(); i++) {
                    ctx.results().putEnsembleCot(units.get(i).key(), cots.get(i));
                }
            }
        } finally {
            if (engineRun != null) {
                engineRun.close();
            }
            handles.values().forEach(ModelHandle::close);
        }
    }

    /** The group's CoTs from the store (a group of several items is one row), or null if they must be computed. */
    private List<EnsembleCot> stored(RunPlan plan, EnsembleCotSource engine, EnsembleConfig combo,
                                     List<Unit.Ensemble> units) {
        if (combo.itemsAtOnce() == 1) {
            Unit.Ensemble u = units.getFirst();
            Optional<String> json = ctx.store().ensembleCot(key(plan, engine, combo, u.item()));
            json.ifPresent(j -> ctx.listener().unitDone(true));
            return json.map(j -> List.of(fromJson(j))).orElse(null);
        }
        Optional<String> json = ctx.store().ensembleCot(groupKey(plan, engine, combo, units));
        if (json.isEmpty()) {
            return null;
        }
        List<EnsembleCot> cots = fromJsonArray(json.get());
        if (cots.size() != units.size()) {
            throw new StoreException("a stored ensemble group holds " + cots.size() + " CoTs, not " + units.size());
        }
        units.forEach(u -> ctx.listener().unitDone(true));
        return cots;
    }

    /**
     * Computes a group's CoTs and stores them: one item alone as always ({@link EnsembleCotSource.EnsembleRun#cot}),
     * several items together ({@link EnsembleCotSource.EnsembleRun#cots}) in one row, so a group is never stored in
     * part.
     */
    private List<EnsembleCot> compute(RunPlan plan, EnsembleCotSource engine, EnsembleConfig combo,
                                      List<Unit.Ensemble> units, EnsembleCotSource.EnsembleRun engineRun) {
        if (combo.itemsAtOnce() == 1) {
            Unit.Ensemble u = units.getFirst();
            EnsembleCot cot = engineRun.cot(item(combo, u.item()));
            ctx.store().putEnsembleCot(key(plan, engine, combo, u.item()), toJson(cot));
            ctx.listener().unitDone(false);
            return List.of(cot);
        }
        List<EnsembleCot> cots = engineRun.cots(units.stream().map(u -> item(combo, u.item())).toList());
        ctx.store().putEnsembleCot(groupKey(plan, engine, combo, units), toJsonArray(cots));
        units.forEach(u -> ctx.listener().unitDone(false));
        return cots;
    }

    private EnsembleSetup setup(EnsembleConfig combo, Map<String, ModelHandle> handles) {
        EnsembleCapacity capacity = combo.itemsAtOnce() == 1 ? EnsembleCapacity.ONE_ITEM
                : new EnsembleCapacity(combo.itemsAtOnce(), CacheType.F16, false);
        return new EnsembleSetup(participants(combo.generators(), handles), participants(combo.evaluators(), handles),
                ctx.plan().benchmark().kind(), ctx.plan().config().flags(), capacity);
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

    /**
     * The key of a group of items computed together: every item's own key and the group itself (its items in order),
     * since a CoT computed among other items is not the one computed alone or in another group.
     */
    static String groupKey(RunPlan plan, EnsembleCotSource engine, EnsembleConfig combo, List<Unit.Ensemble> units) {
        List<String> parts = new ArrayList<>(List.of("ensemble-group-v1", Integer.toString(combo.itemsAtOnce())));
        for (Unit.Ensemble u : units) {
            parts.add(u.item().id());
            parts.add(key(plan, engine, combo, u.item()));
        }
        return Hashing.of(parts.toArray(String[]::new));
    }

    static String toJsonArray(List<EnsembleCot> cots) {
        ArrayNode array = JSON.createArrayNode();
        for (EnsembleCot cot : cots) {
            array.add(node(cot));
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<EnsembleCot> fromJsonArray(String json) {
        try {
            List<EnsembleCot> cots = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                cots.add(fromNode(o));
            }
            return cots;
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored ensemble group cannot be read: " + e.getMessage(), e);
        }
    }

    static String toJson(EnsembleCot cot) {
        try {
            return JSON.writeValueAsString(node(cot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode node(EnsembleCot cot) {
        ObjectNode o = JSON.createObjectNode();
        o.put("firstGeneratorContext", cot.firstGeneratorContext());
        o.put("chunks", cot.chunks());
        o.put("closedThinking", cot.closedThinking());
        ObjectNode shares = o.putObject("chunksPerGenerator");
        new TreeMap<>(cot.chunksPerGenerator()).forEach(shares::put);
        o.set("trace", JSON.valueToTree(cot.trace()));
        o.put("openMarker", cot.openMarker());
        o.put("closeMarker", cot.closeMarker());
        return o;
    }

    static EnsembleCot fromJson(String json) {
        try {
            return fromNode(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored ensemble CoT cannot be read: " + e.getMessage(), e);
        }
    }

    private static EnsembleCot fromNode(JsonNode o) throws JsonProcessingException {
        Map<String, Integer> shares = new LinkedHashMap<>();
        o.get("chunksPerGenerator").properties().forEach(e -> shares.put(e.getKey(), e.getValue().intValue()));
        EnsembleTrace trace = JSON.treeToValue(o.get("trace"), EnsembleTrace.class);
        return new EnsembleCot(o.get("firstGeneratorContext").textValue(), o.get("chunks").textValue(),
                o.get("closedThinking").booleanValue(), shares, trace, o.get("openMarker").textValue(),
                o.get("closeMarker").textValue());
    }
}
