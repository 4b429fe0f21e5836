package xcot.methods.removal;

import java.util.List;
import java.util.Locale;

/**
 * A candidate remover's agreement with the reference over many chains of thought ({@link RemovalAgreement.Row}s).
 * Sentence shares are pooled over all sentences; character shares are given pooled and as the mean of the per-CoT
 * shares (short CoTs weigh as much as long ones there).
 *
 * @param rows                  chains of thought
 * @param removedByReference    sentences the reference removed
 * @param removedByBoth         of those, the ones the candidate removed too
 * @param keptByReference       sentences the reference kept
 * @param keptByBoth            of those, the ones the candidate kept too
 * @param charsKeptReference    the reference's characters over the originals' (whitespace runs as one), pooled
 * @param charsKeptCandidate    the same for the candidate
 * @param meanCharsKeptReference the mean over CoTs of the reference's per-CoT share
 * @param meanCharsKeptCandidate the same for the candidate
 * @param answerRows            rows that have an answer value
 * @param answerLeftByReference of those, rows whose reference text still mentions it
 * @param answerLeftByCandidate of those, rows whose candidate text still mentions it
 */
public record RemovalFigures(int rows, int removedByReference, int removedByBoth, int keptByReference,
        int keptByBoth, double charsKeptReference, double charsKeptCandidate, double meanCharsKeptReference,
        double meanCharsKeptCandidate, int answerRows, int answerLeftByReference, int answerLeftByCandidate) {

    public static RemovalFigures of(List<RemovalAgreement.Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to sum");
        }
        long charsOriginal = 0;
        long charsReference = 0;
        long charsCandidate = 0;
        double shareReference = 0;
        double shareCandidate = 0;
        int removedRef = 0;
        int removedBoth = 0;
        int keptRef = 0;
        int keptBoth = 0;
        int answerRows = 0;
        int leftRef = 0;
        int leftCandidate = 0;
        for (RemovalAgreement.Row r : rows) {
            removedRef += r.removedByReference();
            removedBoth += r.removedByBoth();
            keptRef += r.keptByReference();
            keptBoth += r.keptByBoth();
            charsOriginal += r.charsOriginal();
            charsReference += r.charsReference();
            charsCandidate += r.charsCandidate();
            shareReference += r.charsReference() / (double) Math.max(1, r.charsOriginal());
            shareCandidate += r.charsCandidate() / (double) Math.max(1, r.charsOriginal());
            if (r.answerLeftByReference().isPresent()) {
                answerRows++;
                leftRef += r.answerLeftByReference().get() ? 1 : 0;
                leftCandidate += r.answerLeftByCandidate().orElseThrow() ? 1 : 0;
            }
        }
        return new RemovalFigures(rows.size(), removedRef, removedBoth, keptRef, keptBoth,
                charsReference / (double) charsOriginal, charsCandidate / (double) charsOriginal,
                shareReference / rows.size(), shareCandidate / rows.size(), answerRows, leftRef, leftCandidate);
    }

    /** Share of the reference's removed sentences that the candidate removed too. */
    public double removedRecall() {
        return removedByBoth / (double) removedByReference;
    }

    /** Share of the reference's kept sentences that the candidate kept too. */
    public double keptShare() {
        return keptByBoth / (double) keptByReference;
    }

    /** One line: the figures a reader compares. */
    public String summary() {
        return String.format(Locale.ROOT,
                "rows %d | removed-sentence recall %.3f (%d/%d) | kept-sentence share %.3f (%d/%d) | chars kept %.3f"
                        + " (reference %.3f), per-CoT mean %.3f (reference %.3f)"
                        + " | answer left in %d/%d rows (reference %d)",
                rows, removedRecall(), removedByBoth, removedByReference, keptShare(), keptByBoth, keptByReference,
                charsKeptCandidate, charsKeptReference, meanCharsKeptCandidate, meanCharsKeptReference,
                answerLeftByCandidate, answerRows, answerLeftByReference);
    }
}
