package xcot.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.formats.XcotJsonl;
import xcot.io.InputProblem;
import xcot.io.ReadResult;
import xcot.metrics.ScoredAnswer;
import xcot.reports.Provenance.Row;
import xcot.reports.input.ReportInputException;
import xcot.runs.export.RunFiles;
import xcot.runs.folder.RunLock;
import xcot.runs.folder.RunManifest;

/**
 * A finished run folder, read for reporting: its answers ({@code answers.jsonl}, the only file required), its
 * ensemble traces when there are any, and its provenance ({@code run.json}, {@code config.yaml}) when recorded.
 * Everything else about the run is recomputed from the answers, so a report equals what {@code xcot score} prints.
 *
 * <p>Refused, with one line each: a path that is no folder; a folder without {@code answers.jsonl} (not a run, or a
 * run that has not exported yet when its {@code run.json} is there); a run being written (a live process holds
 * {@value #LOCK}), or one that was interrupted (the lock file of a process that is gone, a leftover
 * {@code answers.jsonl.tmp}, the open write-ahead log of an older run's own store); a {@code run.json} of another
 * format version;
 * answer lines this xcot cannot read (an older schema).
 */
public record RunFolder(Path dir, String name, Path answersFile, List<ScoredAnswer> answers,
                        List<EnsembleStats> ensembles, Provenance provenance) {
    /** The lock a running {@code xcot run} holds in its folder. */
    public static final String LOCK = RunFiles.LOCK;
    public static final String RUN_JSON = RunFiles.RUN_JSON;
    public static final String CONFIG_YAML = RunFiles.CONFIG;
    /** The run folder's own store, before runs shared one cache. */
    static final String STORE = RunFiles.LEGACY_STORE;
    /** The {@code run.json} format versions this reader understands. */
    public static final int RUN_JSON_VERSION = RunManifest.FORMAT_VERSION;

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunFolder {
        answers = List.copyOf(answers);
        ensembles = List.copyOf(ensembles);
    }

    public static RunFolder open(Path dir) {
        if (!Files.exists(dir)) {
            throw new ReportInputException(dir + ": no such folder");
        }
        if (!Files.isDirectory(dir)) {
            throw new ReportInputException(dir + ": not a folder (give a run folder, the --out of xcot run)");
        }
        Path answers = dir.resolve(RunFiles.ANSWERS);
        if (RunLock.isHeld(dir)) {
            throw new ReportInputException(dir + ": a run is writing this folder (" + LOCK + "); report it when the "
                    + "run has finished");
        }
        if (Files.exists(dir.resolve(LOCK))) {
            throw new ReportInputException(dir + ": the run writing this folder was interrupted (" + LOCK + " of a "
                    + "process that is gone); rerun xcot run to complete it");
        }
        if (Files.exists(dir.resolve(RunFiles.ANSWERS + ".tmp")) || Files.exists(dir.resolve(STORE + "-wal"))) {
            throw new ReportInputException(dir + ": a run is in progress here or was killed (its store is still "
                    + "open); let it finish, or rerun xcot run to complete it");
        }
        if (!Files.isRegularFile(answers)) {
            for (String started : List.of(RUN_JSON, STORE)) {
                if (Files.exists(dir.resolve(started))) {
                    throw new ReportInputException(dir + ": the run has not finished (" + started + " but no "
                            + RunFiles.ANSWERS + " yet); rerun xcot run to complete it");
                }
            }
            throw new ReportInputException(dir + ": not a run folder (no " + RunFiles.ANSWERS + ")");
        }
        Optional<JsonNode> runJson = runJson(dir.resolve(RUN_JSON));
        ReadResult<ScoredAnswer> read = XcotJsonl.read(answers);
        if (!read.problems().isEmpty()) {
            InputProblem first = read.problems().get(0);
            throw new ReportInputException(first + (read.problems().size() > 1 ? " (and " + (read.problems().size()
                    - 1) + " more lines)" : "") + "; not xcot's current answer format (an older run? rerun xcot run "
                    + "to export it again)");
        }
        if (read.values().isEmpty()) {
            throw new ReportInputException(answers + ": no answers");
        }
        Path traces = dir.resolve(RunFiles.TRACES);
        List<EnsembleStats> ensembles = Files.isRegularFile(traces) ? EnsembleTraces.read(traces) : List.of();
        Optional<String> config = text(dir.resolve(CONFIG_YAML));
        List<Row> facts = new ArrayList<>();
        facts.add(new Row("answers", answers.toAbsolutePath().normalize().toString()));
        facts.add(new Row(RUN_JSON, runJson.isPresent() ? "below" : Provenance.NOT_RECORDED));
        facts.add(new Row(CONFIG_YAML, config.isPresent() ? "below" : Provenance.NOT_RECORDED));
        Path absolute = dir.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? absolute.toString() : absolute.getFileName().toString();
        return new RunFolder(dir, name, answers, read.values(), ensembles, new Provenance(runJson, config, facts));
    }

    private static Optional<JsonNode> runJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ReportInputException(file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode version = node.path("formatVersion");
        if (!version.isInt()) {
            throw new ReportInputException(file + ": no formatVersion (written by an older xcot? rerun xcot run)");
        }
        if (version.asInt() != RUN_JSON_VERSION) {
            throw new ReportInputException(file + ": format version " + version.asInt() + ", this xcot reads "
                    + RUN_JSON_VERSION + (version.asInt() < RUN_JSON_VERSION ? " (an older run: rerun xcot run)"
                    : " (a newer xcot wrote it)"));
        }
        return Optional.of(node);
    }

    private static Optional<String> text(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            throw new ReportInputException(file + ": " + xcot.io.InputFiles.reason(e));
        }
    }
}
