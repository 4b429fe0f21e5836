package xcot.io;

import java.util.regex.Pattern;

/**
 * Takes secrets out of text that is about to be printed: a message may quote what another program said (an HTTP
 * error body, an exception's message), and a server that reflects the request quotes the credentials it was sent.
 * Each occurrence of the secret, each run of {@value #FRAGMENT_CHARS} or more of its characters (a key cut off at
 * a length limit, or shown with its middle masked), every {@code Bearer} or {@code Basic} token, and the userinfo
 * ({@code user:password@}) of every URL become {@value #MASK} or disappear.
 */
public final class Secrets {
    public static final String MASK = "***";
    /** The shortest run of a secret's characters masked on its own; shorter runs are too common to mean the key. */
    static final int FRAGMENT_CHARS = 8;
    private static final Pattern AUTH_TOKEN = Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[^\\s\"'\\\\,;}\\]]+");
    private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s@]+@");

    private Secrets() {}

    /** {@code text} without {@code secret} (empty: none), credentials in authorization tokens, and URL userinfo. */
    public static String redact(String text, String secret) {
        String out = text;
        if (!secret.isEmpty()) {
            out = maskFragments(out.replace(secret, MASK), secret);
        }
        out = AUTH_TOKEN.matcher(out).replaceAll("$1" + MASK);
        return USERINFO.matcher(out).replaceAll("$1");
    }

    /** {@code url} as it may be printed: without its userinfo. */
    public static String withoutUserinfo(String url) {
        return USERINFO.matcher(url).replaceAll("$1");
    }

    private static String maskFragments(String text, String secret) {
        if (secret.length() < FRAGMENT_CHARS) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int run = longestRunOf(secret, text, i);
            if (run >= FRAGMENT_CHARS) {
                out.append(MASK);
                i += run;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The length of the longest prefix of {@code text.substring(from)} that occurs in {@code secret}. */
    private static int longestRunOf(String secret, String text, int from) {
        int best = 0;
        for (int j = 0; j < secret.length(); j++) {
            int n = 0;
            while (from + n < text.length() && j + n < secret.length()
                    && text.charAt(from + n) == secret.charAt(j + n)) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }
}
