package xcot.reports;

import java.util.List;

/**
 * Everything a report shows for one benchmark of a run.
 *
 * @param graded    answers are scored by similarity (Instruction Induction): "accuracy" is a mean similarity and
 *                  there is no correct/wrong breakdown or N-way agreement
 * @param models    every model that answered, in first-seen order
 * @param items     distinct items answered
 * @param transfers one matrix per transfer condition that has at least one source
 */
public record BenchmarkReport(String benchmark, boolean graded, List<String> models, int items,
                              List<ReportSetting> settings, List<TransferMatrix> transfers,
                              List<EnsembleStats> ensembles) {
    public BenchmarkReport {
        models = List.copyOf(models);
        settings = List.copyOf(settings);
        transfers = List.copyOf(transfers);
        ensembles = List.copyOf(ensembles);
    }

    /** What the accuracy columns hold. */
    public String accuracyName() {
        return graded ? "similarity" : "accuracy";
    }
}
