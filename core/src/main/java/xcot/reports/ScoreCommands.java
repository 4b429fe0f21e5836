package xcot.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code xcot score} command lines that reports print beside their numbers. The program is the launcher that
 * started this JVM ({@value #LAUNCHER_ENV}, which {@code ./xcot} sets to its own absolute path), so a printed line
 * runs as printed; without it, {@code xcot} (installed on the PATH as the README describes).
 */
public final class ScoreCommands {
    public static final String LAUNCHER_ENV = "XCOT_COMMAND";

    private ScoreCommands() {}

    public static String program() {
        String launcher = System.getenv(LAUNCHER_ENV);
        return launcher == null || launcher.isBlank() ? "xcot" : launcher;
    }

    /** {@code xcot score ARGS FILES}, each word quoted for a POSIX shell where it needs it. */
    public static String line(List<String> arguments, List<String> files) {
        List<String> words = new ArrayList<>(List.of(program(), "score"));
        words.addAll(arguments);
        words.addAll(files);
        return String.join(" ", words.stream().map(ScoreCommands::quote).toList());
    }

    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:+=@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
