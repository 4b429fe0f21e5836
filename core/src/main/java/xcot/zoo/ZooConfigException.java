package xcot.zoo;

/** A zoo configuration file is unreadable or invalid; the message is one line naming the file and line. */
public final class ZooConfigException extends RuntimeException {
    public ZooConfigException(String message) {
        super(message);
    }
}
