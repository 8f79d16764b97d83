/**
 * CMA-ES, the covariance matrix adaptation evolution strategy, as pure ask/tell functions over
 * plain-data state (Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772; the
 * equation numbers below are that tutorial's). Fitness is MAXIMIZED (returns); pass −f to minimize.
 *
 * Two covariance models share one state shape:
 * - `full`: C is an n×n matrix, C = B D² Bᵀ from a symmetric eigendecomposition (O(n²) memory,
 *   O(n³) per decomposition, done lazily every few generations as the tutorial suggests);
 * - `diagonal`: sep-CMA (Ros & Hansen 2008): C is diagonal (O(n) memory and time), its learning
 *   rates c₁ and c_μ are scaled up by (n + 2)/3 because a diagonal has only n free entries.
 *
 * With `covariance: 'auto'` (the default) the model is `full` up to
 * {@link FULL_COVARIANCE_MAX_DIMENSION} dimensions and `diagonal` above (policy weights in the
 * thousands would need millions of entries and a cubic decomposition).
 *
 * @module
 */
import type { Rng } from './rng.js';

/** Which covariance model a CMA-ES state keeps. */
export type CovarianceKind = 'full' | 'diagonal';

/** Largest dimension for which `covariance: 'auto'` keeps a full covariance matrix. */
export const FULL_COVARIANCE_MAX_DIMENSION = 100;

/** Options of {@link cmaesInit}. */
export interface CmaesOptions {
  /** λ, candidates per generation (default 4 + ⌊3 ln n⌋, eq. 48; at least 2). */
  readonly populationSize?: number;
  /** Covariance model (default `'auto'`: full up to {@link FULL_COVARIANCE_MAX_DIMENSION} dimensions, diagonal above). */
  readonly covariance?: CovarianceKind | 'auto';
}

/**
 * The whole state of a CMA-ES run: plain numbers and `Float64Array`s (JSON round-trips through
 * `encodeTree`/`decodeTree`). n is `mean.length`.
 */
export interface CmaesState {
  readonly covarianceKind: CovarianceKind;
  /** λ. */
  readonly populationSize: number;
  /** Generations told so far (g). */
  readonly generation: number;
  /** m, the distribution mean, [n]. */
  readonly mean: Float64Array;
  /** σ, the overall step size. */
  readonly sigma: number;
  /** p_σ, the conjugate evolution path, [n]. */
  readonly sigmaPath: Float64Array;
  /** p_c, the evolution path of the covariance, [n]. */
  readonly covariancePath: Float64Array;
  /** C: row-major [n, n] (`full`) or its diagonal [n] (`diagonal`). */
  readonly covariance: Float64Array;
  /** B, eigenvectors of C as columns, row-major [n, n] (`full`); empty for `diagonal`. */
  readonly basis: Float64Array;
  /** D, square roots of C's eigenvalues (`full`) or of its diagonal (`diagonal`), [n]. */
  readonly scales: Float64Array;
  /** Generation at which `basis` and `scales` were computed from `covariance`. */
  readonly decomposedAt: number;
}

/** Strategy parameters for a dimension and population (tutorial, Table 1 and eqs. 49–58). */
export interface CmaesParameters {
  readonly dimension: number;
  readonly populationSize: number;
  /** μ = ⌊λ/2⌋ parents. */
  readonly parents: number;
  /** w₁ ≥ … ≥ w_μ > 0, Σw = 1 (log weights, eq. 49 with positive weights only). */
  readonly weights: Float64Array;
  /** μ_eff = 1 / Σw². */
  readonly muEff: number;
  readonly cSigma: number;
  readonly dSigma: number;
  readonly cc: number;
  readonly c1: number;
  readonly cMu: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;
}

/**
 * The default strategy parameters. The diagonal model scales c₁ and c_μ by (n + 2)/3 (sep-CMA).
 *
 * @example
 * cmaesParameters(10, 10, 'full').parents // 5
 */
