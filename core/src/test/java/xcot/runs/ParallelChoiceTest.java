package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How many sequences of a model decode together: the memory check's arithmetic, the default, the refusal. */
class ParallelChoiceTest {
    static final long GIB = 1L << 30;

    /** 4 GiB of weights, 1 GiB of KV per window, 10 GiB free: (10 - 4 - 0.25) / 1 = 5 windows fit. */
    static ParallelChoice.Need need(int batch) {
        return new ParallelChoice.Need("m", 4 * GIB, GIB, 4096, batch, "GPU0", 10 * GIB);
    }

    @Test
    void theDefaultIsTheMostThatFitUpToSixteenAndSaysWhy() {
        ParallelChoice.Choice c = ParallelChoice.choose(need(2048), Optional.empty());
        assertEquals(5, c.most());
        assertEquals(5, c.parallel());
        assertTrue(c.line().startsWith("model 'm': parallel 5 (the most that fit; 1.00 GiB KV per 4,096-token window"),
                c.line());
        ParallelChoice.Need roomy = new ParallelChoice.Need("m", GIB, GIB / 64, 4096, 2048, "GPU0", 10 * GIB);
        assertEquals(16, ParallelChoice.choose(roomy, Optional.empty()).parallel());
        assertEquals(3, ParallelChoice.choose(new ParallelChoice.Need("m", GIB, GIB / 64, 4096, 3, "CPU", 10 * GIB),
                Optional.empty()).parallel(), "one token of each sequence goes into every decode");
    }

    @Test
    void aConfiguredValueThatFitsIsKeptOneThatDoesNotIsRefusedInOneLineNamingModelAndLimit() {
        assertEquals(5, ParallelChoice.choose(need(2048), Optional.of(5)).parallel());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelChoice.choose(need(2048), Optional.of(6)));
        assertTrue(e.getMessage().startsWith("model 'm': parallel 6 does not fit: at most 5 sequences ("),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> ParallelChoice.choose(need(4), Optional.of(5)));
        assertTrue(batch.getMessage().contains("exceeds its 'batch' 4"), batch.getMessage());
    }

    @Test
    void aBackendThatDoesNotSayWhatIsFreeHoldsNothingBack() {
        ParallelChoice.Need unknown = new ParallelChoice.Need("m", GIB, GIB, 4096, 2048, "CPU", 0);
        assertEquals(16, ParallelChoice.choose(unknown, Optional.empty()).parallel());
        assertEquals(64, ParallelChoice.choose(unknown, Optional.of(64)).parallel());
    }
}
