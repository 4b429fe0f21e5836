package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.llm.EpochResult;

class ProgressBarTest {
    @Test
    void printsOneLinePerEpochWhenNotATerminal() {
        ZooConfig zoo = ZooConfig.committed();
        ZooModel model = zoo.require("weak-e");
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false, model, zoo.recipe());
        for (int e = 1; e <= 2; e++) {
            bar.epochStarting(e, 2);
            for (int w = 1; w <= 200; w++) {
                bar.windowDone(w <= 190, w <= 190 ? w : w - 190, w <= 190 ? 190 : 10, 1.0 / e);
            }
            EpochResult.Pass pass = new EpochResult.Pass(10, 0.5 / e, 0.01, 0.8, 0.01);
            bar.epochDone(e, 2, new EpochResult(pass, pass, 190L * e, 1_000_000_000L, 256));
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals(2, lines.size(), text.toString());
        assertTrue(lines.get(0).matches("weak-e +\\[#{12}\\.{12}\\]  50%  step 190/380  epoch 1/2  loss 1\\.0000  "
                + "[\\d,]+ tok/s  ETA \\d+s  val loss 0\\.5000"), lines.get(0));
        assertTrue(lines.get(1).contains("[" + "#".repeat(24) + "] 100%  step 380/380  epoch 2/2  loss 0.5000"),
                lines.get(1));
        assertTrue(lines.get(1).contains("ETA 0s"), lines.get(1));
    }
}
