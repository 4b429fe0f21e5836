package xcot.methods.ensemble;

/** Token-array helpers for branching a new tokenization off a cached one. */
final class TokenPrefix {
    private TokenPrefix() {}

    /** Length of the longest common prefix of {@code a} and {@code b}. */
    static int common(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
