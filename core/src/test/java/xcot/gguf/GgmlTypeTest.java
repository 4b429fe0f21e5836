package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GgmlTypeTest {
    @Test
    void idsRoundTripAndRemovedIdsAreUnknown() {
        for (GgmlType t : GgmlType.values()) {
            assertEquals(t, GgmlType.fromId(t.id()).orElseThrow());
        }
        for (int removed : new int[] {4, 5, 31, 32, 33, 36, 37, 38, 43, -1}) {
            assertTrue(GgmlType.fromId(removed).isEmpty(), "id " + removed);
        }
    }

    @Test
    void byteSizesFollowTheBlockLayout() {
        // A QwQ-32B Q4_K_M file stores ffn_down as Q6_K: [27648, 5120] = 110592 blocks of 210 bytes.
        assertEquals(27648L * 5120 / 256 * 210, GgmlType.Q6_K.byteSize(27648L * 5120));
        assertEquals(34, GgmlType.Q8_0.byteSize(32));
        assertEquals(144, GgmlType.Q4_K.byteSize(256));
        assertEquals(2, GgmlType.BF16.byteSize(1));
        assertThrows(IllegalArgumentException.class, () -> GgmlType.Q4_K.byteSize(128));
        assertThrows(ArithmeticException.class, () -> GgmlType.F64.byteSize(Long.MAX_VALUE));
    }
}
