package xcot.reports.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import xcot.formats.GenexMedCalcFiles;
import xcot.metrics.AgreementRule;
import xcot.metrics.ScoredAnswer;
import xcot.reports.input.ReportInputException;

/**
 * What happened when the rated chains were given to other models, per chain and item, from the reference's MedCalc
 * output files in a folder (the authors' {@code outputs/}): each chain's transfer files (one per target model) and
 * the two ensembles' files. Consistency is the share of agreeing target pairs under xcot's fixed rule (failed
 * answers skipped); accuracy the share of targets that were right.
 */
final class TransferOutcomes {
    /** One chain on one item. */
    record Outcome(double consistency, double accuracy, int targets) {}

    private TransferOutcomes() {}

    /** The file-name test for each rated chain's full-CoT transfer files. */
    static boolean isTransferOf(RatedCot cot, String name) {
        if (name.contains("without_answer")) {
            return false;
        }
        return switch (cot) {
            case DAPO -> name.startsWith("BytedTsinghua-SIA_DAPO-Qwen-32B_thoughts_to_") && name.contains("_full.");
            case OSS -> name.startsWith("openai_gpt-oss-20b_thoughts_to_") && name.contains("_full.");
            case ENSEMBLE_QWQ_DAPO_OSS -> name.contains("_ensembled_thought_gen_qwq_dapo_eval_oss.");
            case ENSEMBLE_QWQ_OSS_DAPO -> name.contains("_ensembled_thought_gen_qwq_oss_eval_dapo.");
        };
    }

    static Map<RatedCot, Map<String, Outcome>> read(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ReportInputException(dir + ": cannot list: " + e.getMessage());
        }
        return of(files);
    }

    static Map<RatedCot, Map<String, Outcome>> of(List<Path> files) {
        AgreementRule rule = AgreementRule.equalOrBothCorrect(false);
        Map<RatedCot, Map<String, Outcome>> out = new EnumMap<>(RatedCot.class);
        for (RatedCot cot : RatedCot.values()) {
            Map<String, List<ScoredAnswer>> byItem = new HashMap<>();
            for (Path file : files) {
                if (isTransferOf(cot, file.getFileName().toString())) {
                    for (ScoredAnswer a : GenexMedCalcFiles.readScored(file).orThrow()) {
                        byItem.computeIfAbsent(a.itemId(), k -> new ArrayList<>()).add(a);
                    }
                }
            }
            Map<String, Outcome> outcomes = new HashMap<>();
            byItem.forEach((item, answers) -> outcomes.put(item, outcome(answers, rule)));
            if (!outcomes.isEmpty()) {
                out.put(cot, outcomes);
            }
        }
        return out;
    }

    private static Outcome outcome(List<ScoredAnswer> targets, AgreementRule rule) {
        double agreeing = 0;
        int pairs = 0;
        for (int a = 0; a < targets.size(); a++) {
            for (int b = a + 1; b < targets.size(); b++) {
                var agreement = rule.agreement(targets.get(a), targets.get(b));
                if (agreement.isPresent()) {
                    agreeing += agreement.getAsDouble();
                    pairs++;
                }
            }
        }
        double correct = targets.stream().filter(t -> t.outcome().isCorrect()).count();
        return new Outcome(pairs == 0 ? Double.NaN : agreeing / pairs, correct / targets.size(), targets.size());
    }
}
