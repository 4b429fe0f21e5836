package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line. */
class ProgressTest {
    @Test
    void progressLineShowsDoneTotalEtaAndSpeed() {
        AtomicLong clock = new AtomicLong();
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), false, clock::get);
        p.addTotal(10);
        p.step("own CoT, a");
        p.unitDone(true);
        clock.addAndGet(2_000_000_000L);
        p.generated(100, 50, 1_000_000_000L, false);
        p.unitDone(false);
        assertEquals("own CoT, a: 2/10  20%  ETA 0:16  50 tok/s  (1 from the store)", p.line());
        assertTrue(out.toString().startsWith("xcot: own CoT, a: 0/10   0%  ETA --:--  - tok/s\n"), out.toString());
        assertEquals("1:02:03", Progress.clock(3723));
    }
}
