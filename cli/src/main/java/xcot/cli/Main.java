package xcot.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;
import xcot.io.LauncherStderr;

/** The {@code xcot} command: a thin picocli layer over {@code xcot-core}. */
@Command(
        name = "xcot",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        // --help and --version on every command and subcommand (they inherit both from here).
        scope = CommandLine.ScopeType.INHERIT,
        description = "Measures whether one reasoning model's chain of thought carries other models to the same answer.",
        subcommands = {
            InfoCommand.class,
            ModelsCommand.class,
            GenerateCommand.class,
            ScoreCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            RunCommand.class,
            DemoCommand.class,
            ZooCommand.class,
            ItemsCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main {
    public static void main(String[] args) {
        LauncherStderr.restore();
        int exit;
        try {
            exit = newCommandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // Commands that know what they were doing say so themselves; this is the net under the others.
            System.err.println("xcot: " + OutOfMemory.message(""));
            exit = OneLineErrors.EXIT_FAILURE;
        }
        System.exit(exit);
    }

    /** The configured command line; tests call this and capture its writers. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        RunCommand.addConfigKeys(cli.getSubcommands().get("run"));
        return cli;
    }
}
