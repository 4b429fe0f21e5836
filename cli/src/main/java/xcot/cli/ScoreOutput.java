package xcot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import xcot.io.InputProblem;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.Estimate;
import xcot.metrics.ModelRate;
import xcot.metrics.NWayAgreement;
import xcot.metrics.PairRate;
import xcot.metrics.SettingReport;
import xcot.metrics.Summary;
import xcot.reference.Quirks;
import xcot.reports.JsonValues;

/**
 * Renders a {@link SettingReport} for {@code xcot score}: readable tables, or one JSON object.
 *
 * @param problems     the bad input lines shown (the first {@link ScoreInput#SHOWN_PROBLEMS})
 * @param problemCount all bad input lines
 */
record ScoreOutput(
        Quirks options, String format, List<Path> files, Optional<String> similarity, SettingReport report,
        List<InputProblem> problems, long problemCount, BootstrapSpec bootstrap) {

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("mode: ").append(options.describeScoring()).append('\n');
        out.append(String.format(Locale.ROOT, "input: %s, %d path(s), %d models, %d items%s%n", format, files.size(),
                report.models().size(), report.items(),
                report.missing() == 0 ? "" : ", " + report.missing() + " missing answers scored as failed"));
        similarity.ifPresent(s -> out.append("similarity: ").append(s).append('\n'));
        out.append(String.format(Locale.ROOT, "intervals: bootstrap 95%% over items, %d resamples, seed %d%n%n",
                bootstrap.resamples(), bootstrap.seed()));

        int width = Math.max(24, report.models().stream().mapToInt(String::length).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %8s%n", "model", "accuracy"));
        for (ModelRate m : report.accuracy()) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %8s%n", m.model(), number(m.rate())));
        }
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n%n", "mean ± std", summary(report.accuracyMean())));

        int pairWidth = Math.max(24, report.pairs().stream()
                .mapToInt(p -> p.modelA().length() + p.modelB().length() + 3).max().orElse(0));
        out.append(String.format(Locale.ROOT, "%-" + pairWidth + "s  %18s  %6s%n", "pair", "consistent/counted",
                "rate"));
        for (PairRate p : report.pairs()) {
            out.append(String.format(Locale.ROOT, "%-" + pairWidth + "s  %18s  %6s%n", p.modelA() + " | " + p.modelB(),
                    count(p.agreeing()) + "/" + p.counted(), number(p.rate())));
        }
        out.append('\n');
        out.append("consistency         ").append(summary(report.consistency())).append('\n');
        out.append("consistent-correct  ").append(summary(report.breakdown().consistentCorrect())).append('\n');
        out.append("consistent-wrong    ").append(summary(report.breakdown().consistentWrong())).append('\n');
        out.append("inconsistent        ").append(summary(report.breakdown().inconsistent())).append('\n');
        report.nWay().ifPresent(n -> {
            out.append("all models agree    ").append(estimate(n.allAgree()))
                    .append(" over ").append(n.counted()).append(" items without a skipped answer\n");
            out.append("Fleiss' kappa       ").append(estimate(n.fleissKappa())).append('\n');
        });
        if (problemCount > 0) {
            out.append('\n').append(problemCount).append(" bad input line(s) skipped (see warnings)\n");
        }
        return out.toString();
    }

    /** Several settings of one or more benchmarks: one row each, then each row's command. */
    static String settingsTable(xcot.reports.Report report) {
        StringBuilder out = new StringBuilder("mode: ").append(report.scoring().description()).append('\n');
        out.append(String.format(Locale.ROOT, "intervals: bootstrap 95%% over items, %d resamples, seed %d%n",
                report.bootstrap().resamples(), report.bootstrap().seed()));
        for (xcot.reports.BenchmarkReport b : report.benchmarks()) {
            out.append(String.format(Locale.ROOT, "%nbenchmark %s, %d models (%s), %d items%n", b.benchmark(),
                    b.models().size(), String.join(", ", b.models()), b.items()));
            List<String> headers = xcot.reports.SettingsTables.headers(b);
            List<List<String>> rows = new java.util.ArrayList<>(List.of(headers));
            b.settings().forEach(s -> rows.add(xcot.reports.SettingsTables.cells(b, s)));
            int[] widths = new int[headers.size()];
            rows.forEach(r -> {
                for (int i = 0; i < r.size(); i++) {
                    widths[i] = Math.max(widths[i], r.get(i).length());
                }
            });
            for (List<String> r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
                    line.append(String.format(Locale.ROOT, format, r.get(i)));
                }
                out.append(line).append('\n');
            }
            out.append("\nscore one setting:\n");
            b.settings().forEach(s -> out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %s%n", s.label(),
                    s.command())));
        }
        return out.toString();
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x);
    }

    private static String count(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x);
    }

    private static String summary(Summary s) {
        return number(s.mean()) + " ± " + number(s.std()) + "  [95% CI " + number(s.ci95().low()) + ", "
                + number(s.ci95().high()) + "]";
    }

    private static String estimate(Estimate e) {
        return number(e.value()) + "  [95% CI " + number(e.ci95().low()) + ", " + number(e.ci95().high()) + "]";
    }

    String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        Quirks scoring = options.scoring();
        root.put("mode", scoring.equals(Quirks.none()) ? "fixed" : scoring.equals(Quirks.faithfulScoring())
                ? "faithful" : "custom");
        root.put("modeDescription", options.describeScoring());
        ArrayNode flags = root.putArray("referenceFlags");
        scoring.enabled().forEach(flags::add);
        options.plotting().forEach(flags::add);
        root.put("format", format);
        similarity.ifPresent(s -> root.put("similarity", s));
        ArrayNode fileNames = root.putArray("files");
        files.forEach(f -> fileNames.add(f.toString()));
        ArrayNode models = root.putArray("models");
        report.models().forEach(models::add);
        root.put("items", report.items());
        root.put("missingAnswers", report.missing());

        ArrayNode pairs = root.putArray("pairs");
        for (PairRate p : report.pairs()) {
            ObjectNode pair = pairs.addObject();
            pair.put("a", p.modelA());
            pair.put("b", p.modelB());
            if (p.agreeing() == Math.rint(p.agreeing())) {
                pair.put("consistent", (long) p.agreeing());
            } else {
                JsonValues.put(pair, "consistent", p.agreeing());
            }
            pair.put("counted", p.counted());
            JsonValues.put(pair, "rate", p.rate());
        }
        root.set("consistency", JsonValues.summary(report.consistency()));

        ObjectNode accuracy = JsonValues.summary(report.accuracyMean());
        ArrayNode perModel = accuracy.putArray("models");
        for (ModelRate m : report.accuracy()) {
            ObjectNode model = perModel.addObject();
            model.put("model", m.model());
            JsonValues.put(model, "accuracy", m.rate());
        }
        root.set("accuracy", accuracy);

        ObjectNode breakdown = root.putObject("breakdown");
        JsonValues.put(breakdown, "consistentCorrect", report.breakdown().consistentCorrect().mean());
        JsonValues.put(breakdown, "consistentWrong", report.breakdown().consistentWrong().mean());
        JsonValues.put(breakdown, "inconsistent", report.breakdown().inconsistent().mean());
        ObjectNode breakdownCi = breakdown.putObject("ci95");
        breakdownCi.set("consistentCorrect", JsonValues.interval(report.breakdown().consistentCorrect().ci95()));
        breakdownCi.set("consistentWrong", JsonValues.interval(report.breakdown().consistentWrong().ci95()));
        breakdownCi.set("inconsistent", JsonValues.interval(report.breakdown().inconsistent().ci95()));

        if (report.nWay().isPresent()) {
            NWayAgreement n = report.nWay().get();
            ObjectNode nWay = root.putObject("nWay");
            nWay.put("counted", n.counted());
            JsonValues.put(nWay, "allAgree", n.allAgree().value());
            nWay.set("allAgreeCi95", JsonValues.interval(n.allAgree().ci95()));
            JsonValues.put(nWay, "fleissKappa", n.fleissKappa().value());
            nWay.set("fleissKappaCi95", JsonValues.interval(n.fleissKappa().ci95()));
        } else {
            root.putNull("nWay");
        }
        ObjectNode boot = root.putObject("bootstrap");
        boot.put("resamples", bootstrap.resamples());
        boot.put("seed", bootstrap.seed());
        ArrayNode bad = root.putArray("problems");
        problems.forEach(p -> bad.add(p.toString()));
        root.put("problemCount", problemCount);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
