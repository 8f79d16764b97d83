import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { ConfigError } from './codec.js';
import { configError, decodeWith, intIn, numberIn, oneOf, unknownKeys } from './codec.js';

const activation = oneOf(['tanh', 'relu'] as const, "'tanh' or 'relu'");
const hiddenSizes = t.readonlyArray(intIn(1, 4096, 'an integer layer size in [1, 4096]'), 'a list of layer sizes');

/** The network architecture of a policy or value net: a fully connected `'mlp'` or a convolutional `'conv'`. */
const network = oneOf(['mlp', 'conv'] as const, "'mlp' or 'conv'");

/**
 * A `'conv'` network's shape (MinAtar's: one 3×3 convolution of 16 filters, one dense layer of
 * 128): one valid stride-1 convolution per entry of `filters` (its output channels), all with a
 * `kernel × kernel` window, ReLU, then dense ReLU layers of `hidden` units. The observation must be
 * an image `[height, width, channels]`.
 */
export const ConvConfig = t.type({
  filters: t.readonlyArray(intIn(1, 4096, 'an integer filter count in [1, 4096]'), 'a list of filter counts, one per conv layer'),
  kernel: intIn(1, 64, 'an integer kernel size in [1, 64]'),
  hidden: hiddenSizes,
});

/** Policy network: architecture (`network`; `hiddenSizes`/`activation` shape an MLP, `conv` a conv net), initial log-std of a Gaussian head. */
export const PolicyConfig = t.type({
  network,
  hiddenSizes,
  activation,
  conv: ConvConfig,
  logStdInit: numberIn(-10, 5, 'a number in [-10, 5]'),
});

/** Value network (architecture as the policy's) and how it is fitted on each batch (Adam on the squared error of GAE returns). */
export const ValueConfig = t.type({
  network,
  hiddenSizes,
  activation,
  conv: ConvConfig,
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

/** The policy-update methods of the paper's comparison (Sec. 8, Figure 4); `trpo` is the default. */
export const methodNames = ['trpo', 'npg', 'max-kl', 'empirical-fim', 'vpg', 'cem', 'cma-es', 'rwr'] as const;
/** A policy-update method. */
export type MethodName = (typeof methodNames)[number];

const stepSize = numberIn(0, 1e3, 'a step size in (0, 1000]', { min: true });
const episodesPerCandidate = intIn(1, 1000, 'an integer number of episodes per candidate in [1, 1000]');
const populationSize = intIn(2, 100_000, 'an integer population size in [2, 100000]');

/**
 * Parameters of the methods other than TRPO, one optional section per method; every field is
 * optional and defaults in the rule registry (src/rules/registry.ts). Sections of methods the run
 * does not use are ignored, so one file can hold the settings of a whole comparison.
 */
export const RuleConfig = t.partial({
  /** Natural gradient with a fixed step θ' = θ + ε·F⁻¹g (CG settings from `trpo`). */
  npg: t.partial({ stepSize }),
  /** Vanilla policy gradient θ' = θ + ε·g. */
  vpg: t.partial({ stepSize }),
  /** Cross-entropy method: population, elite fraction, initial std, extra noise Z_t = max(extraNoise − extraNoiseDecay·t, 0). */
  cem: t.partial({
    populationSize,
    eliteFraction: numberIn(0, 1, 'a fraction in (0, 1]', { min: true }),
    initialStd: numberIn(0, 1e3, 'a standard deviation in (0, 1000]', { min: true }),
    extraNoise: numberIn(0, 1e3, 'a variance in [0, 1000]'),
    extraNoiseDecay: numberIn(0, 1e3, 'a decrement in [0, 1000]'),
    episodesPerCandidate,
  }),
  /** CMA-ES: population λ, initial step size σ₀, covariance model. */
  'cma-es': t.partial({
    populationSize,
    initialSigma: numberIn(0, 1e3, 'a step size in (0, 1000]', { min: true }),
    covariance: oneOf(['auto', 'full', 'diagonal'] as const, "'auto', 'full' or 'diagonal'"),
    episodesPerCandidate,
  }),
  /** Reward-weighted regression: β of the weights exp(β·Â/std Â), and the weighted maximum-likelihood fit (Adam steps, rate, σ floor). */
  rwr: t.partial({
    beta: numberIn(0, 1e3, 'a temperature in (0, 1000]', { min: true }),
    fitSteps: intIn(1, 10_000, 'an integer number of steps in [1, 10000]'),
    learningRate: numberIn(0, 1, 'a learning rate in (0, 1]', { min: true }),
    minStd: numberIn(0, 10, 'a standard deviation in (0, 10]', { min: true }),
  }),
});

/** Per-method parameters (see {@link RuleConfig}). */
export type RuleConfig = t.TypeOf<typeof RuleConfig>;

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
  /** The policy-update method (Sec. 8); the trust region settings above are TRPO's, max-KL's and empirical-FIM's. */
  method: oneOf(methodNames, 'a method'),
  rule: RuleConfig,
  sampling: Sampling,
  vine: VineConfig,
});

