/**
 * The one place where a config's `method` becomes an {@link UpdateRule}: the CLI, `trpo compare`
 * and code that trains from a config all build their rule here.
 *
 * @module
 */
import type { MethodName, TrainConfig } from '../config/config.js';
import { trpoRule } from '../streams/operators/trustRegionStep.js';
import type { UpdateRule } from '../streams/updateRule.js';
import { cemRule } from './cemRule.js';
import { cmaesRule } from './cmaesRule.js';
import { empiricalFisherRule } from './empiricalFisher.js';
import { maxKlRule } from './maxKl.js';
import { naturalGradientRule } from './naturalGradient.js';
import { rwrRule } from './rwr.js';
import { vanillaGradientRule } from './vanillaGradient.js';

// any: each rule's state type is its own business; the loop stores it as plain data
type AnyRule = UpdateRule<any>;

/** Default step sizes of the fixed-step gradient methods (the paper swept them by factors of 3; see `trpo compare --npg-steps`). */
export const defaultStepSizes = { npg: 0.1, vpg: 0.01 } as const;

/** How each method builds its rule from a config; adding a method's rule is one line here. */
const builders: { readonly [M in MethodName]: (config: TrainConfig) => AnyRule } = {
  trpo: (c) => trpoRule(c.trpo),
  npg: (c) => naturalGradientRule({ ...c.trpo, stepSize: c.rule.npg?.stepSize ?? defaultStepSizes.npg }),
  'max-kl': (c) => maxKlRule(c.trpo),
  'empirical-fim': (c) => empiricalFisherRule(c.trpo),
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
  rwr: ({ rule: { rwr = {} } }) => rwrRule({ temperature: rwr.beta, fitSteps: rwr.fitSteps, learningRate: rwr.learningRate, minStd: rwr.minStd }),
};

/**
 * The update rule of `config.method`, with its parameters from `config.rule` (defaults where a
 * field is absent) and the trust region settings from `config.trpo`.
 *
 * @example
 * trainEvents(config, { update: () => ruleFor(config) })
 */
export const ruleFor = (config: TrainConfig): AnyRule => builders[config.method](config);
