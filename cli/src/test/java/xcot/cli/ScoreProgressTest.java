package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreProgressTest {
    private long nanos;

    private ScoreProgress progress(StringWriter err, boolean terminal) {
        return new ScoreProgress(new PrintWriter(err), terminal, () -> nanos);
    }

    private void at(double seconds) {
        nanos = (long) (seconds * 1e9);
    }

    @Test
    void aLogGetsALineEveryTenSecondsAndShortWorkNone() {
        StringWriter err = new StringWriter();
        at(0);
        ScoreProgress p = progress(err, false);
        p.reading(1, 200_000_000);
        p.file("answers.jsonl", 0);
        at(1.5);
        p.read(20_000_000, 1000);
        assertEquals("", err.toString());
        at(10);
        p.read(100_000_000, 5000);
        assertEquals(List.of("xcot: reading answers.jsonl: 100 MB of 200 MB (50%), 5,000 answers, 0:10, ETA 0:10"),
                err.toString().lines().toList());
        at(12);
        p.bootstrapping(70_000);
        at(15);
        p.resampled(256);
        assertEquals(1, err.toString().lines().count(), "not yet ten seconds since the last line");
        at(22);
        p.resampled(35_000);
        assertEquals("xcot: bootstrap: 50% (35,256 of 70,000 resamples), 0:10, ETA 0:09",
                err.toString().lines().toList().getLast());
        assertEquals("bootstrapping", p.phase());
    }

    @Test
    void aTerminalGetsOneRedrawnLineClearedAtTheEnd() {
        StringWriter err = new StringWriter();
        at(0);
        ScoreProgress p = progress(err, true);
        p.reading(2, 0);
        p.file("a.jsonl", 0);
        at(3);
        p.read(5_000_000, 10);
        at(3.1);
        p.read(6_000_000, 12);
        at(3.5);
        p.read(7_000_000, 14);
        String text = err.toString();
        assertEquals(2, text.chars().filter(c -> c == '\r').count(), text);
        assertTrue(text.endsWith("reading a.jsonl (2 files): 7 MB read, 14 answers, 0:03"), text);
        p.finish();
        assertTrue(err.toString().endsWith("\r"), "the line is cleared");
        assertTrue(p.done());
    }
}
