import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigError } from './codec.js';
import { configError, decodeWith, intIn, numberIn, oneOf, unknownKeys } from './codec.js';

const activation = oneOf(['tanh', 'relu'] as const, "'tanh' or 'relu'");
const hiddenSizes = t.readonlyArray(intIn(1, 4096, 'an integer layer size in [1, 4096]'), 'a list of layer sizes');

/** Policy network: hidden layers, activation, initial log-std of a Gaussian head. */
export const PolicyConfig = t.type({
  hiddenSizes,
  activation,
  logStdInit: numberIn(-10, 5, 'a number in [-10, 5]'),
});

/** Value network and how it is fitted on each batch (Adam on the squared error of GAE returns). */
export const ValueConfig = t.type({
  hiddenSizes,
  activation,
  learningRate: numberIn(0, 1, 'a learning rate in (0, 1]', { min: true }),
  epochs: intIn(0, 1000, 'an integer number of epochs in [0, 1000]'),
  minibatchSize: intIn(1, 1 << 20, 'a positive integer minibatch size'),
  /** Fit the network to standardized targets (running mean/std of the returns). */
  normalizeTargets: t.boolean,
});

/** The trust-region step (paper Sec. 6 and Appendix C). */
export const TrpoConfig = t.type({
  /** δ, the bound on the mean KL(π_old ‖ π_new). */
  maxKl: numberIn(0, 10, 'a KL bound in (0, 10]', { min: true }),
  cgIterations: intIn(1, 1000, 'an integer in [1, 1000]'),
  cgDamping: numberIn(0, 1e3, 'a damping in [0, 1000]'),
  cgResidualTolerance: numberIn(0, 1, 'a tolerance in [0, 1]'),
  /** Fraction of the batch the Fisher-vector products use (Appendix C: 0.1). */
  fisherFraction: numberIn(0, 1, 'a fraction in (0, 1]', { min: true }),
  lineSearchBacktracks: intIn(1, 100, 'an integer in [1, 100]'),
  backtrackRatio: numberIn(0, 1, 'a ratio in (0, 1)', { min: true, max: true }),
  normalizeAdvantages: t.boolean,
});

/** How experience is collected (paper Sec. 5): one long path per env, or trunks with vine branches. */
export const Sampling = oneOf(['single-path', 'vine'] as const, "'single-path' or 'vine'");
/** A sampling scheme. */
export type Sampling = t.TypeOf<typeof Sampling>;

/** Vine sampling (paper Sec. 5.2, Table 2); used when `sampling` is `'vine'`. */
export const VineConfig = t.type({
  /** N: trunk states per iteration that branches start from (drawn without replacement). */
  rolloutSetSize: intIn(1, 1 << 24, 'a positive integer number of states'),
  /** K: branches per state for continuous actions (discrete actions branch on every action). */
  branches: intIn(2, 1024, 'an integer number of branches in [2, 1024]'),
  /** Most env steps of a branch, its first action included. */
  branchLength: intIn(1, 1 << 20, 'a positive integer number of steps'),
  /** Add γ^L V(s_L) to a branch cut before a terminal state (the paper does not: false). */
  bootstrap: t.boolean,
});

