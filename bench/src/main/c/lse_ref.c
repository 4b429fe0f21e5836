/*
 * Scalar C reference for the log-prob kernel benchmark: the same two passes as llama.cpp's host-side log_softmax
 * (tools/perplexity/perplexity.cpp:60-69 at llama.cpp 80fb11a): a max loop, then expf(x - max) summed in a double.
 *
 * Built by bench/pom.xml with `gcc -O3 -shared -fPIC` and nothing else: no -ffast-math (so expf stays the scalar
 * libm call and the max loop is not turned into a vector reduction) and no -march (so no AVX beyond the x86-64
 * baseline). It is a scalar reference on purpose, not a tuned SIMD kernel.
 *
 * Rows are n_vocab native floats; callers pass a pointer to the row's first float.
 */
#include <math.h>

static float row_max(const float *logits, int n_vocab) {
    float max_logit = logits[0];
    for (int i = 1; i < n_vocab; ++i) {
        max_logit = max_logit < logits[i] ? logits[i] : max_logit;
    }
    return max_logit;
}

static double sum_exp(const float *logits, int n_vocab, float max_logit) {
    double sum = 0.0;
    for (int i = 0; i < n_vocab; ++i) {
        sum += expf(logits[i] - max_logit);
    }
    return sum;
}

/* ln sum_i exp(logits[i]), in nats. */
double lse_ref_log_sum_exp(const float *logits, int n_vocab) {
    const float max_logit = row_max(logits, n_vocab);
    return max_logit + log(sum_exp(logits, n_vocab, max_logit));
}

/* ln softmax(logits)[token], in nats. */
double lse_ref_log_prob(const float *logits, int n_vocab, int token) {
    const float max_logit = row_max(logits, n_vocab);
    return (double) (logits[token] - max_logit) - log(sum_exp(logits, n_vocab, max_logit));
}
