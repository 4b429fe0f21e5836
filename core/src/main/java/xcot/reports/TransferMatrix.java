package xcot.reports;

import java.util.List;

/**
 * Source × target view of one transfer condition: how often each target, reading the source's chain, gave the
 * source's own (default-CoT) answer, and how often it was right. NaN where a cell has no value (e.g. the source has
 * no default answers in the run).
 *
 * @param condition          {@code transfer-full} or {@code transfer-without-answer}
 * @param sourceConsistency  {@code [source][target]} source-vs-target consistency
 * @param targetAccuracy     {@code [source][target]} the target's accuracy reading the source's chain
 */
public record TransferMatrix(String condition, List<String> sources, List<String> targets,
                             double[][] sourceConsistency, double[][] targetAccuracy) {
    public TransferMatrix {
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
    }
}
