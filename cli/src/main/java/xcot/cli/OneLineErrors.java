package xcot.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a subcommand into one line on stderr and exit code 1. Users see what went wrong and
 * where (the exception messages carry file, line or size); a stack trace only with {@code XCOT_DEBUG=1}.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
    static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (System.getenv("XCOT_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cli.getErr().println("xcot: " + message.lines().findFirst().orElse(message));
        cli.getErr().flush();
        return EXIT_FAILURE;
    }
}
