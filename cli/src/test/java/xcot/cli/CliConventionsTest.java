package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import xcot.build.BuildInfo;
import xcot.runs.config.ConfigKeys;

/** What users expect of a CLI: --help and --version everywhere, the config keys in run --help, a quiet stderr. */
class CliConventionsTest {
    /** Every command path below xcot ({@code [models, check]}, ...), the help command aside. */
    static List<List<String>> commandPaths(CommandLine cli, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        cli.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            out.add(path);
            out.addAll(commandPaths(sub, path));
        });
        return out;
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpAndVersion() {
        List<List<String>> paths = commandPaths(Main.newCommandLine(), List.of());
        assertTrue(paths.size() >= 17, paths.toString());
        String version = "xcot " + BuildInfo.current().describe();
        for (List<String> path : paths) {
            List<String> help = new ArrayList<>(path);
            help.add("--help");
            ScoreCommandTest.Run h = ScoreCommandTest.run(help.toArray(String[]::new));
            assertEquals(0, h.exitCode(), path + " --help: " + h.err());
            assertTrue(h.out().startsWith("Usage: xcot " + String.join(" ", path)), path + ": " + h.out());
            List<String> v = new ArrayList<>(path);
            v.add("--version");
            ScoreCommandTest.Run r = ScoreCommandTest.run(v.toArray(String[]::new));
            assertEquals(0, r.exitCode(), path + " --version: " + r.err());
            assertTrue(r.out().startsWith(version + "\n"), path + ": " + r.out());
        }
    }

    @Test
    void theLauncherPrintsOnlyTheAnswer() throws Exception {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"info", "--help"},
                new String[] {"generate", "--help"}, new String[] {"zoo", "train", "--help"})) {
            Launcher.Result r = Launcher.run(Path.of("."), Map.of(), args);
            assertEquals(0, r.exitCode(), r.both());
            assertEquals("", r.err(), "no incubator-module warning, nothing else: " + r.both());
            assertFalse(r.out().contains("WARNING"), r.both());
        }
        Launcher.Result version = Launcher.run(Path.of("."), Map.of(), "--version");
        assertTrue(version.out().startsWith("xcot " + BuildInfo.current().describe() + "\n"), version.out());
        assertFalse(version.out().contains("development build"), version.out());
        assertTrue(BuildInfo.current().commit().matches("[0-9a-f]{40}"), "the build records its commit: "
                + BuildInfo.current());
        // An error is still one line on stderr, after the handover of stderr.
        Launcher.Result bad = Launcher.run(Path.of("."), Map.of(), "score", "no-such-file.jsonl");
        assertEquals(1, bad.exitCode(), bad.both());
        assertEquals(1, bad.err().lines().count(), bad.both());
    }

    @Test
    void runHelpListsEveryConfigKeyWithItsDefault() throws Exception {
        Launcher.Result r = Launcher.run(Path.of("."), Map.of(), "run", "--help");
        assertEquals(0, r.exitCode(), r.both());
        assertTrue(r.out().contains(ConfigKeys.helpText()), r.out());
        for (ConfigKeys.Key k : ConfigKeys.ALL) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + k.path() + " ") && l.contains("["
                    + k.defaultValue() + "] " + k.description())), k.path());
        }
        for (String option : List.of("--limit", "--models", "--conditions", "--dry-run", "--force", "--verbose",
                "--require-gpu")) {
            assertTrue(r.out().contains(option), option);
        }
    }
}
