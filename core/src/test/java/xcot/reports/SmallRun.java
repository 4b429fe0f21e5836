package xcot.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.formats.XcotJsonl;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;

/**
 * A fixed small run folder for golden tests: three models (a, b, c) on six toy items, Empty, Default, Transfer from a
 * (full and without answer), and an ensemble trace. The answers follow a fixed pattern, so every statistic is
 * reproducible by hand.
 */
final class SmallRun {
    static final List<String> MODELS = List.of("a", "b", "c");
    static final int ITEMS = 6;

    private SmallRun() {}

    /** Writes the run into {@code dir} and returns it. */
    static Path write(Path dir) {
        List<String> lines = new ArrayList<>();
        // Per condition, which (model, item) cells are right; wrong cells answer "w" + an id that makes some agree.
        add(lines, "empty", Optional.empty(), (m, i) -> (m + i) % 3 == 0, (m, i) -> "w" + (i % 2));
        add(lines, "default", Optional.empty(), (m, i) -> m != 2 || i < 3, (m, i) -> "w" + m);
        add(lines, "transfer-full", Optional.of("a"), (m, i) -> i != 5, (m, i) -> "w5");
        add(lines, "transfer-without-answer", Optional.of("a"), (m, i) -> i % 2 == 0, (m, i) -> "w" + (m == 0 ? 1 : i));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("answers.jsonl"), lines);
            Files.writeString(dir.resolve("ensemble-traces.jsonl"), """
                    {"combination":"a+b / c","item":"i0","event":{"type":"iteration","item":"i0","iteration":0,"chosen":"x","chosenGenerator":"a","score":1.5}}
                    {"combination":"a+b / c","item":"i0","event":{"type":"iteration","item":"i0","iteration":1,"chosen":"y","chosenGenerator":"b","score":2.5}}
                    {"combination":"a+b / c","item":"i0","event":{"type":"item","item":"i0","iterations":2,"chunks":{"a":1,"b":1}}}
                    {"combination":"a+b / c","item":"i1","event":{"type":"iteration","item":"i1","iteration":0,"chosen":"x","chosenGenerator":"a","score":0.5}}
                    {"combination":"a+b / c","item":"i1","event":{"type":"item","item":"i1","iterations":1,"chunks":{"a":1,"b":0}}}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    interface Cell<T> {
        T at(int model, int item);
    }

    private static void add(List<String> lines, String condition, Optional<String> source, Cell<Boolean> right,
            Cell<String> wrongAnswer) {
        for (int m = 0; m < MODELS.size(); m++) {
            for (int i = 0; i < ITEMS; i++) {
                boolean correct = right.at(m, i);
                lines.add(XcotJsonl.line(new ScoredAnswer("toy", "i" + i, condition, MODELS.get(m), source,
                        correct ? "r" + i : wrongAnswer.at(m, i), Outcome.of(correct))));
            }
        }
    }
}
