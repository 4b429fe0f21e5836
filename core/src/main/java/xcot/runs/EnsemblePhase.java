package xcot.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.methods.Condition;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleCotSource;
import xcot.methods.EnsembleItem;
import xcot.methods.EnsembleParticipant;
import xcot.methods.EnsembleSetup;
import xcot.runs.store.StoreException;
import xcot.tasks.BenchmarkItem;

/**
 * Phase 2: for each ensemble combination, every participant is loaded at once and the engine writes one CoT per
 * item; each CoT is stored (with its trace) as soon as it is done. The models load only if some item is missing.
 */
final class EnsemblePhase {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnsemblePhase() {}

    static long units(RunContext ctx) {
        return ctx.config.runs(Condition.ENSEMBLE) ? (long) ctx.config.ensembles().size() * ctx.items.size() : 0;
    }

    /** The ensemble CoTs, by combination label and item id. */
    static Map<String, EnsembleCot> run(RunContext ctx) {
        Map<String, EnsembleCot> cots = new HashMap<>();
        if (!ctx.config.runs(Condition.ENSEMBLE)) {
            return cots;
        }
        EnsembleCotSource engine = ctx.ensembleSource;
        for (EnsembleConfig combo : ctx.config.ensembles()) {
            ctx.progress.phase("ensemble " + combo.label() + ":");
            Map<String, ModelHandle> handles = new LinkedHashMap<>();
            for (String name : new LinkedHashSet<>(concat(combo.generators(), combo.evaluators()))) {
                handles.put(name, new ModelHandle(ctx.model(name)));
            }
            EnsembleCotSource.EnsembleRun engineRun = null;
            try {
                for (BenchmarkItem item : ctx.items) {
                    String key = key(ctx, engine, combo, item);
                    Optional<String> stored = ctx.store.ensembleCot(key);
                    EnsembleCot cot;
                    if (stored.isPresent()) {
                        cot = fromJson(stored.get());
                        ctx.progress.unitDone(true);
                    } else {
                        if (engineRun == null) {
                            engineRun = engine.start(setup(ctx, combo, handles));
                        }
                        cot = engineRun.cot(item(ctx, combo, item));
                        ctx.store.putEnsembleCot(key, toJson(cot));
                        ctx.progress.unitDone(false);
                    }
                    cots.put(id(combo, item.id()), cot);
                }
            } finally {
                if (engineRun != null) {
                    engineRun.close();
                }
                handles.values().forEach(ModelHandle::close);
            }
        }
        return cots;
    }

    static String id(EnsembleConfig combo, String itemId) {
        return combo.label() + "\u0000" + itemId;
    }

    private static EnsembleSetup setup(RunContext ctx, EnsembleConfig combo, Map<String, ModelHandle> handles) {
        return new EnsembleSetup(participants(combo.generators(), handles), participants(combo.evaluators(), handles),
                ctx.kind(), ctx.config.flags());
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

    private static EnsembleItem item(RunContext ctx, EnsembleConfig combo, BenchmarkItem item) {
        Map<String, String> contexts = new LinkedHashMap<>();
        for (String name : new LinkedHashSet<>(concat(combo.generators(), combo.evaluators()))) {
            ResolvedModel m = ctx.model(name);
            String rendered = m.profile().render(item.prompt(), ctx.render(m));
            contexts.put(name, rendered + m.profile().ensembleContextOpening(rendered, ctx.config.flags()));
        }
        return new EnsembleItem(item.id(), contexts, ctx.config.seeds().get(0), ctx.budgets.cotTokens());
    }

    private static String key(RunContext ctx, EnsembleCotSource engine, EnsembleConfig combo, BenchmarkItem item) {
        List<String> parts = new ArrayList<>(List.of("ensemble-v1", engine.name(), combo.label(), item.id(),
                ctx.kind().name(), String.join(",", ctx.config.flags().enabled()), ctx.harmonyDate.toString(),
                Long.toString(ctx.config.seeds().get(0)), Integer.toString(ctx.budgets.cotTokens()),
                item.prompt().system().orElse("-"), item.prompt().user()));
        for (String name : new LinkedHashSet<>(concat(combo.generators(), combo.evaluators()))) {
            ResolvedModel m = ctx.model(name);
            parts.add(m.sha256() + ":" + m.profile().family().id() + ":" + m.config().reasoningEffort());
        }
        return Hashing.of(parts.toArray(String[]::new));
    }

    static String toJson(EnsembleCot cot) {
        ObjectNode o = JSON.createObjectNode();
        o.put("firstGeneratorContext", cot.firstGeneratorContext());
        o.put("chunks", cot.chunks());
        o.put("closedThinking", cot.closedThinking());
        ObjectNode shares = o.putObject("chunksPerGenerator");
        new java.util.TreeMap<>(cot.chunksPerGenerator()).forEach(shares::put);
        cot.traceJsonLines().forEach(o.putArray("trace")::add);
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
            List<String> trace = new ArrayList<>();
            o.get("trace").forEach(t -> trace.add(t.textValue()));
            return new EnsembleCot(o.get("firstGeneratorContext").textValue(), o.get("chunks").textValue(),
                    o.get("closedThinking").booleanValue(), shares, trace);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored ensemble CoT cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
