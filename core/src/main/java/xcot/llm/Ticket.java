package xcot.llm;

/**
 * One request on its way through a {@link BatchScheduler}: queued, in flight, then completed with a
 * {@link Generation} or failed. Its place in the admission order is fixed by whoever enqueues it.
 */
final class Ticket {
    final SequenceRequest request;
    /** The client that submitted it (0 for the plain list entry point). */
    final int client;
    /** Where the caller wants the result (the index in the request list). */
    final int index;
    /** For a client's request: the step boundary at which it joins the queue ({@link ClientCoordinator}). */
    long joinsAt;
    private Generation result;
    private RuntimeException failure;

    Ticket(SequenceRequest request, int client, int index) {
        this.request = request;
        this.client = client;
        this.index = index;
    }

    void complete(Generation generation) {
        result = generation;
    }

    void fail(RuntimeException e) {
        failure = e;
    }

    boolean isDone() {
        return result != null || failure != null;
    }

    /** The result, or the failure thrown. */
    Generation outcome() {
        if (failure != null) {
            throw failure;
        }
        if (result == null) {
            throw new IllegalStateException("request " + index + " of client " + client + " has not finished");
        }
        return result;
    }
}
