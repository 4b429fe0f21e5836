package xcot.runs;

import java.nio.file.Path;
import java.util.List;
import xcot.reference.Quirks;
import xcot.runs.export.SettingSummary;

/**
 * What a run produced.
 *
 * @param answers        {@code answers.jsonl}: every record in the xcot format
 * @param genexFiles     the reference-format MedCalc files (empty for other benchmarks)
 * @param settings       the summary, one entry per setting
 * @param without        the models the second summary leaves out (the config's {@code summary-without})
 * @param settingsWithout the second summary, over the other models; empty when {@code without} is
 * @param computedUnits  attempts, sanitized CoTs and ensemble CoTs computed in this invocation
 * @param recalledUnits  those found in the store
 * @param newTokens      tokens generated in this invocation
 * @param wallNanos      the invocation's wall time
 */
public record RunResult(Path runDir, String benchmark, List<String> models, Quirks flags, Path answers,
                        List<Path> genexFiles, List<SettingSummary> settings, List<String> without,
                        List<SettingSummary> settingsWithout, long computedUnits, long recalledUnits, long newTokens,
                        long wallNanos) {
    public RunResult {
        models = List.copyOf(models);
        genexFiles = List.copyOf(genexFiles);
        settings = List.copyOf(settings);
        without = List.copyOf(without);
        settingsWithout = List.copyOf(settingsWithout);
    }
}
