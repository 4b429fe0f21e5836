package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.fixtures.ModelShape;
import xcot.gguf.GgufReader;
import xcot.llm.ContextOptions.CacheType;

/**
 * How many items an ensemble holds at once: the paper's three combinations on one H100 (78 GiB free) and one H200
 * (139 GiB), Q4_K_M 32B models, gpt-oss-20b in MXFP4, OpenThinker-7B in Q4_K_M (file sizes as published, rounded),
 * shapes from their configs. The table is printed; the assertions hold the rules.
 */
class GroupSizingTest {
    static final long GB = 1_000_000_000L;
    static final long GIB = 1L << 30;
    /** Qwen2.5-32B: 64 layers, 40 heads, 8 KV heads of 128. */
    static final GroupSizing.Footprint QWQ = new GroupSizing.Footprint("QwQ", 19_850 * GB / 1000, 64L * 8 * 256, 40,
            152_064);
    static final GroupSizing.Footprint DAPO = new GroupSizing.Footprint("DAPO", 19_850 * GB / 1000, 64L * 8 * 256, 40,
            152_064);
    /** gpt-oss-20b: 24 layers, 64 heads, 8 KV heads of 64 (every layer counted whole: llama.cpp's swa_full). */
    static final GroupSizing.Footprint OSS = new GroupSizing.Footprint("OSS", 12_100 * GB / 1000, 24L * 8 * 128, 64,
            201_088);
    /** Qwen2.5-7B: 28 layers, 28 heads, 4 KV heads of 128. */
    static final GroupSizing.Footprint OPENT = new GroupSizing.Footprint("OpenT", 4_680 * GB / 1000, 28L * 4 * 256, 28,
            152_064);

    @Test
    void thePapersCombinationsOnOneGpu() {
        List<List<GroupSizing.Footprint>> combos = List.of(List.of(QWQ, DAPO, OSS), List.of(QWQ, OPENT, OSS),
                List.of(QWQ, OSS, DAPO));
        List<String> names = List.of("QwQ+DAPO / OSS", "QwQ+OpenT / OSS", "QwQ+OSS / DAPO");
        System.out.println("| combination | window | device | F16, no flash attention | F16, flash attention | Q8_0 |");
        for (int c = 0; c < combos.size(); c++) {
            for (int window : new int[] {8192, 16384}) {
                for (long free : new long[] {78 * GIB, 139 * GIB}) {
                    int plain = GroupSizing.fit(combos.get(c), window, CacheType.F16, false, 128, free).items();
                    int flash = GroupSizing.fit(combos.get(c), window, CacheType.F16, true, 128, free).items();
                    GroupSizing.Plan q8 = GroupSizing.fit(combos.get(c), window, CacheType.Q8_0, true, 128, free);
                    System.out.printf("| %s | %,d | %s | %d | %d | %d |%n", names.get(c), window,
                            free == 78 * GIB ? "H100" : "H200", plain, flash, q8.items());
                    assertTrue(plain <= flash && flash <= q8.items(), "flash attention and Q8_0 only add room");
                }
            }
        }
        System.out.println(GroupSizing.fit(combos.getFirst(), 8192, CacheType.Q8_0, true, 128, 78 * GIB).reason());
    }

    @Test
    void itemsAreWhatIsLeftAfterTheWeightsOverWhatEachAdds() {
        GroupSizing.Plan plan = GroupSizing.fit(List.of(QWQ, DAPO, OSS), 8192, CacheType.F16, true, 128, 78 * GIB);
        assertEquals((78 * GIB - plan.fixedBytes()) / plan.bytesPerItem(), plan.items());
        // Per item: 8,192 cells of 256 KiB (each 32B) and 48 KiB (OSS).
        assertEquals(8192L * (2 * 262_144 + 49_152), plan.bytesPerItem());
        assertEquals(0, GroupSizing.fit(List.of(QWQ, DAPO, OSS), 8192, CacheType.F16, true, 128, 40 * GIB).items(),
                "the weights alone do not fit");
        assertEquals(GroupSizing.MAX_ITEMS, GroupSizing.fit(List.of(OPENT), 1024, CacheType.Q8_0, true, 128,
                1000 * GIB).items(), "sequence ids bound the group");
        assertTrue(plan.reason().startsWith(plan.items() + " items at once"), plan.reason());
    }

    @Test
    void theFootprintIsReadFromTheGguf() throws Exception {
        GroupSizing.Footprint tiny = GroupSizing.Footprint.of("tiny", GgufReader.read(TinyEnsemble.path(101)));
        ModelShape shape = ModelShape.tiny();
        assertEquals((long) shape.layers() * shape.headCountKv() * 2 * shape.headDim(), tiny.kvValuesPerCell());
        assertEquals(shape.headCount(), tiny.heads());
        assertEquals(shape.vocabSize(), tiny.vocabSize());
        assertEquals(tiny.kvValuesPerCell() * 2, tiny.kvBytesPerCell(CacheType.F16));
        assertEquals(tiny.kvValuesPerCell() * 34 / 32, tiny.kvBytesPerCell(CacheType.Q8_0));
        assertTrue(tiny.weightsBytes() > 0);
    }
}
