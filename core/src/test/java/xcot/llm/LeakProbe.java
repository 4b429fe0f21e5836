package xcot.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child-process body of {@link LifecycleTest#repeatedLoadAndCloseDoesNotLeak}: prints "rss BASELINE END". */
public final class LeakProbe {
    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        int cycles = Integer.parseInt(args[1]);
        long baseline = 0;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            try (Model m = Model.load(model, ModelOptions.defaults().withLoading(ModelOptions.Loading.READ));
                    Context context = m.newContext(ContextOptions.of(256).withThreads(1))) {
                context.memory().clear(true);
            }
            if (cycle == 10) {
                baseline = residentBytes();
            }
        }
        System.out.println("rss " + baseline + " " + residentBytes());
    }

    static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
