package xcot.runs;

import java.nio.file.Path;
import java.util.List;
import xcot.profiles.ReferenceFlags;

/**
 * What a run produced.
 *
 * @param answers        {@code answers.jsonl}: every record in the xcot format
 * @param genexFiles     the reference-format MedCalc files (empty for other benchmarks)
 * @param settings       the summary, one entry per setting
 * @param computedUnits  attempts, sanitized CoTs and ensemble CoTs computed in this invocation
 * @param recalledUnits  those found in the store
 * @param newTokens      tokens generated in this invocation
 * @param wallNanos      the invocation's wall time
 */
public record RunResult(Path runDir, String benchmark, List<String> models, ReferenceFlags flags, Path answers,
                        List<Path> genexFiles, List<SettingSummary> settings, long computedUnits, long recalledUnits,
                        long newTokens, long wallNanos) {
    public RunResult {
        models = List.copyOf(models);
        genexFiles = List.copyOf(genexFiles);
        settings = List.copyOf(settings);
    }
}
