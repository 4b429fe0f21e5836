/**
 * Answer removal without a filter model, and its measurement against the paper's filter.
 *
 * <ul>
 *   <li>{@link xcot.methods.removal.SentenceRoles} decides which sentences of a prose chain of thought play an answer
 *       role; {@link xcot.methods.removal.CotSentences} cuts the chain into sentences and joins what is kept;
 *       {@link xcot.methods.removal.StepChains} handles bare chains of arithmetic steps (the toy task).
 *       {@link xcot.methods.removal.RuleBasedAnswerRemover} puts them together.</li>
 *   <li>{@link xcot.methods.removal.RemovalAgreement} compares a remover's output with a reference filter's
 *       (o4-mini's sanitized CoTs), sentence by sentence, and whether the answer value survives
 *       ({@link xcot.methods.removal.AnswerValue}); {@link xcot.methods.removal.RemovalFigures} sums the rows.</li>
 * </ul>
 */
package xcot.methods.removal;
