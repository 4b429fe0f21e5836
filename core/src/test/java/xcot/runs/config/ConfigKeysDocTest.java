package xcot.runs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's table of config keys is {@link ConfigKeys#markdownTable()} (the keys the reader binds are the same list:
 * {@code ConfigValuesTest}; {@code xcot run --help} prints it too: {@code CliConventionsTest}). After changing a key,
 * regenerate the table with {@code -Dxcot.readme.update=true} and read the diff.
 */
class ConfigKeysDocTest {
    static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeListsEveryKeyWithItsDefault() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(ConfigKeys.README_START);
        int end = readme.indexOf(ConfigKeys.README_END);
        assertTrue(start >= 0 && end > start, "README.md has the markers " + ConfigKeys.README_START + " and "
                + ConfigKeys.README_END);
        String body = readme.substring(start + ConfigKeys.README_START.length(), end);
        String expected = "\n" + ConfigKeys.markdownTable();
        if (Boolean.getBoolean("xcot.readme.update")) {
            Files.writeString(README, readme.substring(0, start + ConfigKeys.README_START.length()) + expected
                    + readme.substring(end), StandardCharsets.UTF_8);
            body = expected;
        }
        assertEquals(expected, body);
        for (ConfigKeys.Key k : ConfigKeys.ALL) {
            assertTrue(body.contains("| `" + k.path() + "` |"), k.path());
        }
    }

    @Test
    void theHelpTextHasOneLinePerKey() {
        String help = ConfigKeys.helpText();
        assertEquals(ConfigKeys.ALL.size() + 1, help.lines().count(), help);
    }
}
