package xcot.llm;

import java.util.List;

/**
 * What a client script of {@link BatchedGenerator#runClients} calls, from its own thread: each call blocks until its
 * generations are done, while the engine decodes them together with every other client's.
 */
public interface GenerationClient {
    /**
     * One generation.
     *
     * @throws ContextOverflowException if the prompt is longer than a sequence's window (nothing was queued)
     */
    Generation generate(SequenceRequest request);

    /** Several generations submitted at once (in list order), decoded side by side; results in list order. */
    List<Generation> generateAll(List<SequenceRequest> requests);
}
