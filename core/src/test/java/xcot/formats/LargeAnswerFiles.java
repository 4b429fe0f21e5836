package xcot.formats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;

/**
 * Generates a run-shaped xcot answers file of any size, for the tests and the harness that measure {@code xcot score}
 * on large input: every model answers every item in Empty, Default, Sampled and a full transfer from each model, each
 * record with a thinking and an output text of {@code textChars} characters (transfers also carry the inserted CoT),
 * so the file's size grows with the texts while what scoring keeps grows with items x models x settings only.
 *
 * <p>Answers are drawn (seeded) from a few values so that models agree on some items and not on others.
 */
public final class LargeAnswerFiles {
    private static final String[] WORDS = {"the", "patient", "score", "is", "weight", "kg", "we", "compute",
        "formula", "so", "then", "height", "age", "years", "multiply", "divide", "result", "therefore", "check"};

    /**
     * @param items     items per setting
     * @param models    models (each also a transfer source)
     * @param textChars characters of each thinking and output text
     */
    public record Shape(int items, int models, int textChars, long seed) {
        /** Settings: Empty, Default, Sampled and one transfer per source. */
        public int settings() {
            return 3 + models;
        }

        public long records() {
            return (long) items * models * settings();
        }
    }

    private LargeAnswerFiles() {}

    /** Writes the file ({@code .gz} names are gzipped) and returns its size in bytes. */
    public static long write(Path file, Shape shape) {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            SplittableRandom random = new SplittableRandom(shape.seed());
            List<String> models = new ArrayList<>();
            for (int m = 0; m < shape.models(); m++) {
                models.add("org/model-" + m);
            }
            List<String[]> conditions = new ArrayList<>();
            conditions.add(new String[] {"empty", null});
            conditions.add(new String[] {"default", null});
            conditions.add(new String[] {"sampled", null});
            models.forEach(source -> conditions.add(new String[] {"transfer-full", source}));
            for (String[] condition : conditions) {
                for (String model : models) {
                    for (int item = 1; item <= shape.items(); item++) {
                        w.write(line(random, shape, condition[0], condition[1], model, item));
                        w.write('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(SplittableRandom random, Shape shape, String condition, String source, String model,
            int item) {
        String gold = Integer.toString(item % 7);
        String answer = Integer.toString(random.nextInt(4) == 0 ? random.nextInt(7) : item % 7);
        Outcome outcome = random.nextInt(50) == 0 ? new Outcome.Failed("no answer found")
                : Outcome.of(answer.equals(gold));
        ScoredAnswer a = new ScoredAnswer("medcalc", Integer.toString(item), condition, model,
                Optional.ofNullable(source), outcome.isFailed() ? "no answer found" : answer, outcome);
        String thinking = text(random, shape.textChars());
        return XcotJsonl.line(a, new XcotJsonl.Details(
                condition.equals("sampled") ? Optional.of(1000L + item) : Optional.empty(),
                source == null ? Optional.empty() : Optional.of(text(random, shape.textChars())), thinking,
                thinking + "\nThe answer is " + answer + ".", shape.textChars() / 4, "END_OF_GENERATION"));
    }

    private static String text(SplittableRandom random, int chars) {
        StringBuilder text = new StringBuilder(chars + 16);
        while (text.length() < chars) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(9) == 0 ? ".\n" : " ");
        }
        text.setLength(chars);
        return text.toString();
    }

    /** {@code LargeAnswerFiles FILE ITEMS MODELS TEXT_CHARS}: writes a file (the score harness uses it). */
    public static void main(String[] args) {
        Shape shape = new Shape(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), 42);
        long bytes = write(Path.of(args[0]), shape);
        System.out.printf("%s: %,d bytes, %,d records (%d items x %d models x %d settings)%n", args[0], bytes,
                shape.records(), shape.items(), shape.models(), shape.settings());
    }
}
