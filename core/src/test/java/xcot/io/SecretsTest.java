package xcot.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void theSecretItsLongFragmentsTokensAndUserinfoAreMasked() {
        String key = "sk-abcdefghijklmnop";
        assertEquals("bad key *** here", Secrets.redact("bad key sk-abcdefghijklmnop here", key));
        assertEquals("cut off: ***", Secrets.redact("cut off: sk-abcdefg", key), "a key cut at a length limit");
        assertEquals("*** masked ***", Secrets.redact("sk-abcdef masked ijklmnop", key));
        assertEquals("short runs stay: sk-abc", Secrets.redact("short runs stay: sk-abc", key));
        assertEquals("Authorization: Bearer ***, Basic ***", Secrets.redact("Authorization: Bearer other-token, "
                + "Basic YWxpY2U6cHc=", key));
        assertEquals("see http://host:8080/v1 and https://example.org/x", Secrets.redact(
                "see http://alice:pw@host:8080/v1 and https://bob@example.org/x", ""));
        assertEquals("a 'k' stays", Secrets.redact("a 'k' stays", ""));
    }
}
