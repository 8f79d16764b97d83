import { axpyInPlace, dot } from './vector.js';

/** Options of {@link conjugateGradient}. */
export interface ConjugateGradientOptions {
  /** Iteration cap (paper, Appendix C: 10). Default 10. */
  readonly maxIterations?: number;
  /** Stop once the squared residual norm falls below this. Default 1e-10. */
  readonly residualTolerance?: number;
  /** Solve (A + damping·I) x = b. Default 0. */
  readonly damping?: number;
}

/** The approximate solution and how it was reached. */
export interface ConjugateGradientResult {
  readonly x: Float64Array;
  /** (A + damping·I) x, accumulated from the products CG already made (no extra product). */
  readonly ax: Float64Array;
  readonly iterations: number;
  /** ‖b − (A + damping·I) x‖ at exit. */
  readonly residualNorm: number;
}

/**
 * Conjugate gradient for a symmetric positive-definite operator given only as a matrix-vector
 * product (Fisher-vector products in TRPO), from x = 0.
 * @example conjugateGradient({ maxIterations: 10, damping: 0.1 })(fvp, gradient).x
 */
export const conjugateGradient =
  (options: ConjugateGradientOptions = {}) =>
  (matVec: (v: Float64Array) => Float64Array, b: Float64Array): ConjugateGradientResult => {
    const { maxIterations = 10, residualTolerance = 1e-10, damping = 0 } = options;
    const x = new Float64Array(b.length);
    const ax = new Float64Array(b.length);
    const r = Float64Array.from(b);
    const p = Float64Array.from(b);
    let rr = dot(r, r);
    let iterations = 0;
    while (iterations < maxIterations && rr >= residualTolerance) {
      const ap = matVec(p);
      if (damping !== 0) axpyInPlace(damping, p, ap);
      const pap = dot(p, ap);
      if (!(pap > 0)) break; // not positive definite along p (or NaN): stop with what we have
      const alpha = rr / pap;
      axpyInPlace(alpha, p, x);
      axpyInPlace(alpha, ap, ax);
      axpyInPlace(-alpha, ap, r);
      const rrNext = dot(r, r);
      const beta = rrNext / rr;
      for (let i = 0; i < p.length; i++) p[i] = r[i] + beta * p[i];
      rr = rrNext;
      iterations++;
    }
    return { x, ax, iterations, residualNorm: Math.sqrt(rr) };
  };
