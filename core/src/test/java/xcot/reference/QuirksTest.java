package xcot.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QuirksTest {
    @Test
    void fixedKeepsOnlyTheSentenceHeuristic() {
        assertEquals(java.util.List.of("ref.sentence-heuristic"), Quirks.fixed().enabled());
        assertEquals(Quirks.none(), Quirks.fixed().scoring());
    }

    @Test
    void umbrellaTurnsEveryFlagOnAndReusesTheScoringOptions() {
        Quirks ref = Quirks.referenceCompat();
        assertEquals(Quirks.flags(), ref.enabled());
        assertEquals(Quirks.faithfulScoring(), ref.scoring());
        assertTrue(ref.has(Quirk.DOUBLE_THINK_TAG) && ref.has(Quirk.OSS_PLAINTEXT_CHANNELS) && ref.has(Quirk.II_TARGET_REGEX));
    }

    @Test
    void namedOverridesApplyAfterTheUmbrella() {
        Quirks flags = Quirks.of(true, Map.of("ref.double-think-tag", false,
                "ref.lenient-consistency", false));
        assertFalse(flags.has(Quirk.DOUBLE_THINK_TAG));
        assertFalse(flags.has(Quirk.LENIENT_CONSISTENCY));
        assertTrue(flags.has(Quirk.DOUBLE_BOS));
        assertTrue(flags.describe().startsWith("custom ("));
    }

    @Test
    void unknownFlagIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Quirks.of(false, Map.of("ref.no-such-thing", true)));
        assertTrue(e.getMessage().startsWith("unknown flag 'ref.no-such-thing'"), e.getMessage());
    }
}
