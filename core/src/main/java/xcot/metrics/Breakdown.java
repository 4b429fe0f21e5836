package xcot.metrics;

/**
 * How pair-rows split: consistent and both correct, consistent but not both correct, inconsistent; each a mean over
 * model pairs of the per-pair fraction.
 *
 * <p>Fixed definition: fractions of the rows the consistency rule counts, so consistent-correct plus
 * consistent-wrong is the consistency. Reference definition ({@code ref.string-breakdown}, reconstructed from the
 * paper's table and verified on the Transfer-QwQ without-answer setting: .252 / .285 / .437): fractions of all rows;
 * equal answer strings are consistent (correct or wrong), different strings are inconsistent even when both are
 * correct, and rows where both answers failed are left out of every category but stay in the denominator.
 */
public record Breakdown(Summary consistentCorrect, Summary consistentWrong, Summary inconsistent) {}
