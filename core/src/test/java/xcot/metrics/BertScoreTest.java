package xcot.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BertScoreTest {
    // Token vectors in 2-D: [CLS] and [SEP] along y, words at angles on the x side.
    private static final float[] CLS = {0, 1};
    private static final float[] SEP = {0, -1};
    private static final boolean[] THREE = {true, false, true};
    private static final boolean[] FOUR = {true, false, false, true};

    private static BertScore.Side side(float[][] vectors, boolean[] markers) {
        int[] tokens = new int[vectors.length];
        return new BertScore.Side(BertScore.unitVectors(vectors), IdfWeights.uniform().weights(tokens, markers),
                allMarkers(markers));
    }

    private static boolean allMarkers(boolean[] markers) {
        for (boolean m : markers) {
            if (!m) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aTextScoresOneAgainstItself() {
        BertScore.Side s = side(new float[][] {CLS, {3, 4}, {1, 0}, SEP}, FOUR);
        BertScore score = BertScore.of(s, s);
        assertEquals(1, score.precision(), 1e-7);
        assertEquals(1, score.recall(), 1e-7);
        assertEquals(1, score.f1(), 1e-7);
    }

    @Test
    void greedyMatchingByHand() {
        // candidate word at 0°; reference words at 0° and 90° (cos 1 and 0 to it), unnormalized on purpose
        BertScore.Side candidate = side(new float[][] {CLS, {2, 0}, SEP}, THREE);
        BertScore.Side reference = side(new float[][] {CLS, {5, 0}, {0.5f, 0.5f}, SEP}, FOUR);
        BertScore score = BertScore.of(candidate, reference);
        // precision: the candidate word's best match is cos 1
        assertEquals(1.0, score.precision(), 1e-7);
        // recall: reference word 1 -> 1; reference word 2 (45°) -> best of cos to {2,0}: 0.7071, to [CLS]: 0.7071
        assertEquals((1 + Math.sqrt(0.5)) / 2, score.recall(), 1e-6);
        double p = 1.0;
        double r = (1 + Math.sqrt(0.5)) / 2;
        assertEquals(2 * p * r / (p + r), score.f1(), 1e-6);
    }

    @Test
    void markersAreMatchedButWeighNothing() {
        // The candidate word points at [CLS]: its best match is the reference's [CLS] (cos 1), not the word (cos 0).
        BertScore.Side candidate = side(new float[][] {CLS, {0, 1}, SEP}, THREE);
        BertScore.Side reference = side(new float[][] {CLS, {1, 0}, SEP}, THREE);
        assertEquals(1.0, BertScore.of(candidate, reference).precision(), 1e-7);
    }

    @Test
    void anEmptySideScoresZero() {
        BertScore.Side empty = side(new float[][] {CLS, SEP}, new boolean[] {true, true});
        BertScore.Side word = side(new float[][] {CLS, {1, 0}, SEP}, THREE);
        assertEquals(new BertScore(0, 0, 0), BertScore.of(empty, word));
        assertEquals(new BertScore(0, 0, 0), BertScore.of(word, empty));
    }

    @Test
    void idfAsBertScoreCountsIt() {
        // two references: tokens 101 and 102 (markers) in both, 7 in one, 8 in both
        IdfWeights idf = IdfWeights.fromReferences(List.of(new int[] {101, 7, 8, 8, 102}, new int[] {101, 8, 102}));
        double[] w = idf.weights(new int[] {101, 7, 8, 9, 102}, new boolean[] {true, false, false, false, true});
        assertArrayEquals(new double[] {0, Math.log(3.0 / 2), 0, Math.log(3), 0}, w, 1e-12);
    }

    @Test
    void withoutIdfEveryWordWeighsOne() {
        assertArrayEquals(new double[] {0, 1, 1, 0},
                IdfWeights.uniform().weights(new int[] {101, 5, 5, 102}, FOUR), 0);
    }
}
