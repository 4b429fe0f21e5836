package xcot.reports.input;

/**
 * Input a report cannot be made from (a folder that is not a run, a run still in progress, a file of an older
 * schema). The message is one line, {@code <path>: <what>}, and says what to do.
 */
public final class ReportInputException extends RuntimeException {
    public ReportInputException(String message) {
        super(message);
    }
}
