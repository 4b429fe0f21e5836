package xcot.llm;

/** A client script of {@link BatchedGenerator#runClients} threw; the other scripts ran to their end. */
public final class ClientScriptException extends RuntimeException {
    private final int client;

    public ClientScriptException(int client, Throwable cause) {
        super("client script " + client + " failed: " + cause.getMessage(), cause);
        this.client = client;
    }

    /** The failed script's index in the list given to {@code runClients}. */
    public int client() {
        return client;
    }
}
