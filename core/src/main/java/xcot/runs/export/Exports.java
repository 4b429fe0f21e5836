package xcot.runs.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.formats.EnsembleTraceJsonl;
import xcot.formats.PythonJson;
import xcot.formats.XcotJsonl;
import xcot.methods.Condition;
import xcot.profiles.ModelFamily;
import xcot.runs.plan.AttemptKey;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.runs.results.AttemptRecord;
import xcot.runs.results.Results;

/**
 * Writes a finished run's outputs from its results, in the plan's export order, so an export after any number of
 * interruptions equals an uninterrupted run's, byte for byte. Every file is written to a temporary file in the same
 * folder and moved into place: a reader never sees half a file, and a failed write leaves the old file.
 */
public final class Exports {
    private Exports() {}

    /** The files written: {@code answers.jsonl} and the reference-format files (none for most benchmarks). */
    public record Written(Path answers, List<Path> reference) {
        public Written {
            reference = List.copyOf(reference);
        }
    }

    public static Written write(Path runDir, RunPlan plan, Results results) {
        List<Map.Entry<AttemptKey, AttemptRecord>> records = results.exported(plan);
        Path answers = answers(runDir, records);
        List<Path> reference = List.of();
        if (plan.benchmark().referenceFormat().isPresent()) {
            reference = GenexExport.write(runDir.resolve(RunFiles.GENEX_DIR), records, results, ossEfforts(plan));
        }
        if (plan.config().runs(Condition.ENSEMBLE)) {
            traces(runDir, plan, results);
        }
        return new Written(answers, reference);
    }

    private static Path answers(Path runDir, List<Map.Entry<AttemptKey, AttemptRecord>> records) {
        List<String> lines = new ArrayList<>();
        for (var e : records) {
            AttemptRecord r = e.getValue();
            var a = r.attempt();
            String stop = a.passes().isEmpty() ? "" : a.passes().getLast().stopReason().name();
            XcotJsonl.Details details = new XcotJsonl.Details(
                    r.seed().isPresent() ? Optional.of(r.seed().getAsLong()) : Optional.empty(), a.insertedCot(),
                    a.thinking(), a.continuation(), a.generatedTokens(), stop);
            lines.add(XcotJsonl.line(r.answer(), details));
        }
        return writeAtomically(runDir.resolve(RunFiles.ANSWERS), lines);
    }

    /** gpt-oss Default files carry the effort in their name ({@code _original_low}), as in the reference. */
    private static Map<String, String> ossEfforts(RunPlan plan) {
        Map<String, String> efforts = new HashMap<>();
        for (ResolvedModel m : plan.models()) {
            if (m.profile().family() == ModelFamily.GPT_OSS) {
                efforts.put(m.name(), m.config().reasoningEffort().id());
            }
        }
        return efforts;
    }

    private static void traces(Path runDir, RunPlan plan, Results results) {
        List<String> lines = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            for (Unit unit : step.units()) {
                if (unit instanceof Unit.Ensemble e) {
                    for (String event : EnsembleTraceJsonl.lines(e.item().id(), results.ensembleCot(e.key()).trace())) {
                        lines.add("{\"combination\":" + quote(e.combination().label()) + ",\"item\":"
                                + quote(e.item().id()) + ",\"event\":" + event + "}");
                    }
                }
            }
        }
        writeAtomically(runDir.resolve(RunFiles.TRACES), lines);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder();
        PythonJson.string(out, s);
        return out.toString();
    }

    /** Writes {@code lines} to a temporary sibling and moves it over {@code file}. */
    public static Path writeAtomically(Path file, List<String> lines) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error says what went wrong; a leftover .tmp file is harmless
            }
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