export const cmaesParameters = (n: number, populationSize: number, kind: CovarianceKind): CmaesParameters => {
  const parents = Math.floor(populationSize / 2);
  const raw = Float64Array.from({ length: parents }, (_, i) => Math.log((populationSize + 1) / 2) - Math.log(i + 1));
  const rawSum = raw.reduce((s, w) => s + w, 0);
  const weights = raw.map((w) => w / rawSum);
  const muEff = 1 / weights.reduce((s, w) => s + w * w, 0);
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const alphaCov = 2;
  const c1Full = alphaCov / ((n + 1.3) ** 2 + muEff);
  const cMuFull = Math.min(1 - c1Full, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
  const sep = kind === 'diagonal' ? (n + 2) / 3 : 1;
  const c1 = Math.min(1, c1Full * sep);
  const cMu = Math.min(1 - c1, cMuFull * sep);
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return { dimension: n, populationSize, parents, weights, muEff, cSigma, dSigma, cc, c1, cMu, chiN };
};

/**
 * Eigendecomposition of a symmetric matrix (cyclic Jacobi rotations): `matrix` = V diag(values) Vᵀ
 * with V orthogonal, row-major [n, n], eigenvectors as columns.
 *
 * @example
 * symmetricEigen(Float64Array.of(2, 1, 1, 2), 2).values // 1 and 3 (in some order)
 */
export const symmetricEigen = (matrix: ArrayLike<number>, n: number): { readonly values: Float64Array; readonly vectors: Float64Array } => {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0, diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += a[p * n + p] ** 2;
      for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    }
    if (off <= 1e-30 * diagonal) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p], akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k], aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p], vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: n }, (_, i) => a[i * n + i]), vectors: v };
};

/** B and D of a covariance; eigenvalues that rounding pushed to or below zero are floored. */
const decompose = (covariance: Float64Array, n: number, kind: CovarianceKind): { basis: Float64Array; scales: Float64Array } => {
  if (kind === 'diagonal') return { basis: new Float64Array(0), scales: covariance.map((c) => Math.sqrt(Math.max(c, Number.MIN_VALUE))) };
  const { values, vectors } = symmetricEigen(covariance, n);
  const floor = Math.max(...values) * 1e-20 || Number.MIN_VALUE;
  return { basis: vectors, scales: values.map((e) => Math.sqrt(Math.max(e, floor))) };
};

/**
 * A fresh CMA-ES state around `mean` (copied) with step size `sigma` and C = I.
 *
 * @example
 * const state = cmaesInit(new Float64Array(5), 0.5, { covariance: 'auto' });
 */
export const cmaesInit = (mean: ArrayLike<number>, sigma: number, options: CmaesOptions = {}): CmaesState => {
  const n = mean.length;
  if (n < 1) throw new Error('cmaesInit: the mean must have at least one dimension');
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new Error(`cmaesInit: sigma must be a positive number, got ${sigma}`);
  const populationSize = options.populationSize ?? 4 + Math.floor(3 * Math.log(n));
  if (!Number.isInteger(populationSize) || populationSize < 2) throw new Error(`cmaesInit: populationSize must be an integer ≥ 2, got ${populationSize}`);
  const requested = options.covariance ?? 'auto';
  const covarianceKind: CovarianceKind = requested === 'auto' ? (n <= FULL_COVARIANCE_MAX_DIMENSION ? 'full' : 'diagonal') : requested;
  const covariance = covarianceKind === 'full' ? new Float64Array(n * n) : new Float64Array(n).fill(1);
  if (covarianceKind === 'full') for (let i = 0; i < n; i++) covariance[i * n + i] = 1;
  return {
    covarianceKind,
    populationSize,
    generation: 0,
    mean: Float64Array.from(mean),
    sigma,
    sigmaPath: new Float64Array(n),
    covariancePath: new Float64Array(n),
    covariance,
    ...decompose(covariance, n, covarianceKind),
    decomposedAt: 0,
  };
};

/** B D z (full) or D z (diagonal): a draw from N(0, C) given z ~ N(0, I). */
const shape = (state: CmaesState, z: Float64Array): Float64Array => {
  const n = z.length, { basis, scales } = state;
  if (state.covarianceKind === 'diagonal') return z.map((zi, i) => scales[i] * zi);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += basis[i * n + j] * scales[j] * z[j];
    y[i] = s;
  }
  return y;
};

/** C^(−1/2) y = B D⁻¹ Bᵀ y (full) or y / D (diagonal). */
const whiten = (state: CmaesState, y: Float64Array): Float64Array => {
  const n = y.length, { basis, scales } = state;
  if (state.covarianceKind === 'diagonal') return y.map((yi, i) => yi / scales[i]);
  const rotated = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += basis[i * n + j] * y[i];
    rotated[j] = s / scales[j];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += basis[i * n + j] * rotated[j];
    out[i] = s;
  }
  return out;
};

/**
 * λ candidates x_k = m + σ B D z_k, z_k ~ N(0, I) (eqs. 38–40), each [n]. Draws λ·n normals from
 * `rng`, candidate by candidate.
 *
 * @example
 * const candidates = cmaesAsk(state, new Rng(rngStateFromSeed(0)));
 */
export const cmaesAsk = (state: CmaesState, rng: Rng): Float64Array[] =>
  Array.from({ length: state.populationSize }, () => {
    const y = shape(state, Float64Array.from(state.mean, () => rng.normal()));
    return state.mean.map((m, i) => m + state.sigma * y[i]);
  });

