package xcot.reports.study;

/**
 * One rating: a participant's score of one chain of thought for one item on one criterion.
 *
 * @param participant the response's row in the survey export, from 0
 * @param item        the MedCalc-Bench Row Number the chains explained
 * @param value       1–5; for {@link Criterion#BEST}, 6 − rank
 */
public record Rating(int participant, String item, RatedCot cot, Criterion criterion, double value) {}
