package xcot.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import xcot.metrics.ModelRate;
import xcot.metrics.PairRate;
import xcot.metrics.SettingReport;
import xcot.reports.study.TransferabilityRelation;
import xcot.reports.study.UserStudyReport;

/**
 * {@code results.json}: the whole report as one machine-readable object. Its schema is {@code docs/results-schema.json}
 * (JSON Schema 2020-12), versioned by {@value #SCHEMA_VERSION}: a change that removes or renames a field raises the
 * version; new optional fields do not. Undefined statistics are {@code null} (JSON has no NaN).
 */
public final class ResultsJson {
    public static final String SCHEMA = "xcot-results";
    public static final int SCHEMA_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {}

    public static String write(Report report) {
        try {
            return MAPPER.writeValueAsString(node(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode node(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("title", report.title());
        root.put("subject", report.subject());
        ObjectNode scoring = root.putObject("scoring");
        scoring.put("mode", report.scoring().id());
        scoring.put("description", report.scoring().description());
        scoring.put("resamples", report.bootstrap().resamples());
        scoring.put("seed", report.bootstrap().seed());
        ArrayNode provenance = root.putArray("provenance");
        report.provenance().rows().forEach(r -> provenance.addObject().put("key", r.key()).put("value", r.value()));
        ArrayNode benchmarks = root.putArray("benchmarks");
        report.benchmarks().forEach(b -> benchmarks.add(benchmark(b)));
        report.comparison().ifPresent(c -> root.set("comparison", comparison(c)));
        report.userStudy().ifPresent(u -> root.set("userStudy", userStudy(u)));
        return root;
    }

    private static ObjectNode benchmark(BenchmarkReport b) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", b.benchmark());
        node.put("accuracyKind", b.accuracyName());
        ArrayNode models = node.putArray("models");
        b.models().forEach(models::add);
        node.put("items", b.items());
        ArrayNode settings = node.putArray("settings");
        b.settings().forEach(s -> settings.add(setting(b, s)));
        ArrayNode transfers = node.putArray("transfers");
        for (TransferMatrix m : b.transfers()) {
            ObjectNode t = transfers.addObject();
            t.put("condition", m.condition());
            ArrayNode sources = t.putArray("sources");
            m.sources().forEach(sources::add);
            ArrayNode targets = t.putArray("targets");
            m.targets().forEach(targets::add);
            t.set("sourceConsistency", JsonValues.matrix(m.sourceConsistency()));
            t.set("targetAccuracy", JsonValues.matrix(m.targetAccuracy()));
        }
        ArrayNode ensembles = node.putArray("ensembles");
        for (EnsembleStats e : b.ensembles()) {
            ObjectNode o = ensembles.addObject();
            o.put("combination", e.combination());
            o.put("items", e.items());
            ArrayNode generators = o.putArray("generators");
            e.chunks().forEach((g, n) -> {
                ObjectNode gen = generators.addObject();
                gen.put("generator", g);
                gen.put("chunks", n);
                JsonValues.put(gen, "share", e.share(g));
            });
            ArrayNode iterations = o.putArray("iterations");
            e.iterations().forEach(p -> {
                ObjectNode it = iterations.addObject();
                it.put("iteration", p.iteration());
                JsonValues.put(it, "meanWinningScore", p.meanWinningScore());
                it.put("items", p.items());
            });
        }
        return node;
    }

    private static ObjectNode setting(BenchmarkReport b, ReportSetting s) {
        SettingReport r = s.report();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("label", s.label());
        node.put("condition", s.condition());
        if (s.source().isPresent()) {
            node.put("source", s.source().get());
        } else {
            node.putNull("source");
        }
        node.put("withoutAnswer", s.withoutAnswer());
        ArrayNode models = node.putArray("models");
        r.models().forEach(models::add);
        node.put("items", r.items());
        node.put("missing", r.missing());
        ObjectNode parsing = node.putObject("parsing");
        parsing.put("parsed", s.parsing().parsed());
        parsing.put("answers", s.parsing().total());
        if (s.parsing().commonestFailure().isPresent()) {
            parsing.put("commonestFailure", s.parsing().commonestFailure().get());
        } else {
            parsing.putNull("commonestFailure");
        }
        parsing.put("commonestFailureCount", s.parsing().commonestCount());
        parsing.put("mostlyUnparsed", s.parsing().mostlyUnparsed());
        node.set("consistency", JsonValues.summary(r.consistency()));
        ObjectNode accuracy = JsonValues.summary(r.accuracyMean());
        ArrayNode perModel = accuracy.putArray("models");
        for (ModelRate m : r.accuracy()) {
            ObjectNode model = perModel.addObject();
            model.put("model", m.model());
            JsonValues.put(model, "rate", m.rate());
        }
        node.set("accuracy", accuracy);
        if (b.graded()) {
            node.putNull("breakdown");
            node.putNull("nWay");
        } else {
            ObjectNode breakdown = node.putObject("breakdown");
            breakdown.set("consistentCorrect", JsonValues.summary(r.breakdown().consistentCorrect()));
            breakdown.set("consistentWrong", JsonValues.summary(r.breakdown().consistentWrong()));
            breakdown.set("inconsistent", JsonValues.summary(r.breakdown().inconsistent()));
            if (r.nWay().isPresent()) {
                ObjectNode n = node.putObject("nWay");
                n.put("counted", r.nWay().get().counted());
                n.set("allAgree", JsonValues.estimate(r.nWay().get().allAgree()));
                n.set("fleissKappa", JsonValues.estimate(r.nWay().get().fleissKappa()));
            } else {
                node.putNull("nWay");
            }
        }
        ArrayNode pairs = node.putArray("pairs");
        for (PairRate p : r.pairs()) {
            ObjectNode pair = pairs.addObject();
            pair.put("a", p.modelA());
            pair.put("b", p.modelB());
            JsonValues.put(pair, "agreeing", p.agreeing());
            pair.put("counted", p.counted());
            JsonValues.put(pair, "rate", p.rate());
        }
        node.put("scoreCommand", s.command());
        return node;
    }

    private static ObjectNode comparison(RunComparison c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("baseline", c.baseline());
        ArrayNode others = node.putArray("others");
        c.others().forEach(others::add);
        ArrayNode rows = node.putArray("settings");
        for (RunComparison.Row r : c.rows()) {
            ObjectNode row = rows.addObject();
            row.put("benchmark", r.benchmark());
            row.put("setting", r.setting());
            row.put("run", r.run());
            ArrayNode models = row.putArray("models");
            r.models().forEach(models::add);
            row.put("items", r.difference().items());
            JsonValues.put(row, "consistencyBaseline", r.difference().consistencyA());
            JsonValues.put(row, "consistencyRun", r.difference().consistencyB());
            row.set("consistencyDifference", JsonValues.estimate(r.difference().consistency()));
            JsonValues.put(row, "accuracyBaseline", r.difference().accuracyA());
            JsonValues.put(row, "accuracyRun", r.difference().accuracyB());
            row.set("accuracyDifference", JsonValues.estimate(r.difference().accuracy()));
            row.put("changed", r.changed());
        }
        return node;
    }

    private static ObjectNode userStudy(UserStudyReport u) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", u.source());
        node.put("participants", u.participants());
        node.put("items", u.items());
        node.put("alpha", u.alpha());
        node.put("correctedAlpha", u.correctedAlpha());
        ArrayNode means = node.putArray("means");
        u.means().forEach(m -> {
            ObjectNode o = means.addObject();
            o.put("cot", m.cot().label());
            o.put("criterion", m.criterion().label());
            JsonValues.put(o, "mean", m.mean());
            o.put("n", m.n());
        });
        ArrayNode tests = node.putArray("tests");
        u.tests().forEach(t -> {
            ObjectNode o = tests.addObject();
            o.put("criterion", t.criterion().label());
            o.put("a", t.a().label());
            o.put("b", t.b().label());
            o.put("n", t.n());
            JsonValues.put(o, "meanDifference", t.meanDifference());
            JsonValues.put(o, "t", t.tStatistic());
            JsonValues.put(o, "tP", t.tP());
            JsonValues.put(o, "tPBonferroni", t.tPCorrected());
            o.put("tSignificant", t.tSignificant());
            JsonValues.put(o, "wilcoxonStatistic", t.wilcoxonStatistic());
            JsonValues.put(o, "wilcoxonP", t.wilcoxonP());
            JsonValues.put(o, "wilcoxonPBonferroni", t.wilcoxonPCorrected());
            o.put("wilcoxonSignificant", t.wilcoxonSignificant());
        });
        if (u.relation().isPresent()) {
            TransferabilityRelation rel = u.relation().get();
            ObjectNode o = node.putObject("transferability");
            o.put("n", rel.n());
            o.set("consistency", correlation(rel.consistency()));
            o.set("accuracy", correlation(rel.accuracy()));
        } else {
            node.putNull("transferability");
            node.put("transferabilityMissing", u.relationMissing());
        }
        return node;
    }

    private static ObjectNode correlation(TransferabilityRelation.Correlation c) {
        ObjectNode o = MAPPER.createObjectNode();
        JsonValues.put(o, "rho", c.rho());
        o.set("ci95", JsonValues.interval(c.ci95()));
        return o;
    }
}
