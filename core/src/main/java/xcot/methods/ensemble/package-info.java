/**
 * The sentence-level ensemble (docs/reference-pipeline.md §9, condition D): generators propose sentence-cut chunks,
 * evaluators score them by perplexity, the best chunk is appended to every model's context, until the first generator
 * closes its thinking block.
 *
 * <ul>
 *   <li>{@link xcot.methods.ensemble.EnsembleEngine} runs the loop ({@link xcot.methods.ensemble.ItemRun} one
 *       iteration at a time) on {@link xcot.methods.ensemble.EnsembleModel}s and plain texts; it knows nothing of
 *       prompts or profiles. Several items advance together in a {@link xcot.methods.ensemble.GroupRun}: each model
 *       holds every item's context in a lane and serves all of them in one call per phase, the models of a phase in
 *       turns or at once ({@link xcot.methods.ensemble.ModelCalls}); {@link xcot.methods.ensemble.GroupSizing} says
 *       how many items fit on a device.</li>
 *   <li>{@link xcot.methods.ensemble.IncrementalModel} keeps each context in its model's KV cache: appending a chunk
 *       decodes only the new tokens, all candidates of an evaluator are scored in one decode on the shared prefix,
 *       and the prefix NLL is a running sum. {@link xcot.methods.ensemble.ReferenceModel} re-tokenizes and re-decodes
 *       everything for every call, as the reference implementation does: it is the test oracle and the benchmark
 *       baseline.</li>
 *   <li>{@link xcot.methods.ensemble.SentenceCut} is the reference's sentence truncation (quirk Q19).</li>
 *   <li>{@link xcot.formats.EnsembleTraceJsonl} and {@link xcot.methods.ensemble.EnsembleSummary} write
 *       what each iteration proposed, scored and chose, and each generator's share of the chunks.</li>
 * </ul>
 *
 * <p>Quirks: Q11 (full-sequence perplexity) is the default, {@link xcot.methods.ensemble.ScoreSpan#CANDIDATE_ONLY}
 * the option; Q13 is fixed by default ({@link xcot.methods.ensemble.ScoredText}); Q14 and Q18 are fixed by default
 * ({@link xcot.methods.ensemble.LengthCap}); Q19 is on by default ({@link xcot.methods.ensemble.SentenceRule}). Q12
 * (MedCalc's unmasked padding, which adds EOS NLL to shorter candidates) is not reproduced: candidates are never
 * padded.
 */
package xcot.methods.ensemble;
