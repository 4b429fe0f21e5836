package xcot.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Record condition names map back to their conditions by type, not by prefix. */
class ConditionTest {
    @Test
    void recordLabelsMapToTheirConditions() {
        Set<String> corruptions = Set.of("wrong-final-sum");
        assertEquals(Optional.of(Condition.SAMPLED), Condition.ofRecordLabel("sampled-seed43", corruptions));
        assertEquals(Optional.of(Condition.SAMPLED_WITHOUT_ANSWER),
                Condition.ofRecordLabel("sampled-without-answer-seed7", corruptions));
        assertEquals(Optional.of(Condition.TRANSFER), Condition.ofRecordLabel("transfer-full", corruptions));
        assertEquals(Optional.of(Condition.CORRUPTED), Condition.ofRecordLabel("wrong-final-sum", corruptions));
        assertEquals(Optional.empty(), Condition.ofRecordLabel("transferred", corruptions));
        assertEquals(Optional.empty(), Condition.ofRecordLabel("corrupted", corruptions));
    }

    @Test
    void transfersEnsemblesAndCorruptionsAreScoredPerSource() {
        assertTrue(Condition.TRANSFER_WITHOUT_ANSWER.settingPerSource());
        assertTrue(Condition.ENSEMBLE.settingPerSource());
        assertTrue(Condition.CORRUPTED.settingPerSource());
        assertFalse(Condition.DEFAULT_WITHOUT_ANSWER.settingPerSource());
        assertFalse(Condition.SAMPLED.settingPerSource());
    }
}
