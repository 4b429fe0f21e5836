package xcot.runs.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.formats.GenexMedCalcWriter;
import xcot.methods.Condition;
import xcot.runs.plan.AttemptKey;
import xcot.runs.plan.ConditionLabel;
import xcot.runs.results.AttemptRecord;
import xcot.runs.results.Results;

/** A MedCalc run's records in the reference's file format ({@link GenexMedCalcWriter}), written atomically. */
final class GenexExport {
    private GenexExport() {}

    static List<Path> write(Path dir, List<Map.Entry<AttemptKey, AttemptRecord>> records, Results results,
            Map<String, String> ossEffort) {
        List<GenexMedCalcWriter.Entry> entries = records.stream().map(e -> entry(e.getKey(), e.getValue(), results))
                .toList();
        List<Path> written = new ArrayList<>();
        for (var f : GenexMedCalcWriter.files(entries, ossEffort).entrySet()) {
            written.add(Exports.writeAtomically(dir.resolve(f.getKey()), f.getValue()));
        }
        return written;
    }

    private static GenexMedCalcWriter.Entry entry(AttemptKey key, AttemptRecord r, Results results) {
        Optional<GenexMedCalcWriter.Entry> sourceDefault = key.source().flatMap(s -> results.find(new AttemptKey(
                ConditionLabel.of(Condition.DEFAULT), s, Optional.empty(), key.itemId()))
                .map(own -> entry(new AttemptKey(ConditionLabel.of(Condition.DEFAULT), s, Optional.empty(),
                        key.itemId()), own, results)));
        return new GenexMedCalcWriter.Entry(key.condition().label(), key.model(), key.source(), key.itemId(),
                r.answer(), r.attempt().thinking(), r.attempt().insertedCot(), r.explanation(), sourceDefault);
    }
}
