/**
 * The one place where a config's `method` becomes an {@link UpdateRule}: the CLI, `trpo compare`
 * and code that trains from a config all build their rule here.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { MethodName, TrainConfig } from '../config/config.js';
import { methodNames } from '../config/config.js';
import { trpoRule } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';
import { cemRule } from './cemRule.js';
import { cmaesRule } from './cmaesRule.js';
import { maxKlRule } from './maxKl.js';
import { naturalGradientRule } from './naturalGradient.js';
import { vanillaGradientRule } from './vanillaGradient.js';

/** Why a config's method cannot be built: the method is listed but its rule is not in this build. */
export interface MethodUnavailable {
  readonly _tag: 'MethodUnavailable';
  readonly method: MethodName;
  readonly message: string;
}

// any: each rule's state type is its own business; the loop stores it as plain data
type AnyRule = UpdateRule<any>;

/** Default step sizes of the fixed-step gradient methods (the paper swept them by factors of 3; see `trpo compare --npg-steps`). */
export const defaultStepSizes = { npg: 0.1, vpg: 0.01 } as const;

/** A listed method whose rule this build does not have yet. */
const notYet = null;

/** How each method builds its rule from a config; adding a method's rule is one line here. */
const builders: { readonly [M in MethodName]: ((config: TrainConfig) => AnyRule) | typeof notYet } = {
  trpo: (c) => trpoRule(c.trpo),
  npg: (c) => naturalGradientRule({ ...c.trpo, stepSize: c.rule.npg?.stepSize ?? defaultStepSizes.npg }),
  'max-kl': (c) => maxKlRule(c.trpo),
  'empirical-fim': notYet,
  vpg: (c) => vanillaGradientRule({ stepSize: c.rule.vpg?.stepSize ?? defaultStepSizes.vpg }),
  cem: ({ rule: { cem = {} } }) =>
    cemRule({
      populationSize: cem.populationSize,
      eliteFraction: cem.eliteFraction,
      initialStd: cem.initialStd,
      noise: cem.extraNoise === undefined ? undefined : { initial: cem.extraNoise, decrement: cem.extraNoiseDecay ?? 0 },
      episodes: cem.episodesPerCandidate,
    }),
  'cma-es': ({ rule: { 'cma-es': cmaes = {} } }) =>
    cmaesRule({ populationSize: cmaes.populationSize, initialSigma: cmaes.initialSigma, covariance: cmaes.covariance, episodes: cmaes.episodesPerCandidate }),
  rwr: notYet,
};

/**
 * The update rule of `config.method`, with its parameters from `config.rule` (defaults where a
 * field is absent) and the trust region settings from `config.trpo`; a listed method whose rule
 * is not in this build is a {@link MethodUnavailable}.
 *
 * @example
 * pipe(ruleFor(config), E.map((rule) => trainEvents(config, { update: () => rule })))
 */
export const ruleFor = (config: TrainConfig): E.Either<MethodUnavailable, AnyRule> => {
  const build = builders[config.method];
  return build === notYet
    ? E.left({ _tag: 'MethodUnavailable', method: config.method, message: `method '${config.method}' is not available yet in this build; available: ${availableMethods().join(', ')}` })
    : E.right(build(config));
};

/**
 * The methods whose rules this build has, in the order of {@link methodNames}.
 *
 * @example availableMethods() // ['trpo', 'npg', 'max-kl', 'vpg', 'cem', 'cma-es']
 */
export const availableMethods = (): MethodName[] => methodNames.filter((method) => builders[method] !== notYet);
