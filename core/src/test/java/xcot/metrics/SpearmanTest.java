package xcot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpearmanTest {
    @Test
    void aMonotoneTransformKeepsTheRanking() {
        double[] x = {0.1, 0.5, 0.3, 0.9, 0.7};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.exp(10 * x[i]);
        }
        assertEquals(1.0, Spearman.correlation(x, y), 1e-12);
        for (int i = 0; i < x.length; i++) {
            y[i] = -y[i];
        }
        assertEquals(-1.0, Spearman.correlation(x, y), 1e-12);
    }

    @Test
    void tiesShareTheirAverageRank() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Spearman.ranks(new double[] {0, 5, 5, 7}), 0);
    }

    @Test
    void knownValue() {
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]).statistic == 0.8
        assertEquals(0.8, Spearman.correlation(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5}), 1e-12);
    }
}
