package xcot.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xcot.formats.GenexFixtures;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.SettingReport;

/**
 * {@code xcot report --published} reproduces, in its settings table, the published MedCalc numbers that
 * {@code xcot.metrics.PublishedSettingsTest} checks: consistency, accuracy and pair rates in the faithful mode, the
 * reference breakdown, and the documented fixed-mode values.
 */
class PublishedReportTest {
    static final BootstrapSpec FAST = new BootstrapSpec(200, 7);
    static BenchmarkReport faithful;
    static BenchmarkReport fixed;

    @BeforeAll
    static void build() {
        faithful = Reports.published(ScoringMode.FAITHFUL, FAST).benchmarks().get(0);
        fixed = Reports.published(ScoringMode.FIXED, FAST).benchmarks().get(0);
    }

    static final Map<String, String> LABELS = Map.of("empty", "empty", "default", "default", "sampled", "sampled",
            "transfer-full", "transfer-full <- Qwen/QwQ-32B",
            "transfer-without-answer", "transfer-without-answer <- Qwen/QwQ-32B");

    static SettingReport setting(BenchmarkReport b, String name) {
        return b.settings().stream().filter(s -> s.label().equals(LABELS.get(name))).findFirst().orElseThrow()
                .report();
    }

    @Test
    void theSettingsAreThePapersFive() {
        assertEquals(List.of("empty", "default", "sampled", "transfer-full <- Qwen/QwQ-32B",
                "transfer-without-answer <- Qwen/QwQ-32B"), faithful.settings().stream().map(ReportSetting::label).toList());
        assertEquals(100, faithful.items());
    }

    @Test
    void faithfulConsistencyAccuracyAndPairRates() {
        Map<String, String> pairRates = Map.of(
                "empty", "37/81 33/66 19/68 11/80 35/65 20/62 14/72 21/55 9/62 4/65",
                "default", "37/92 37/91 25/86 17/89 40/91 26/88 14/90 25/90 13/92 14/88",
                "sampled", "39/94 40/89 31/88 15/95 42/90 29/89 14/97 30/88 14/92 17/91",
                "transfer-full", "82/100 89/100 88/100 85/100 87/100 83/100 87/100 93/100 89/100 87/100",
                "transfer-without-answer", "66/100 74/100 65/100 56/100 74/100 67/100 54/100 73/100 56/100 53/100");
        for (String name : GenexFixtures.SETTINGS) {
            SettingReport r = setting(faithful, name);
            GenexFixtures.Golden golden = GenexFixtures.FAITHFUL.get(name);
            assertEquals(golden.consistencyMean(), round3(r.consistency().mean()), name);
            assertEquals(golden.consistencyStd(), round3(r.consistency().std()), name);
            assertEquals(golden.accuracyPercent(), Math.round(r.accuracyMean().mean() * 1000) / 10.0, name);
            assertEquals(List.of(pairRates.get(name).split(" ")),
                    r.pairs().stream().map(p -> Math.round(p.agreeing()) + "/" + p.counted()).toList(), name);
        }
    }

    @Test
    void theBreakdownAndTheFixedMode() {
        var b = setting(faithful, "transfer-without-answer").breakdown();
        assertEquals(List.of(0.252, 0.285, 0.437), List.of(round3(b.consistentCorrect().mean()),
                round3(b.consistentWrong().mean()), round3(b.inconsistent().mean())));
        assertEquals(0.902, round3(setting(fixed, "transfer-full").consistency().mean()));
        assertEquals(0.019, round3(setting(fixed, "transfer-full").consistency().std()));
        assertEquals(0.673, round3(setting(fixed, "transfer-without-answer").consistency().mean()));
        assertEquals(0.305, round3(setting(fixed, "empty").consistency().mean()));
        assertEquals(0.159, round3(setting(fixed, "empty").consistency().std()));
    }

    @Test
    void theTransferHeatmapHoldsQwqsSourceVsTargetConsistency() {
        TransferMatrix full = faithful.transfers().get(0);
        assertEquals("transfer-full", full.condition());
        assertEquals(List.of("Qwen/QwQ-32B"), full.sources());
        // The values PublishedSettingsTest recomputed in Python with the reference rule.
        assertEquals(List.of(0.895, 0.884, 0.979, 0.937, 0.905),
                java.util.Arrays.stream(full.sourceConsistency()[0]).map(PublishedReportTest::round3).boxed().toList());
    }

    @Test
    void everyRowsCommandNamesItsFilesAndMode() {
        ReportSetting empty = faithful.settings().get(0);
        assertEquals(true, empty.command().matches(".* score --format genex-medcalc --faithful "
                + "core/src/main/resources/xcot/published/genex-medcalc/openai_gpt-oss-20b_zero_shot_empty\\.jsonl\\.gz .*"),
                empty.command());
        assertEquals(5, java.util.Arrays.stream(empty.command().split(" ")).filter(w -> w.endsWith(".jsonl.gz")).count(),
                "one file per model: " + empty.command());
    }

    static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
