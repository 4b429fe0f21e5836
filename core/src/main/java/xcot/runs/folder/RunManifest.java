package xcot.runs.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.build.BuildInfo;
import xcot.llm.Backend;
import xcot.llm.BackendInfo;
import xcot.runs.config.ModelSource;
import xcot.runs.export.Exports;
import xcot.runs.export.RunFiles;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;

/**
 * A run's {@code run.json} ({@value #FORMAT_VERSION}): what made its numbers — xcot's version and commit, the
 * llama.cpp build, the JDK, the machine, the models with their files' SHA-256, the run's own fixed facts (its harmony
 * date), when it ran, each step's time and tokens, and how much came from the shared cache. Written when the run starts
 * ({@code status: running}) and again when it ends; reports read it ({@code xcot.reports.RunFolder}).
 *
 * @param firstStarted when the first invocation that wrote this folder started (a resumed run keeps it)
 * @param started      when this invocation started
 * @param finished     when it finished; empty while running
 */
public record RunManifest(RunPlan plan, Path cache, Instant firstStarted, Instant started, Optional<Instant> finished,
                          List<StepTimings.Step> steps, Map<UsedCache.Kind, UsedCache.Counts> cacheUse) {
    /** The format version, which readers check ({@code xcot.reports.RunFolder#RUN_JSON_VERSION}). */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RunManifest {
        steps = List.copyOf(steps);
        cacheUse = Map.copyOf(cacheUse);
    }

    /** Writes {@code run.json} into {@code dir}, atomically. */
    public void write(Path dir) {
        try {
            Exports.writeAtomically(dir.resolve(RunFiles.RUN_JSON), List.of(JSON.writeValueAsString(toJson())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run.json: " + e.getMessage(), e);
        }
    }

    ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        BuildInfo build = BuildInfo.current();
        ObjectNode xcot = root.putObject("xcot");
        xcot.put("version", build.version());
        xcot.put("commit", build.commit());
        xcot.put("uncommittedChanges", build.dirty());
        BackendInfo backend = Backend.info();
        ObjectNode llama = root.putObject("llamaCpp");
        llama.put("tag", backend.tag());
        llama.put("commit", backend.commit());
        llama.put("variant", backend.variant());
        llama.put("buildKey", Backend.buildKey());
        llama.put("patches", backend.patches());
        ObjectNode jdk = root.putObject("jdk");
        jdk.put("version", Runtime.version().toString());
        jdk.put("vendor", System.getProperty("java.vm.vendor"));
        MachineFacts machine = MachineFacts.of(backend);
        ObjectNode host = root.putObject("machine");
        host.put("os", machine.os());
        host.put("arch", machine.arch());
        host.put("cpu", machine.cpu());
        host.put("cores", machine.cores());
        host.put("memoryBytes", machine.memoryBytes());
        ArrayNode gpus = host.putArray("gpus");
        for (BackendInfo.Device d : machine.gpus()) {
            ObjectNode g = gpus.addObject();
            g.put("name", d.name());
            g.put("description", d.description());
            g.put("memoryBytes", d.totalBytes());
        }
        ObjectNode run = root.putObject("run");
        run.put("name", plan.config().name());
        run.put("benchmark", plan.benchmark().name());
        run.put("items", plan.benchmark().items().size());
        run.put("units", plan.unitCount());
        run.put("harmonyDate", plan.harmonyDate().toString());
        run.put("status", finished.isPresent() ? "finished" : "running");
        run.put("firstStarted", firstStarted.toString());
        run.put("started", started.toString());
        finished.ifPresent(f -> run.put("finished", f.toString()));
        finished.ifPresent(f -> run.put("wallSeconds", Math.round((f.toEpochMilli() - started.toEpochMilli())
                / 100.0) / 10.0));
        ArrayNode models = root.putArray("models");
        for (ResolvedModel m : plan.models()) {
            models.add(model(m));
        }
        plan.filterModel().ifPresent(m -> root.set("answerRemovalModel", model(m)));
        ArrayNode phases = root.putArray("steps");
        for (StepTimings.Step s : steps) {
            ObjectNode p = phases.addObject();
            p.put("step", s.label());
            p.put("phase", s.phase());
            p.put("units", s.units());
            p.put("computed", s.computed());
            p.put("fromCache", s.fromCache());
            p.put("seconds", Math.round(s.wallNanos() / 1e7) / 100.0);
            p.put("newTokens", s.newTokens());
            p.put("tokensPerSecond", Math.round(s.tokensPerSecond() * 10) / 10.0);
            s.batch().ifPresent(b -> {
                p.put("parallel", b.parallel());
                p.put("sequences", b.sequences());
                p.put("meanInFlight", Math.round(b.meanInFlight() * 100) / 100.0);
                p.put("maxInFlight", b.maxInFlight());
                p.put("generationSeconds", Math.round(b.wallNanos() / 1e7) / 100.0);
                p.put("promptTokensDecoded", b.promptTokensDecoded());
                p.put("promptTokensReused", b.promptTokensReused());
            });
        }
        ObjectNode cacheNode = root.putObject("cache");
        cacheNode.put("folder", cache.toAbsolutePath().normalize().toString());
        cacheNode.put("keys", RunFiles.CACHE_KEYS);
        for (UsedCache.Kind k : UsedCache.Kind.values()) {
            UsedCache.Counts c = cacheUse.getOrDefault(k, new UsedCache.Counts(0, 0));
            ObjectNode n = cacheNode.putObject(k.label());
            n.put("found", c.found());
            n.put("added", c.added());
        }
        return root;
    }

    private static ObjectNode model(ResolvedModel m) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", m.name());
        o.put("source", switch (m.config().source()) {
            case ModelSource.File f -> "file";
            case ModelSource.RandomFixture f -> "random-weight fixture, seed " + f.seed();
            case ModelSource.Zoo z -> "zoo " + z.name();
        });
        o.put("file", m.path().toAbsolutePath().normalize().toString());
        o.put("sha256", m.sha256());
        try {
            o.put("sizeBytes", Files.size(m.path()));
        } catch (IOException e) {
            o.put("sizeBytes", -1);
        }
        o.put("profile", m.profile().family().id());
        o.put("runtime", m.config().runtimeKey());
        m.config().parallel().ifPresent(p -> o.put("parallel", p));
        return o;
    }

    /** The {@code run.json} in {@code dir}, if there is a readable one. */
    public static Optional<JsonNode> read(Path dir) {
        Path file = dir.resolve(RunFiles.RUN_JSON);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The harmony date an earlier invocation recorded: a resumed run keeps its date. */
    public static Optional<LocalDate> recordedHarmonyDate(Optional<JsonNode> runJson) {
        return runJson.map(n -> n.path("run").path("harmonyDate").asText("")).filter(s -> !s.isEmpty()).flatMap(s -> {
            try {
                return Optional.of(LocalDate.parse(s));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The {@code parallel} each model ran with, as an earlier invocation recorded it: a resumed run keeps a value chosen
     * by default where batching changes outputs.
     */
    public static java.util.Map<String, Integer> recordedParallel(Optional<JsonNode> runJson) {
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        runJson.ifPresent(n -> {
            n.path("models").forEach(m -> {
                if (m.path("parallel").canConvertToInt() && m.path("parallel").asInt() > 0) {
                    out.put(m.path("name").asText(), m.path("parallel").asInt());
                }
            });
            JsonNode f = n.path("answerRemovalModel");
            if (f.path("parallel").canConvertToInt() && f.path("parallel").asInt() > 0) {
                out.put(f.path("name").asText(), f.path("parallel").asInt());
            }
        });
        return out;
    }

    /** When the first invocation started, as an earlier {@code run.json} recorded it. */
    public static Optional<Instant> recordedFirstStart(Optional<JsonNode> runJson) {
        return runJson.map(n -> n.path("run").path("firstStarted").asText("")).filter(s -> !s.isEmpty()).flatMap(s -> {
            try {
                return Optional.of(Instant.parse(s));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }
}
