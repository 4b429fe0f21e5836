package xcot.runs.config;

/** A run config is invalid: one line naming the file, the line (when known) and the problem. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String source, int line, String problem) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    }
}