/** A fully resolved training configuration: what `trpo train` writes to config.json. */
export const TrainConfig = t.type({
  env: t.string,
  /** Env i of the vector env is reset with `seed + i`; Gymnasium (NumPy's SeedSequence) takes non-negative seeds. */
  seed: intIn(0, 2 ** 31 - 1, 'a non-negative integer seed below 2^31'),
  totalSteps: intIn(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer number of steps'),
  numEnvs: intIn(1, 4096, 'an integer number of envs in [1, 4096]'),
  stepsPerEnv: intIn(1, 1 << 24, 'a positive integer number of steps per env and iteration'),
  gamma: numberIn(0, 1, 'a discount in [0, 1]'),
  lambda: numberIn(0, 1, 'a GAE λ in [0, 1]'),
  normalizeObservations: t.boolean,
  backend: oneOf(['auto', 'tensorflow', 'wasm', 'cpu'] as const, 'a backend'),
  policy: PolicyConfig,
  value: ValueConfig,
  trpo: TrpoConfig,
  sampling: Sampling,
  vine: VineConfig,
});

/** A fully resolved training configuration. */
export type TrainConfig = t.TypeOf<typeof TrainConfig>;

/** Deep partial of a config, as a config file or a preset gives it. */
export type ConfigOverrides = { readonly [K in keyof TrainConfig]?: TrainConfig[K] extends object ? Partial<TrainConfig[K]> : TrainConfig[K] };

/** Settings every env starts from: the paper's δ = 0.01 and Appendix C's CG and subsampling. */
export const baseConfig: Omit<TrainConfig, 'env'> = {
  seed: 0,
  totalSteps: 1_000_000,
  numEnvs: 8,
  stepsPerEnv: 256,
  gamma: 0.99,
  lambda: 0.97,
  normalizeObservations: false,
  backend: 'auto',
  policy: { hiddenSizes: [64, 64], activation: 'tanh', logStdInit: 0 },
  value: { hiddenSizes: [64, 64], activation: 'tanh', learningRate: 1e-3, epochs: 5, minibatchSize: 256, normalizeTargets: true },
  trpo: {
    maxKl: 0.01,
    cgIterations: 10,
    cgDamping: 0.1,
    cgResidualTolerance: 1e-10,
    fisherFraction: 0.1,
    lineSearchBacktracks: 10,
    backtrackRatio: 0.8,
    normalizeAdvantages: true,
  },
  sampling: 'single-path',
  // Table 2's proportions (4 branches per state, 100 steps), on a smaller rollout set
  vine: { rolloutSetSize: 100, branches: 4, branchLength: 100, bootstrap: false },
};

/** Merges overrides into a config, one level deep for the nested sections. */
export const mergeConfig = <C extends Record<string, unknown>>(base: C, overrides: Record<string, unknown>): C => {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] =
      value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object' && !Array.isArray(current)
        ? { ...current, ...value }
        : value;
  }
  return out as C;
};

/**
 * Checks a config file's content: an object whose keys all exist in {@link TrainConfig} (at any
 * depth). Values are checked once merged, by {@link validateConfig}.
 */
export const checkOverrides = (value: unknown): E.Either<ConfigError[], ConfigOverrides> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return E.left([configError('', `expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`)]);
  const extra = unknownKeys(TrainConfig.props, value);
  if (extra.length > 0) return E.left(extra.map((path) => configError(path, 'unknown key')));
  for (const [key, section] of Object.entries(value))
    if (['policy', 'value', 'trpo', 'vine'].includes(key) && (typeof section !== 'object' || section === null || Array.isArray(section)))
      return E.left([configError(key, `expected an object, got ${JSON.stringify(section)}`)]);
  return E.right(value as ConfigOverrides);
};

/** Checks across fields: vine's rollout set is drawn from one iteration's trunk, so it cannot be larger. */
const checkAcross = (config: TrainConfig): E.Either<ConfigError[], TrainConfig> => {
  const trunk = config.numEnvs * config.stepsPerEnv;
  if (config.sampling === 'vine' && config.vine.rolloutSetSize > trunk)
    return E.left([configError('vine.rolloutSetSize', `expected at most numEnvs × stepsPerEnv = ${trunk} trunk states per iteration, got ${config.vine.rolloutSetSize}`)]);
  return E.right(config);
};

/** Decodes a complete config, naming the field path and what was expected on failure. */
export const validateConfig = (value: unknown): E.Either<ConfigError[], TrainConfig> => {
  const extra = unknownKeys(TrainConfig.props, value);
  if (extra.length > 0) return E.left(extra.map((path) => configError(path, 'unknown key')));
  return E.chain(checkAcross)(decodeWith(TrainConfig, value));
};
