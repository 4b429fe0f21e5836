package xcot.methods.removal;

import java.util.List;

/**
 * A longest common subsequence of two word sequences: which words of a text survive, in order, in a filtered copy of
 * it. A filter that drops sentences and keeps the rest verbatim leaves every kept word aligned; words it reworded or
 * removed stay unaligned.
 */
final class WordAlignment {
    /** Cells of the direction table past which the alignment refuses rather than allocate (about 1 GiB). */
    private static final long MAX_CELLS = 1L << 30;

    private WordAlignment() {}

    /** For each word of {@code a}, whether the alignment matches it to a word of {@code b}. */
    static boolean[] matched(List<String> a, List<String> b) {
        boolean[] matched = new boolean[a.size()];
        // A shared prefix and suffix align trivially; only the middle needs the quadratic table.
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            matched[prefix] = true;
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            matched[a.size() - 1 - suffix] = true;
            suffix++;
        }
        int n = a.size() - prefix - suffix;
        int m = b.size() - prefix - suffix;
        if (n == 0 || m == 0) {
            return matched;
        }
        if ((long) n * m > MAX_CELLS) {
            throw new IllegalArgumentException("texts too long to align: " + n + " x " + m + " words");
        }
        // direction[i*m + j] for the prefixes a[..i], b[..j] (1-based in the table, offset by `prefix`).
        byte[] direction = new byte[n * m];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            String word = a.get(prefix + i - 1);
            for (int j = 1; j <= m; j++) {
                int cell = (i - 1) * m + (j - 1);
                if (word.equals(b.get(prefix + j - 1))) {
                    current[j] = previous[j - 1] + 1;
                    direction[cell] = DIAGONAL;
                } else if (previous[j] >= current[j - 1]) {
                    current[j] = previous[j];
                    direction[cell] = UP;
                } else {
                    current[j] = current[j - 1];
                    direction[cell] = LEFT;
                }
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        int i = n;
        int j = m;
        while (i > 0 && j > 0) {
            switch (direction[(i - 1) * m + (j - 1)]) {
                case DIAGONAL -> {
                    matched[prefix + i - 1] = true;
                    i--;
                    j--;
                }
                case UP -> i--;
                default -> j--;
            }
        }
        return matched;
    }

    private static final byte DIAGONAL = 0;
    private static final byte UP = 1;
    private static final byte LEFT = 2;
}
