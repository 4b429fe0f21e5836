package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() {
        Model model = TinyModel.load();
        Context context = model.newContext(ContextOptions.of(256).withThreads(2));
        Batch batch = context.newBatch(4, 1);
        Logits[] stale = new Logits[1];
        batch.add(100, 0, true, 0);
        context.decode(batch);
        stale[0] = context.logits();
        model.close(); // closes batch and context first
        assertDoesNotThrow(model::close);
        assertDoesNotThrow(context::close);
        assertTrue(context.isClosed() && batch.isClosed());
        assertThrows(IllegalStateException.class, model::vocab);
        assertThrows(IllegalStateException.class, () -> context.decode(batch));
        assertThrows(IllegalStateException.class, () -> batch.add(1, 0, true, 0));
        assertThrows(IllegalStateException.class, () -> stale[0].row(0));
    }

    @Test
    void logitsViewGoesStaleAfterTheNextDecode() {
        try (Model model = TinyModel.load();
                Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Batch batch = context.newBatch(1, 1)) {
            batch.add(100, 0, true, 0);
            context.decode(batch);
            Logits first = context.logits();
            batch.clear();
            batch.add(101, 1, true, 0);
            context.decode(batch);
            assertThrows(IllegalStateException.class, () -> first.row(0));
        }
    }

    /**
     * Loads and frees a model and a context 200 times in a child JVM with a fixed, pre-touched heap (so the Java
     * heap cannot move the resident set): RSS after the last cycle stays within 10% of its value after the first
     * 10. A leak of the model's ~16 MB per cycle would grow it by gigabytes.
     *
     * <p>glibc raises its mmap threshold each time a large mapped block is freed, after which multi-MB buffers come
     * from the heap and fragment it, so RSS drifts upward by steps without any leak. The child fixes the threshold
     * ({@code MALLOC_MMAP_THRESHOLD_}): large buffers are then mapped and unmapped, RSS tracks live memory, and a
     * leaked buffer still counts.
     */
    @Test
    void repeatedLoadAndCloseDoesNotLeak() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms192m", "-Xmx192m", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LeakProbe.class.getName(),
                TinyModel.path().toString(), "200")
                .redirectErrorStream(true);
        builder.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor() == 0, output);
        String[] rss = output.lines().filter(l -> l.startsWith("rss ")).reduce((a, b) -> b).orElseThrow()
                .split(" ");
        long baseline = Long.parseLong(rss[1]);
        long end = Long.parseLong(rss[2]);
        assertTrue(end <= baseline * 1.10, "RSS grew from " + baseline + " to " + end + " bytes over 190 cycles");
    }
}