/** A fully resolved training configuration. */
export type TrainConfig = t.TypeOf<typeof TrainConfig>;

/** Deep partial of a config, as a config file or a preset gives it. */
export type ConfigOverrides = { readonly [K in keyof TrainConfig]?: TrainConfig[K] extends object ? Partial<TrainConfig[K]> : TrainConfig[K] };

/** MinAtar's network (Young & Tian 2019): a 3×3 convolution of 16 filters, then a dense layer of 128. */
const minatarConv: t.TypeOf<typeof ConvConfig> = { filters: [16], kernel: 3, hidden: [128] };

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
  policy: { network: 'mlp', hiddenSizes: [64, 64], activation: 'tanh', conv: minatarConv, logStdInit: 0 },
  value: { network: 'mlp', hiddenSizes: [64, 64], activation: 'tanh', conv: minatarConv, learningRate: 1e-3, epochs: 5, minibatchSize: 256, normalizeTargets: true },
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
  method: 'trpo',
  rule: {},
  sampling: 'single-path',
  // Table 2's proportions (4 branches per state, 100 steps), on a smaller rollout set
  vine: { rolloutSetSize: 100, branches: 4, branchLength: 100, bootstrap: false },
};

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Merges overrides into a config, recursively for nested sections (`rule.cem`); arrays are replaced. */
export const mergeConfig = <C extends Record<string, unknown>>(base: C, overrides: Record<string, unknown>): C => {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = out[key];
    out[key] = isRecord(value) && isRecord(current) ? mergeConfig(current, value) : value;
  }
  return out as C;
};

/** Keys config.json gained after runs were saved without them, with the value such a run had. */
const laterKeys = { method: baseConfig.method, rule: baseConfig.rule, sampling: baseConfig.sampling, vine: baseConfig.vine } as const;
/** Keys the policy and value sections gained later (network kinds), with the value such a run had: an MLP. */
const laterNetworkKeys = { network: 'mlp', conv: minatarConv } as const;
const withLaterKeys = (value: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...laterKeys, ...value };
  for (const section of ['policy', 'value'] as const) {
    const inner = out[section];
    if (isRecord(inner)) out[section] = { ...inner, ...Object.fromEntries(Object.entries(laterNetworkKeys).filter(([key]) => !(key in inner))) };
  }
  return out;
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
    if (['policy', 'value', 'trpo', 'rule', 'vine'].includes(key) && (typeof section !== 'object' || section === null || Array.isArray(section)))
      return E.left([configError(key, `expected an object, got ${JSON.stringify(section)}`)]);
  return E.right(value as ConfigOverrides);
};

/** Methods whose update works on vine samples: the ones that step along the surrogate's gradient with the KL Hessian. */
const vineMethods: readonly MethodName[] = ['trpo', 'npg', 'max-kl', 'vpg'];

/**
 * Checks across fields: vine's rollout set is drawn from one iteration's trunk, so it cannot be
 * larger; and only the gradient methods with the KL Hessian learn from vine samples.
 */
const checkAcross = (config: TrainConfig): E.Either<ConfigError[], TrainConfig> => {
  const trunk = config.numEnvs * config.stepsPerEnv;
  if (config.sampling === 'vine' && config.vine.rolloutSetSize > trunk)
    return E.left([configError('vine.rolloutSetSize', `expected at most numEnvs × stepsPerEnv = ${trunk} trunk states per iteration, got ${config.vine.rolloutSetSize}`)]);
  if (config.sampling === 'vine' && !vineMethods.includes(config.method))
    return E.left([configError('method', `vine sampling works with ${vineMethods.join(', ')}; method '${config.method}' needs single-path sampling`)]);
  return E.right(config);
};

/**
 * Decodes a complete config, naming the field path and what was expected on failure. A config
 * saved before `method`, `rule`, `sampling` and `vine` existed is a single-path TRPO run: those
 * keys take their base values; one saved before `policy.network`/`value.network` existed ran MLPs.
 */
export const validateConfig = (value: unknown): E.Either<ConfigError[], TrainConfig> => {
  const extra = unknownKeys(TrainConfig.props, value);
  if (extra.length > 0) return E.left(extra.map((path) => configError(path, 'unknown key')));
  return E.chain(checkAcross)(decodeWith(TrainConfig, isRecord(value) ? withLaterKeys(value) : value));
};
