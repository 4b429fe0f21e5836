package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import xcot.tasks.toy.ToySplit;
import xcot.tasks.toy.ToyVocabulary;
import xcot.zoo.CommittedZoo;

/**
 * On a build with a GPU backend ({@code mvn verify -Pgpu}): every layer offloaded gives the CPU's answers. A trained
 * toy model decides each token with a wide margin, so greedy decoding must not change when the arithmetic moves to
 * the GPU. Fails, rather than skipping, on a build without a GPU: the profile asks for one.
 */
@Tag("gpu")
class GpuOffloadTest {
    @Test
    void allLayersOnTheGpuGiveTheCpusGreedyAnswers() {
        BackendInfo info = Backend.info();
        assertTrue(info.gpuOffload(), "this llama.cpp build (" + info.variant() + ") has no GPU backend");
        assertTrue(info.devices().stream().anyMatch(d -> !d.type().equalsIgnoreCase("cpu")),
                "no GPU device: " + info.devices());
        Path model = CommittedZoo.path("plain-a");
        List<String> prompts = ToySplit.heldOut().stream().limit(20).map(p -> p.prompt()).toList();
        try (Model cpu = Model.load(model, ModelOptions.defaults().withGpuLayers(0));
                Model gpu = Model.load(model, ModelOptions.defaults().withGpuLayers(-1));
                Context onCpu = cpu.newContext(ContextOptions.of(256).withThreads(2));
                Context onGpu = gpu.newContext(ContextOptions.of(256).withThreads(2));
                Sampler greedy = Sampler.greedy()) {
            for (String prompt : prompts) {
                int[] tokens = ToyVocabulary.encode(prompt);
                Generation a = new Generator(onCpu, 0).generate(tokens, 40, greedy, null, false);
                Generation b = new Generator(onGpu, 0).generate(tokens, 40, greedy, null, false);
                assertEquals(a.text(), b.text(), "greedy answer to " + prompt);
            }
        }
    }
}
