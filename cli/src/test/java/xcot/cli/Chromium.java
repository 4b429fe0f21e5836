package xcot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven from tests: screenshots, the DOM after scripts ran, and the page's network
 * requests from Chromium's NetLog. Every host name resolves to nothing ({@code --host-resolver-rules}), so a request
 * the page makes is recorded but leaves no machine; the browser's own background requests (updates, time checks)
 * are told apart from the page's by their network isolation key, which names the page's site for page requests.
 */
final class Chromium {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--no-first-run", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--host-resolver-rules=MAP * ~NOTFOUND");

    private Chromium() {}

    /** The chromium executable on the PATH, if any. */
    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "chromium");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Loads {@code page} with {@code flags} added; stdout is returned (e.g. {@code --dump-dom}). */
    static String run(Path chromium, Path work, Path page, List<String> flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + Files.createTempDirectory(work, "profile-"));
        command.addAll(flags);
        command.add(page.toUri().toString());
        Path stdout = Files.createTempFile(work, "stdout-", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish loading " + page + " in 120 s");
        }
        return Files.readString(stdout);
    }

    /** The URLs the page itself requested (not file: or data:), from a NetLog written by {@code --log-net-log}. */
    static List<String> pageRequests(Path netLog) throws IOException {
        JsonNode log = new ObjectMapper().readTree(netLog.toFile());
        List<String> urls = new ArrayList<>();
        for (JsonNode event : log.path("events")) {
            JsonNode params = event.path("params");
            String url = params.path("url").asText("");
            String isolation = params.path("network_isolation_key").asText("");
            if (isolation.contains("file://") && !url.startsWith("file:") && !url.startsWith("data:")
                    && !urls.contains(url)) {
                urls.add(url);
            }
        }
        return urls;
    }
}
