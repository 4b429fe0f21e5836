package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZooManifestTest {
    private static final String SHA = "25d6ee746595fe2d1c1bfce62ef02762d143a434d5bd98e91326d808dbfc3cce";

    @Test
    void roundTripsInSha256sumFormat() {
        ZooManifest m = new ZooManifest(List.of("made by: xcot zoo train --all", ""),
                List.of(new ZooManifest.Entry("plain-a.gguf", SHA)));
        String text = m.render();
        assertEquals("# made by: xcot zoo train --all\n#\n" + SHA + "  plain-a.gguf\n", text);
        assertEquals(m, ZooManifest.parse(text, "MANIFEST"));
        assertEquals(SHA, m.entry("plain-a.gguf").orElseThrow().sha256());
    }

    @Test
    void aBadLineNamesFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ZooManifest.parse("# ok\n\nabc  plain-a.gguf\n", "MANIFEST"));
        assertEquals("MANIFEST:3: not a sha256 hex digest: 'abc'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ZooManifest.parse(SHA + " plain-a.gguf", "M"));
        assertThrows(IllegalArgumentException.class, () -> ZooManifest.parse(SHA + "  ../x.gguf", "M"));
    }
}
