package xcot.methods;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A {@link TextGenerator} that returns scripted results in order and records the requests it got. */
public final class ScriptedGenerator implements TextGenerator {
    public final List<GenerationRequest> requests = new ArrayList<>();
    private final Deque<Generated> script = new ArrayDeque<>();

    public ScriptedGenerator then(String text, StopReason stop) {
        int[] tokens = text.codePoints().toArray();
        script.add(new Generated(tokens, text, stop, 10, 100));
        return this;
    }

    @Override
    public Generated generate(GenerationRequest request) {
        requests.add(request);
        if (script.isEmpty()) {
            throw new AssertionError("unexpected generation: " + request);
        }
        return script.removeFirst();
    }
}
