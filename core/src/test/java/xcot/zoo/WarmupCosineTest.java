package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import xcot.llm.AdamW;

class WarmupCosineTest {
    private final WarmupCosine schedule = new WarmupCosine(2e-3f, 95, 1900, 0.05f);

    @Test
    void followsTheStudysFormula() {
        assertClose(2e-3 / 95, schedule.learningRate(0));
        assertClose(2e-3 * 50 / 95, schedule.learningRate(49));
        assertClose(2e-3, schedule.learningRate(94), "the warm-up ends at the peak");
        assertClose(2e-3, schedule.learningRate(95), "the cosine starts at the peak");
        assertClose(2e-3 * (0.05 + 0.95 * 0.5), new WarmupCosine(2e-3f, 100, 300, 0.05f).learningRate(200),
                "half way down the cosine");
        assertClose(2e-3 * 0.05, schedule.learningRate(1900), "the floor");
        assertClose(2e-3 * 0.05, schedule.learningRate(5000), "stays at the floor");
        for (long t = 95; t < 1900; t++) {
            assertTrue(schedule.learningRate(t + 1) <= schedule.learningRate(t), "decays at " + t);
        }
    }

    /** Within 1e-6 relative: the peak is a float (2e-3f), the formula here is in doubles. */
    private static void assertClose(double expected, double actual, String... message) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-6, message.length > 0 ? message[0] : null);
    }

    @Test
    void givesValidAdamWParameters() {
        AdamW p = schedule.at(0);
        assertEquals(0.9f, p.beta1());
        assertEquals(0.99f, p.beta2());
        assertEquals(1e-8f, p.epsilon());
        assertEquals(0f, p.weightDecay());
        assertThrows(IllegalArgumentException.class, () -> new AdamW(0f, 0.9f, 0.99f, 1e-8f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(Float.NaN, 0.9f, 0.99f, 1e-8f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(1e-3f, 1f, 0.99f, 1e-8f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(1e-3f, 0.9f, 0.99f, -1f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new AdamW(1e-3f, 0.9f, 0.99f, 1e-8f, 1.5f));
    }
}
