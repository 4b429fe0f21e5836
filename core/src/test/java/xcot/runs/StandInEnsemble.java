package xcot.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Generation;
import xcot.llm.Generator;
import xcot.llm.Sampler;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleCotSource;
import xcot.methods.EnsembleItem;
import xcot.methods.EnsembleParticipant;
import xcot.methods.EnsembleSetup;
import xcot.methods.EnsembleTrace;
import xcot.methods.IterationTrace;

/**
 * A stand-in ensemble engine that records which combinations it was started for, so a test can see that a rerun
 * finds every ensemble CoT in the store and never starts the engine: the first generator writes a few greedy tokens
 * from its start context, and that is the "ensemble" CoT.
 */
final class StandInEnsemble implements EnsembleCotSource {
    final List<String> startedCombinations = new ArrayList<>();

    @Override
    public String name() {
        return "stand-in-v1";
    }

    @Override
    public EnsembleRun start(EnsembleSetup setup) {
        startedCombinations.add(setup.label());
        EnsembleParticipant first = setup.generators().get(0);
        Context context = first.model().newContext(ContextOptions.of(first.contextTokens()).withThreads(first.threads()));
        return new EnsembleRun() {
            @Override
            public EnsembleCot cot(EnsembleItem item) {
                String start = item.startContexts().get(first.name());
                int[] prompt = first.model().vocab().tokenize(start, false, true);
                try (Sampler greedy = Sampler.greedy()) {
                    Generation g = new Generator(context, 0).generate(prompt, 6, greedy, null, true);
                    String chunk = " " + g.text().strip();
                    var iteration = new IterationTrace(0, List.of(), chunk.strip(), 0, null, List.of(), 0, 0);
                    var trace = new EnsembleTrace(List.of(first.name()), List.of(first.name()), List.of(iteration),
                            "THINKING_CLOSED", chunk.length(), 0);
                    return new EnsembleCot(start + chunk + "</think>", chunk, true, Map.of(first.name(), 1), trace,
                            "<think>", "</think>");
                }
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }
}
