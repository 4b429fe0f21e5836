package xcot.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import xcot.records.ScoringOptions;

class ReferenceFlagsTest {
    @Test
    void fixedKeepsOnlyTheSentenceHeuristic() {
        assertEquals(java.util.List.of("ref.sentence-heuristic"), ReferenceFlags.fixed().enabled());
        assertEquals(ScoringOptions.fixed(), ReferenceFlags.fixed().scoring());
    }

    @Test
    void umbrellaTurnsEveryFlagOnAndReusesTheScoringOptions() {
        ReferenceFlags ref = ReferenceFlags.referenceCompat();
        assertEquals(ReferenceFlags.names(), ref.enabled());
        assertEquals(ScoringOptions.faithful(), ref.scoring());
        assertTrue(ref.doubleThinkTag() && ref.ossPlaintextChannels() && ref.iiTargetRegex());
    }

    @Test
    void namedOverridesApplyAfterTheUmbrella() {
        ReferenceFlags flags = ReferenceFlags.of(true, Map.of("ref.double-think-tag", false,
                "ref.lenient-consistency", false));
        assertFalse(flags.doubleThinkTag());
        assertFalse(flags.scoring().lenientConsistency());
        assertTrue(flags.doubleBos());
        assertTrue(flags.describe().startsWith("custom ("));
    }

    @Test
    void unknownFlagIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceFlags.fixed().withSet("ref.no-such-thing", true));
        assertTrue(e.getMessage().startsWith("unknown flag 'ref.no-such-thing'"), e.getMessage());
    }
}