/** Candidate indices, best (highest fitness) first; ties keep the lower index first. */
const rankDescending = (fitness: readonly number[]): number[] =>
  fitness.map((_, i) => i).sort((i, j) => (fitness[j] - fitness[i]) || i - j);

/**
 * The next state after the candidates of one generation scored `fitness` (higher is better; only
 * the ranking is used, so any order-preserving transform of the fitness gives the same state).
 * Updates the mean (eq. 41), the step-size path and σ (eqs. 43–44), the covariance path with the
 * h_σ stall (eq. 45) and C by the rank-one and rank-μ updates (eq. 47).
 *
 * @example
 * const next = cmaesTell(state, candidates, candidates.map((x) => -x.reduce((s, v) => s + v * v, 0)));
 */
export const cmaesTell = (state: CmaesState, candidates: readonly ArrayLike<number>[], fitness: readonly number[]): CmaesState => {
  const n = state.mean.length, kind = state.covarianceKind;
  if (candidates.length !== state.populationSize || fitness.length !== state.populationSize)
    throw new Error(`cmaesTell: expected ${state.populationSize} candidates and fitness values, got ${candidates.length} and ${fitness.length}`);
  if (fitness.some((f) => Number.isNaN(f))) throw new Error('cmaesTell: a fitness value is NaN');
  const p = cmaesParameters(n, state.populationSize, kind);
  const order = rankDescending(fitness).slice(0, p.parents);
  // y_i:λ = (x_i:λ − m) / σ for the μ best
  const steps = order.map((k) => {
    const x = candidates[k];
    if (x.length !== n) throw new Error(`cmaesTell: candidate ${k} has ${x.length} entries, expected ${n}`);
    return Float64Array.from({ length: n }, (_, i) => (x[i] - state.mean[i]) / state.sigma);
  });
  const yw = new Float64Array(n);
  steps.forEach((y, r) => {
    for (let i = 0; i < n; i++) yw[i] += p.weights[r] * y[i];
  });
  const mean = state.mean.map((m, i) => m + state.sigma * yw[i]);

  const whitened = whiten(state, yw);
  const sigmaGain = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
  const sigmaPath = state.sigmaPath.map((v, i) => (1 - p.cSigma) * v + sigmaGain * whitened[i]);
  const sigmaPathNorm = Math.sqrt(sigmaPath.reduce((s, v) => s + v * v, 0));
  const generation = state.generation + 1;
  // h_σ stalls the p_c update while ‖p_σ‖ is large (σ is growing fast): C should not grow along it then
  const stall = sigmaPathNorm / Math.sqrt(1 - (1 - p.cSigma) ** (2 * generation)) < (1.4 + 2 / (n + 1)) * p.chiN ? 1 : 0;
  const ccGain = stall * Math.sqrt(p.cc * (2 - p.cc) * p.muEff);
  const covariancePath = state.covariancePath.map((v, i) => (1 - p.cc) * v + ccGain * yw[i]);
  const lost = (1 - stall) * p.cc * (2 - p.cc);
  const keep = 1 - p.c1 - p.cMu + p.c1 * lost;

  const c = state.covariance;
  const covariance = new Float64Array(c.length);
  if (kind === 'diagonal') {
    for (let i = 0; i < n; i++) {
      let rankMu = 0;
      steps.forEach((y, r) => (rankMu += p.weights[r] * y[i] * y[i]));
      covariance[i] = keep * c[i] + p.c1 * covariancePath[i] * covariancePath[i] + p.cMu * rankMu;
    }
  } else {
    // the upper triangle, mirrored: C stays exactly symmetric
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        let rankMu = 0;
        steps.forEach((y, r) => (rankMu += p.weights[r] * y[i] * y[j]));
        const cij = keep * c[i * n + j] + p.c1 * covariancePath[i] * covariancePath[j] + p.cMu * rankMu;
        covariance[i * n + j] = cij;
        covariance[j * n + i] = cij;
      }
    }
  }
  const sigma = state.sigma * Math.exp((p.cSigma / p.dSigma) * (sigmaPathNorm / p.chiN - 1));
  // the O(n³) decomposition every max(1, λ / (10 n (c₁ + c_μ))) generations (tutorial, B.2)
  const gap = kind === 'diagonal' ? 1 : Math.max(1, Math.floor(p.populationSize / (10 * n * (p.c1 + p.cMu))));
  const fresh = generation - state.decomposedAt >= gap;
  return {
    ...state,
    generation,
    mean,
    sigma,
    sigmaPath,
    covariancePath,
    covariance,
    ...(fresh ? { ...decompose(covariance, n, kind), decomposedAt: generation } : { basis: state.basis, scales: state.scales }),
  };
};
