package xcot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xcot.methods.ensemble.EnsembleSummary;
import xcot.reports.SummaryTable;
import xcot.runs.RunResult;
import xcot.runs.export.RunFiles;
import xcot.runs.export.SettingSummary;
import xcot.tasks.toy.ToyTask;

/** Prints a finished run for {@code xcot run} and {@code xcot demo}, and saves the same text as {@code summary.txt}. */
final class RunReport {
    static final String SUMMARY = RunFiles.SUMMARY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {}

    static void print(RunResult r, PrintWriter out) {
        String without = SummaryTable.renderWithout(r);
        String table = SummaryTable.render(r) + (without.isEmpty() ? "" : "\n" + without) + ensembleLines(r)
                + toyReading(r);
        out.print(table);
        out.printf(Locale.ROOT, "%nrun folder  %s%n", r.runDir());
        out.printf(Locale.ROOT, "answers    %s (xcot JSONL)%n", r.answers());
        if (!r.genexFiles().isEmpty()) {
            out.printf(Locale.ROOT, "genex      %s (%d files in the reference's MedCalc format)%n",
                    r.genexFiles().get(0).getParent(), r.genexFiles().size());
        }
        if (!r.settings().isEmpty()) {
            out.printf(Locale.ROOT, "reproduce  %s%n", SummaryTable.scoreCommand(r, r.settings().get(0)));
            out.printf(Locale.ROOT, "           (every setting's command is in %s)%n", r.runDir().resolve(SUMMARY));
        }
        out.printf(Locale.ROOT, "report     %s report %s  (tables, figures, results.json)%n",
                xcot.reports.ScoreCommands.program(), r.runDir().toAbsolutePath().normalize());
        out.printf(Locale.ROOT, "work       %d computed, %d from the cache, %d new tokens, %.1f s%n",
                r.computedUnits(), r.recalledUnits(), r.newTokens(), r.wallNanos() / 1e9);
        out.flush();
        StringBuilder file = new StringBuilder(table).append('\n');
        for (SettingSummary s : r.settings()) {
            file.append(String.format(Locale.ROOT, "%-40s %s%n", s.label(), SummaryTable.scoreCommand(r, s)));
        }
        for (SettingSummary s : r.settingsWithout()) {
            file.append(String.format(Locale.ROOT, "%-40s %s%n", s.label(),
                    SummaryTable.scoreCommand(r, s, r.without())));
        }
        xcot.runs.export.Exports.writeAtomically(r.runDir().resolve(SUMMARY), List.of(file.toString().stripTrailing()));
    }

    /** The export's path as the printed commands name it: absolute, so they run from any folder. */
    private static String absolute(Path answers) {
        return answers.toAbsolutePath().normalize().toString();
    }

    /** For the toy task: each model's accuracy per setting, and what the rows of the committed zoo should show. */
    static String toyReading(RunResult r) {
        if (!r.benchmark().equals(ToyTask.BENCHMARK) || r.settings().isEmpty()) {
            return "";
        }
        return "\n" + SummaryTable.accuracyByModel(r) + "\n" + TOY_HOW_TO_READ;
    }

    static final String TOY_HOW_TO_READ = """
            How to read the toy rows (the committed zoo: trained models, real effects):
            - empty vs default: after an empty thinking block the models are rarely right (what they get right, they
              work out after the block); with their own chain they are: they need it.
            - default, sampled: each model's own chain; weak-e's errors hold the consistency down.
            - transfer-full <- S: every model answers after S's chain, and its accuracy follows the source (see the
              accuracy per model): weak-e becomes right reading a good model's chain, and the good models become
              wrong with weak-e reading its chains (high cons+x: consistent but wrong). words-c reads only
              words-style chains, so in the first table its pairs hold the consistency of symbolic transfers down;
              the table without it shows transfer lifting consistency well above default and sampled. mix-d reads
              every style.
            - ...-without-answer: the rule-based remover drops every step that contains the chain's conclusion, in a
              two-step chain the whole second step; the targets must answer from the first step alone.
            - wrong-first-carried, wrong-final-sum <- S: a deliberately wrong, closed chain in S's notation. Accuracy
              near 0 with a high cons+x means the targets adopted its wrong conclusion. forced-wrong-first <- S leaves
              the block open after a wrong first step: the targets write the second step themselves, from that value.
            - ensemble <- G / E: a chain assembled from the generators' proposals, each chosen by E's perplexity; the
              ensemble line says whose proposals were chosen. With the demo's plain-a + weak-e judged by mix-d, mix-d
              finds weak-e's wrong chains less likely than plain-a's right ones, so the ensemble chain is plain-a's
              and its rows equal transfer from plain-a: a trained evaluator filters out the weak generator.
            """;

    /**
     * One line per ensemble combination: each generator's chunks and share, iterations per item, stop reasons,
     * summed from the item events of the run's {@code ensemble-traces.jsonl}; empty when no ensemble ran.
     */
    static String ensembleLines(RunResult r) {
        Path traces = r.runDir().resolve(RunFiles.TRACES);
        if (!Files.isRegularFile(traces)) {
            return "";
        }
        Map<String, List<String>> itemsByCombination = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(traces, StandardCharsets.UTF_8)) {
                JsonNode n = JSON.readTree(line);
                JsonNode event = n.path("event");
                if ("item".equals(event.path("type").asText())) {
                    itemsByCombination.computeIfAbsent(n.path("combination").asText(), k -> new ArrayList<>())
                            .add(event.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(traces + ": " + xcot.io.InputFiles.reason(e), e);
        }
        StringBuilder out = new StringBuilder();
        itemsByCombination.forEach((combination, items) -> out.append(String.format(Locale.ROOT,
                "ensemble %s: %s%n", combination, EnsembleSummary.ofItemLines(items).line())));
        return out.isEmpty() ? "" : "\n" + out;
    }

    private static List<SettingSummary> concat(List<SettingSummary> a, List<SettingSummary> b) {
        List<SettingSummary> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Whether stderr is a terminal (the progress bar then redraws one line). */
    static boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    static Path defaultRunDir(String name) {
        return Path.of("xcot-runs", name);
    }
}
