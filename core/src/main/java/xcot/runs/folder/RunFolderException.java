package xcot.runs.folder;

/** A run folder that cannot be used as asked: another run's outputs, another process writing it. One line. */
public final class RunFolderException extends RuntimeException {
    public RunFolderException(String message) {
        super(message);
    }
}
