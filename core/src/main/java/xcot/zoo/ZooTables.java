package xcot.zoo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import xcot.metrics.PairRate;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;

/** Renders a {@link ZooEvaluation} as the plain-text tables {@code xcot zoo eval} prints. */
public final class ZooTables {
    private ZooTables() {}

    public static String render(ZooEvaluation e) {
        StringBuilder out = new StringBuilder();
        List<String> models = e.models();
        out.append(String.format(Locale.ROOT, "Held-out accuracy (%d problems, greedy)%n", e.items().size()));
        out.append(String.format(Locale.ROOT, "%-10s %9s %12s %10s%n", "model", "own CoT", "well-formed",
                "empty CoT"));
        for (String m : models) {
            out.append(String.format(Locale.ROOT, "%-10s %9.3f %12.3f %10.3f%n", m,
                    e.accuracy(m, ZooEvaluator.DEFAULT), e.wellFormed(m), e.accuracy(m, ZooEvaluator.EMPTY)));
        }
        List<PairRate> pairs = e.agreement(models, ZooEvaluator.DEFAULT, Optional.empty());
        out.append(String.format(Locale.ROOT, "%nPairwise answer agreement, own CoTs (same answer or both correct)%n"));
        out.append(matrix(models, (a, b) -> a.equals(b) ? Double.NaN : pairs.stream()
                .filter(p -> p.modelA().equals(a) && p.modelB().equals(b)
                        || p.modelA().equals(b) && p.modelB().equals(a))
                .mapToDouble(PairRate::rate).findFirst().orElse(Double.NaN)));
        out.append(String.format(Locale.ROOT, "%nFollow: share of answers equal to the conclusion of the chain read"
                + " (rows: reader, columns: whose chain)%n"));
        out.append(matrix(models, (reader, source) -> e.follow(source, reader)));
        out.append(String.format(Locale.ROOT, "%nSwitch: the same, over the problems where the reader's own answer"
                + " differs%n"));
        out.append(matrix(models, (reader, source) -> reader.equals(source) ? Double.NaN
                : e.switchRate(source, reader)));
        out.append(String.format(Locale.ROOT, "%nFollow of wrong chains only (adopting a wrong conclusion cannot be"
                + " mistaken for solving)%n"));
        out.append(matrix(models, (reader, source) -> e.followWrong(source, reader)));
        out.append(String.format(Locale.ROOT, "%nAccuracy when reading the chain%n"));
        out.append(matrix(models, (reader, source) -> e.transferAccuracy(source, reader)));
        out.append(String.format(Locale.ROOT, "%nReaders of one model's chains (the other models that follow them on"
                + " at least half the problems): pairwise answer agreement and mean accuracy%n%-10s %-30s %9s %9s%n",
                "chains of", "readers", "agreement", "accuracy"));
        for (String source : models) {
            List<String> readers = models.stream()
                    .filter(m -> !m.equals(source) && e.follow(source, m) >= 0.5).toList();
            out.append(String.format(Locale.ROOT, "%-10s %-30s %9.3f %9.3f%n", source, String.join(",", readers),
                    readers.size() < 2 ? Double.NaN : e.meanAgreement(readers, ZooEvaluator.TRANSFER,
                            Optional.of(source)),
                    readers.stream().mapToDouble(r -> e.transferAccuracy(source, r)).average().orElse(Double.NaN)));
        }
        if (e.hasCorruptions()) {
            out.append(String.format(Locale.ROOT, "%nCorrupted chains: share that follows the wrong conclusion"
                    + " (in brackets: still correct)%n"));
            out.append(String.format(Locale.ROOT, "%-10s %-7s", "model", "style"));
            for (Corruption kind : Corruption.values()) {
                out.append(String.format(Locale.ROOT, " %22s", kind.id()));
            }
            out.append('\n');
            for (String m : models) {
                for (CotStyle style : CotStyle.values()) {
                    out.append(String.format(Locale.ROOT, "%-10s %-7s", m, style.id()));
                    for (Corruption kind : Corruption.values()) {
                        out.append(String.format(Locale.ROOT, " %14.3f (%5.3f)", e.corruptionFollow(m, kind, style),
                                e.corruptionRecover(m, kind, style)));
                    }
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String matrix(List<String> models, BiFunction<String, String, Double> cell) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-10s", ""));
        models.forEach(m -> out.append(String.format(Locale.ROOT, " %8s", m)));
        out.append('\n');
        for (String row : models) {
            out.append(String.format(Locale.ROOT, "%-10s", row));
            for (String column : models) {
                double v = cell.apply(row, column);
                out.append(Double.isNaN(v) ? String.format(Locale.ROOT, " %8s", "-")
                        : String.format(Locale.ROOT, " %8.3f", v));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
