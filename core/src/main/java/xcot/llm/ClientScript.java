package xcot.llm;

/**
 * A small synchronous program that generates through a {@link GenerationClient} (e.g. pass 1 of a chain of thought,
 * then pass 2 built from pass 1's tokens) and returns a value. {@link BatchedGenerator#runClients} runs each script on
 * its own virtual thread.
 */
@FunctionalInterface
public interface ClientScript<R> {
    R run(GenerationClient client) throws Exception;
}
