package xcot.tasks.induction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityCalibrationTest {
    /** Two settings (one with its without-answer twin), 2 pairs x 2 tasks x 2 items; measured = f(stored). */
    private static List<SimilarityCalibration.Row> rows(java.util.function.DoubleUnaryOperator measure) {
        List<SimilarityCalibration.Row> rows = new ArrayList<>();
        String[] settings = {"default", "default_without_answer", "empty"};
        double[] base = {0.5, 0.6, 0.55};
        for (int s = 0; s < settings.length; s++) {
            int n = 0;
            for (String pair : List.of("a_vs_b", "a_vs_c")) {
                for (String task : List.of("rhymes", "synonyms")) {
                    for (String item : List.of("4", "15")) {
                        double stored = base[s] + 0.01 * n++;
                        rows.add(new SimilarityCalibration.Row(settings[s], task, pair, item, stored,
                                measure.applyAsDouble(stored)));
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void aMonotoneMeasureAgreesEverywhere() {
        SimilarityCalibration c = new SimilarityCalibration(rows(x -> x * x - 0.2));
        assertEquals(1.0, c.rowSpearman(), 1e-12);
        assertEquals(1.0, c.settingSpearman(), 1e-12);
        c.decisions().forEach(d -> assertEquals(1.0, d.agreement(), 1e-12));
        assertEquals(1, c.directions().size());
        assertTrue(c.directions().getFirst().agrees());
        assertEquals(0.535, c.settingScores().getFirst().stored(), 1e-12); // default: mean of 0.50 .. 0.57
    }

    @Test
    void anInvertedMeasureDisagrees() {
        SimilarityCalibration c = new SimilarityCalibration(rows(x -> 1 - x));
        assertEquals(-1.0, c.settingSpearman(), 1e-12);
        assertFalse(c.directions().getFirst().agrees());
        assertTrue(c.format("inverted").contains("same direction: 0 of 1"));
    }

    @Test
    void quantilesAreTheValueAtTheirRank() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75], method="lower") == [1, 2, 3]
        assertEquals(1, SimilarityCalibration.quantile(new double[] {1, 2, 3, 4}, 0.25));
        assertEquals(2, SimilarityCalibration.quantile(new double[] {1, 2, 3, 4}, 0.5));
        assertEquals(3, SimilarityCalibration.quantile(new double[] {1, 2, 3, 4}, 0.75));
    }
}
