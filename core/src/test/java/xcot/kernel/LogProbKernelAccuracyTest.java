package xcot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Acceptance check K4: the kernel's log p against the double-precision reference over 10,000 rows of every
 * {@link AdversarialRows} kind, at tiny sizes, sizes no vector length divides, and the two real vocabularies.
 * Each row sits between two rows of NaN, so a read outside the row would poison the result.
 */
class LogProbKernelAccuracyTest {
    private static final int ROWS = 10_000;
    private static final int RANDOM_TOKENS_PER_ROW = 3;
    private static final double MAX_ABS_ERROR = 1e-5;
    private static final double MEDIAN_ABS_ERROR = 1e-6;
    private static final int[] MEDIUM_SIZES = {31, 33, 100, 1000, 1023, 1025, 1027, 2049, 4097, 10007, 32771, 65537};
    private static final int[] VOCAB_SIZES = {151_936, 201_088};

    @Test
    void logProbMatchesDoubleReferenceOverTenThousandRows() {
        RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(20260611L);
        Map<String, List<Double>> errorsBySize = new LinkedHashMap<>();
        int maskedTokens = 0;
        double[] maxErrorPerKind = new double[AdversarialRows.KINDS.size()];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rows = arena.allocate(3L * VOCAB_SIZES[1] * Float.BYTES, 64);
            for (int r = 0; r < ROWS; r++) {
                int kindIndex = r % AdversarialRows.KINDS.size();
                int n = sizeFor(r);
                float[] values = new float[n];
                AdversarialRows.KINDS.get(kindIndex).filler().fill(values, rng);
                placeBetweenNaNRows(rows, values);
                List<Double> errors = errorsBySize.computeIfAbsent(sizeClass(n), key -> new ArrayList<>());
                for (int token : tokensToCheck(values, rng)) {
                    double kernel = LogProbKernel.logProb(rows, 1, n, token);
                    double reference = ScalarLogProb.logProbReference(rows, 1, n, token);
                    if (bothNegativeInfinity(kernel, reference, r, n, token)) {
                        maskedTokens++;
                        continue;
                    }
                    double error = Math.abs(kernel - reference);
                    errors.add(error);
                    maxErrorPerKind[kindIndex] = Math.max(maxErrorPerKind[kindIndex], error);
                }
            }
        }
        List<Double> all = errorsBySize.values().stream().flatMap(List::stream).toList();
        errorsBySize.put("all sizes", all);
        report(maskedTokens, errorsBySize, maxErrorPerKind);
        assertTrue(max(all) <= MAX_ABS_ERROR, "max abs error " + max(all));
        assertTrue(median(all) <= MEDIAN_ABS_ERROR, "median abs error " + median(all));
        List<Double> vocabRows = errorsBySize.get(sizeClass(VOCAB_SIZES[0]));
        assertTrue(median(vocabRows) <= MEDIAN_ABS_ERROR, "median abs error, vocabulary-size rows");
    }

    private static String sizeClass(int n) {
        if (n <= 17) {
            return "sizes 1..17";
        }
        return n < VOCAB_SIZES[0] ? "sizes 31..65537" : "sizes 151936, 201088";
    }

    private static double max(List<Double> errors) {
        return errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static double median(List<Double> errors) {
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** About 1 row in 50 has a real vocabulary size, half the rest are 1..17, half are medium odd sizes. */
    private static int sizeFor(int r) {
        if (r % 50 == 7) {
            return VOCAB_SIZES[(r / 50) % 2];
        }
        if (r % 2 == 0) {
            return 1 + (r / 2) % 17;
        }
        return MEDIUM_SIZES[(r / 2) % MEDIUM_SIZES.length];
    }

    private static void placeBetweenNaNRows(MemorySegment rows, float[] values) {
        long rowBytes = (long) values.length * Float.BYTES;
        // 0xFFFFFFFF is a NaN bit pattern.
        rows.asSlice(0, rowBytes).fill((byte) 0xFF);
        MemorySegment.copy(values, 0, rows, ValueLayout.JAVA_FLOAT, rowBytes, values.length);
        rows.asSlice(2 * rowBytes, rowBytes).fill((byte) 0xFF);
    }

    /** The first argmax (the token whose log p is hardest to get right in tie-heavy rows) and random ones. */
    private static int[] tokensToCheck(float[] values, RandomGenerator rng) {
        int argmax = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[argmax]) {
                argmax = i;
            }
        }
        int[] tokens = new int[1 + RANDOM_TOKENS_PER_ROW];
        tokens[0] = argmax;
        for (int k = 1; k < tokens.length; k++) {
            tokens[k] = rng.nextInt(values.length);
        }
        return tokens;
    }

    /**
     * A masked token (−∞) must give exactly −∞ in both; such pairs are counted apart so that their zero error does
     * not flatter the median. Any other infinity or a NaN fails here.
     */
    private static boolean bothNegativeInfinity(double kernel, double reference, int r, int n, int token) {
        String where = "row " + r + " size " + n + " token " + token;
        assertTrue(Double.isFinite(reference) || reference == Double.NEGATIVE_INFINITY, "reference at " + where);
        if (reference == Double.NEGATIVE_INFINITY || !Double.isFinite(kernel)) {
            assertEquals(reference, kernel, where);
            return true;
        }
        return false;
    }

    private static void report(int maskedTokens, Map<String, List<Double>> errorsBySize,
                               double[] maxErrorPerKind) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "kernel accuracy over %d rows (+%d masked tokens, exactly -inf in both):%n", ROWS, maskedTokens));
        errorsBySize.forEach((sizes, errors) -> text.append(String.format(Locale.ROOT,
                "  %-22s %6d finite log p: max abs error %.3e, median %.3e%n", sizes, errors.size(), max(errors),
                median(errors))));
        for (int k = 0; k < maxErrorPerKind.length; k++) {
            text.append(String.format(Locale.ROOT, "  %-38s max %.3e%n", AdversarialRows.KINDS.get(k).name(),
                    maxErrorPerKind[k]));
        }
        System.out.print(text);
    }
}
