package xcot.cli;

import picocli.CommandLine.Command;

/** {@code xcot models ...}: make and inspect GGUF models. */
@Command(name = "models", description = "Make and inspect GGUF models.",
        subcommands = {MakeTinyCommand.class, InspectCommand.class})
final class ModelsCommand {}
