/** Adam's moment estimates (Kingma & Ba 2015) as plain, serializable data. */
export interface AdamState {
  /** Number of updates taken so far. */
  readonly step: number;
  /** First-moment estimate, one entry per parameter. */
  readonly m: Float64Array;
  /** Second-moment estimate, one entry per parameter. */
  readonly v: Float64Array;
}

/** Options of {@link adamStep}. */
export interface AdamOptions {
  readonly learningRate: number;
  /** Default 0.9. */
  readonly beta1?: number;
  /** Default 0.999. */
  readonly beta2?: number;
  /** Default 1e-8. */
  readonly epsilon?: number;
}

/** Zero moments for `size` parameters. */
export const adamInit = (size: number): AdamState => ({ step: 0, m: new Float64Array(size), v: new Float64Array(size) });

/**
 * One Adam descent step on `params` with `gradient` (of a loss to minimize). Pure: returns new
 * parameters and moments, leaving the inputs untouched.
 */
export const adamStep =
  (options: AdamOptions) =>
  (params: Float32Array, gradient: ArrayLike<number>, state: AdamState): { readonly params: Float32Array; readonly state: AdamState } => {
    const { learningRate, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
    if (gradient.length !== params.length || state.m.length !== params.length)
      throw new Error(`adamStep: ${params.length} parameters, ${gradient.length} gradient entries, ${state.m.length} moments`);
    const step = state.step + 1;
    const m = new Float64Array(params.length), v = new Float64Array(params.length), next = new Float32Array(params.length);
    const c1 = 1 - beta1 ** step, c2 = 1 - beta2 ** step;
    for (let i = 0; i < params.length; i++) {
      const g = gradient[i];
      m[i] = beta1 * state.m[i] + (1 - beta1) * g;
      v[i] = beta2 * state.v[i] + (1 - beta2) * g * g;
      next[i] = params[i] - (learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
    }
    return { params: next, state: { step, m, v } };
  };
