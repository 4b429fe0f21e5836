package xcot.cli;

import picocli.CommandLine.Command;

/** {@code xcot items ...}: the benchmarks' items. */
@Command(name = "items", description = "The items of the benchmarks (what a run config's benchmark.items names).",
        subcommands = {ItemsListCommand.class})
final class ItemsCommand {}
