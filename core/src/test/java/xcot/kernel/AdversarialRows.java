package xcot.kernel;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Kinds of logits rows the accuracy test draws from: realistic ones and the ones that break careless log-sum-exp
 * code (huge ranges, exact ties, −∞ masks, values at the exp cut-off, subnormals).
 */
final class AdversarialRows {
    /** Fills {@code row} with one row of its kind; every row it makes has at least one finite entry. */
    @FunctionalInterface
    interface Filler {
        void fill(float[] row, RandomGenerator rng);
    }

    record Kind(String name, Filler filler) {}

    private AdversarialRows() {}

    static final List<Kind> KINDS = List.of(
            new Kind("normal sd 0.5", (row, rng) -> normal(row, rng, 0.5, 0)),
            new Kind("normal sd 2", (row, rng) -> normal(row, rng, 2, 0)),
            new Kind("normal sd 8", (row, rng) -> normal(row, rng, 8, 0)),
            new Kind("normal sd 30", (row, rng) -> normal(row, rng, 30, 0)),
            new Kind("normal sd 3 offset 1e4", (row, rng) -> normal(row, rng, 3, 1e4)),
            new Kind("±1e30 and ±3e38 mixed, ties at max", AdversarialRows::hugeRange),
            new Kind("all equal", (row, rng) -> java.util.Arrays.fill(row, (float) (rng.nextDouble() * 100 - 50))),
            new Kind("four values, many ties", AdversarialRows::fewValues),
            new Kind("90% -inf", AdversarialRows::mostlyNegativeInfinity),
            new Kind("one finite among -inf", AdversarialRows::oneFinite),
            new Kind("uniform [max-100, max]", AdversarialRows::nearExpCutoff),
            new Kind("one spike +40", AdversarialRows::spike),
            new Kind("subnormal and signed zeros", AdversarialRows::tiny));

    private static void normal(float[] row, RandomGenerator rng, double sd, double mean) {
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (mean + sd * rng.nextGaussian());
        }
    }

    private static void hugeRange(float[] row, RandomGenerator rng) {
        for (int i = 0; i < row.length; i++) {
            double u = rng.nextDouble();
            if (u < 0.01) {
                row[i] = 1e30f;
            } else if (u < 0.02) {
                row[i] = -1e30f;
            } else if (u < 0.03) {
                // With both signs present, x − max = −MAX − MAX overflows to −∞ in float: exp must still give 0.
                row[i] = rng.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
            } else {
                row[i] = (float) (3 * rng.nextGaussian());
            }
        }
    }

    private static void fewValues(float[] row, RandomGenerator rng) {
        float[] values = {0f, -1f, -2f, 3.5f};
        for (int i = 0; i < row.length; i++) {
            row[i] = values[rng.nextInt(values.length)];
        }
    }

    private static void mostlyNegativeInfinity(float[] row, RandomGenerator rng) {
        for (int i = 0; i < row.length; i++) {
            row[i] = rng.nextDouble() < 0.9 ? Float.NEGATIVE_INFINITY : (float) (3 * rng.nextGaussian());
        }
        row[rng.nextInt(row.length)] = (float) rng.nextGaussian();
    }

    private static void oneFinite(float[] row, RandomGenerator rng) {
        java.util.Arrays.fill(row, Float.NEGATIVE_INFINITY);
        row[rng.nextInt(row.length)] = (float) (rng.nextDouble() * 2000 - 1000);
    }

    private static void nearExpCutoff(float[] row, RandomGenerator rng) {
        float max = (float) (rng.nextDouble() * 100 - 50);
        for (int i = 0; i < row.length; i++) {
            row[i] = max - (float) (rng.nextDouble() * 100);
        }
        row[rng.nextInt(row.length)] = max;
    }

    private static void spike(float[] row, RandomGenerator rng) {
        normal(row, rng, 1, 0);
        row[rng.nextInt(row.length)] = 40f;
    }

    private static void tiny(float[] row, RandomGenerator rng) {
        for (int i = 0; i < row.length; i++) {
            row[i] = switch (rng.nextInt(4)) {
                case 0 -> 0f;
                case 1 -> -0f;
                case 2 -> Float.MIN_VALUE * rng.nextInt(1000);
                default -> -Float.MIN_NORMAL * (float) rng.nextDouble();
            };
        }
    }
}
