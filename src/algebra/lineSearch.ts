/** Options of {@link backtrackingLineSearch}. */
export interface LineSearchOptions {
  /** δ: a step is acceptable only if its mean KL ≤ δ. */
  readonly maxKl: number;
  /** Number of step fractions tried: 1, r, r², ... Default 10. */
  readonly maxBacktracks?: number;
  /** r, the shrink factor. Default 0.5. */
  readonly backtrackRatio?: number;
  /** Also require gain ≥ ratio · fraction · expected improvement. Default 0: any strict gain. */
  readonly minImprovementRatio?: number;
}

/** What the line search found. */
export interface LineSearchResult {
  readonly accepted: boolean;
  /** New parameters, or a copy of the old ones when no step was accepted. */
  readonly params: Float64Array;
  /** Fraction of the full step taken (0 when rejected). */
  readonly stepFraction: number;
  /** Candidates evaluated. */
  readonly steps: number;
  /** Mean KL of the accepted step (0 when rejected). */
  readonly kl: number;
  /** Surrogate gain of the accepted step (0 when rejected). */
  readonly surrogateGain: number;
}

/**
 * TRPO's backtracking line search (paper Sec. 6): shrink the full natural-gradient step until
 * the mean KL is within δ and the surrogate improves; if no fraction qualifies, keep the old
 * parameters and report `accepted: false`. Never returns a step with KL > δ.
 */
export const backtrackingLineSearch =
  (options: LineSearchOptions) =>
  (
    evaluate: (params: Float64Array) => { readonly surrogateGain: number; readonly kl: number },
    params0: Float64Array,
    fullStep: Float64Array,
    expectedImprovement: number,
  ): LineSearchResult => {
    const { maxKl, maxBacktracks = 10, backtrackRatio = 0.5, minImprovementRatio = 0 } = options;
    let fraction = 1;
    for (let step = 1; step <= maxBacktracks; step++, fraction *= backtrackRatio) {
      const candidate = Float64Array.from(params0, (p, i) => p + fraction * fullStep[i]);
      const { surrogateGain, kl } = evaluate(candidate);
      const improves = surrogateGain > 0 && surrogateGain >= minImprovementRatio * fraction * expectedImprovement;
      if (Number.isFinite(kl) && Number.isFinite(surrogateGain) && kl <= maxKl && improves)
        return { accepted: true, params: candidate, stepFraction: fraction, steps: step, kl, surrogateGain };
    }
    return { accepted: false, params: Float64Array.from(params0), stepFraction: 0, steps: maxBacktracks, kl: 0, surrogateGain: 0 };
  };
