package xcot.cli;

import picocli.CommandLine.Command;

/** {@code xcot zoo ...}: the toy reasoning-model zoo (train it, evaluate it, list it). */
@Command(name = "zoo", description = "Train, evaluate and list the toy reasoning-model zoo.",
        subcommands = {ZooTrainCommand.class, ZooEvalCommand.class, ZooListCommand.class})
final class ZooCommand {}
