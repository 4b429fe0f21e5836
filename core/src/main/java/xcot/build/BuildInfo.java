package xcot.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This xcot build: its version and the git commit it was built from, as {@code core/build-info.sh} recorded them at
 * build time. {@code xcot --version} prints them and every run folder's {@code run.json} keeps them.
 *
 * @param commit the checkout's HEAD, or {@code unknown} (a build outside a git checkout)
 * @param dirty  whether tracked files differed from the commit at build time ({@code unknown} without git)
 */
public record BuildInfo(String version, String commit, String dirty) {
    static final String RESOURCE = "/xcot/build/build-info.properties";

    /** The build info of the running classes; "unknown" fields for classes compiled without the Maven build. */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                p.getProperty("dirty", "unknown"));
    }

    /** {@code 0.1.0-SNAPSHOT (commit 1a2b3c4d5e6f, with uncommitted changes)}. */
    public String describe() {
        String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return version + " (commit " + shortCommit + (dirty.equals("true") ? ", with uncommitted changes" : "") + ")";
    }
}
