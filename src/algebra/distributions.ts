import type { Rng } from './rng.js';

const LOG_2PI = Math.log(2 * Math.PI);

const logSumExp = (logits: ArrayLike<number>): number => {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  let s = 0;
  for (let i = 0; i < logits.length; i++) s += Math.exp(logits[i] - max);
  return max + Math.log(s);
};

/** Categorical distribution over `k` actions, parameterized by logits `[k]` (one row). */
export const categorical = {
  /** Probabilities softmax(logits). */
  probs(logits: ArrayLike<number>): Float64Array {
    const z = logSumExp(logits);
    return Float64Array.from(logits, (l) => Math.exp(l - z));
  },
  /** log p(action). */
  logProb(logits: ArrayLike<number>, action: number): number {
    return logits[action] - logSumExp(logits);
  },
  /** −Σ p log p (nats). */
  entropy(logits: ArrayLike<number>): number {
    const z = logSumExp(logits);
    let h = 0;
    for (let i = 0; i < logits.length; i++) {
      const lp = logits[i] - z;
      h -= Math.exp(lp) * lp;
    }
    return h;
  },
  /** KL(P ‖ Q) = Σ p (log p − log q). */
  kl(logitsP: ArrayLike<number>, logitsQ: ArrayLike<number>): number {
    const zp = logSumExp(logitsP), zq = logSumExp(logitsQ);
    let kl = 0;
    for (let i = 0; i < logitsP.length; i++) {
      const lp = logitsP[i] - zp;
      kl += Math.exp(lp) * (lp - (logitsQ[i] - zq));
    }
    return Math.max(0, kl);
  },
  /** Analytic Fisher of the logits times u: diag(p) u − p (pᵀu). */
  fisherVectorProduct(logits: ArrayLike<number>, u: ArrayLike<number>): Float64Array {
    const p = categorical.probs(logits);
    let pu = 0;
    for (let i = 0; i < p.length; i++) pu += p[i] * u[i];
    return p.map((pi, i) => pi * u[i] - pi * pu);
  },
  /** A draw by inverse CDF. */
  sample(logits: ArrayLike<number>, rng: Rng): number {
    const p = categorical.probs(logits);
    let u = rng.uniform();
    for (let i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) return i;
    }
    return p.length - 1;
  },
  /** The most likely action (first on ties). */
  mode(logits: ArrayLike<number>): number {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    return best;
  },
};

/** Diagonal Gaussian with mean `[d]` and a state-independent log standard deviation `[d]`. */
export const diagGaussian = {
  /** log N(x; mean, diag(exp(2 logStd))). */
  logProb(mean: ArrayLike<number>, logStd: ArrayLike<number>, x: ArrayLike<number>): number {
    let lp = -0.5 * mean.length * LOG_2PI;
    for (let j = 0; j < mean.length; j++) {
      const z = (x[j] - mean[j]) / Math.exp(logStd[j]);
      lp -= 0.5 * z * z + logStd[j];
    }
    return lp;
  },
  /** Σ (logσ + ½ log 2πe) (nats). */
  entropy(logStd: ArrayLike<number>): number {
    let h = 0;
    for (let j = 0; j < logStd.length; j++) h += logStd[j] + 0.5 * (1 + LOG_2PI);
    return h;
  },
  /** KL(P ‖ Q) = Σ log σq/σp + (σp² + (μp − μq)²) / (2σq²) − ½. */
  kl(meanP: ArrayLike<number>, logStdP: ArrayLike<number>, meanQ: ArrayLike<number>, logStdQ: ArrayLike<number>): number {
    let kl = 0;
    for (let j = 0; j < meanP.length; j++) {
      const varQ = Math.exp(2 * logStdQ[j]);
      kl += logStdQ[j] - logStdP[j] + (Math.exp(2 * logStdP[j]) + (meanP[j] - meanQ[j]) ** 2) / (2 * varQ) - 0.5;
    }
    return Math.max(0, kl);
  },
  /** Analytic Fisher of (mean, logStd) times (uMean, uLogStd): uMean/σ², 2·uLogStd. */
  fisherVectorProduct(
    _mean: ArrayLike<number>,
    logStd: ArrayLike<number>,
    uMean: ArrayLike<number>,
    uLogStd: ArrayLike<number>,
  ): { readonly mean: Float64Array; readonly logStd: Float64Array } {
    return {
      mean: Float64Array.from(uMean, (u, j) => u * Math.exp(-2 * logStd[j])),
      logStd: Float64Array.from(uLogStd, (u) => 2 * u),
    };
  },
  /** A draw mean + σ·ε, ε ~ N(0, I). */
  sample(mean: ArrayLike<number>, logStd: ArrayLike<number>, rng: Rng, out: Float32Array = new Float32Array(mean.length)): Float32Array {
    for (let j = 0; j < mean.length; j++) out[j] = mean[j] + Math.exp(logStd[j]) * rng.normal();
    return out;
  },
  /** The mean (deterministic action). */
  mode(mean: ArrayLike<number>): Float32Array {
    return Float32Array.from(mean);
  },
};
