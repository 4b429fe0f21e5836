/**
 * The zero-copy log-probability kernel: log-sum-exp and log p(token), in nats, computed with the Vector API directly
 * on the logits llama.cpp leaves in native memory ({@link xcot.kernel.LogProbKernel}, many rows at once with
 * {@link xcot.kernel.ParallelLogProbs}), beside the plain scalar implementations it is tested and benchmarked
 * against ({@link xcot.kernel.ScalarLogProb}).
 */
package xcot.kernel;
