package xcot.cli;

import picocli.CommandLine.Command;

/** {@code xcot models ...}: make and inspect GGUF models. */
@Command(name = "models", description = "Make, inspect and check GGUF models.",
        subcommands = {MakeTinyCommand.class, InspectCommand.class, CheckCommand.class})
final class ModelsCommand {}
