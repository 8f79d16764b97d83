import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import { convShapeError } from '../algebra/conv.js';
import type { NetworkSpec } from '../policies/networkSpec.js';
import { convNetworkSpec, plainNetworkOf } from '../policies/networkSpec.js';
import type { RunningStats } from '../algebra/runningStats.js';
import { formatConfigErrors, fromValidationErrors, intIn, numberIn, oneOf } from '../config/codec.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { observationDim, policyOn, policyParameterCount } from '../policies/policySpec.js';
import type { TrainingState } from './types.js';

/**
 * io-ts codecs of what a run directory saves: the training state of checkpoint.json, the policy of
 * policy.json and their envelopes. They check values whose typed arrays are already decoded from
 * their `$array` form (see `decodeTree` in stateCodec.ts): structure, dtypes, integer counters, and
 * that the sizes agree with each other (weights with architectures, env rows with `numEnvs`).
 */

/**
 * An io-ts codec accepting instances of one typed-array class (already decoded from `$array`).
 *
 * @example const Uint8ArrayCodec = typedArrayCodec<Uint8Array>('a uint8 array', Uint8Array);
 */
export const typedArrayCodec = <A>(name: string, ctor: abstract new (...args: never[]) => A) =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => u instanceof ctor,
    (u, c) => (u instanceof ctor ? t.success(u) : t.failure(u, c, `expected ${name}, got ${kindOf(u)}`)),
    t.identity,
  );

const kindOf = (u: unknown): string =>
  ArrayBuffer.isView(u) ? `a ${u.constructor.name}` : u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u === 'object' ? 'an object' : JSON.stringify(u) ?? typeof u;

/** A `Float32Array` (weights). */
export const Float32ArrayCodec = typedArrayCodec<Float32Array>('a float32 array', Float32Array);
/** A `Float64Array` (statistics, env states, optimizer moments). */
export const Float64ArrayCodec = typedArrayCodec<Float64Array>('a float64 array', Float64Array);

const count = intIn(0, Number.MAX_SAFE_INTEGER, 'a non-negative integer');
const size = intIn(1, 1 << 24, 'a positive integer size');
const uint32 = intIn(0, 2 ** 32 - 1, 'a uint32 word');
const finite = numberIn(-Number.MAX_VALUE, Number.MAX_VALUE, 'a finite number');

/** A fully connected network's shape, as the MLP fields (no `kind`). */
export const MlpSpecCodec = t.type({
  inputDim: size,
  hiddenSizes: t.readonlyArray(size, 'a list of layer sizes'),
  outputDim: size,
  activation: oneOf(['tanh', 'relu'] as const, "'tanh' or 'relu'"),
});

/** A network description tagged with its kind (`{ kind: 'mlp', ... }`), the shape saved files move to. */
export const NetworkSpecCodec = t.type({ kind: t.literal('mlp'), ...MlpSpecCodec.props });

const networkOf = (n: t.TypeOf<typeof MlpSpecCodec>): NetworkSpec => ({ kind: 'mlp', inputDim: n.inputDim, hiddenSizes: n.hiddenSizes, outputDim: n.outputDim, activation: n.activation });

/** A convolutional network's description (`{ kind: 'conv', inputShape, convLayers, hiddenSizes, outputDim }`). */
export const ConvNetworkSpecCodec = t.type({
  kind: t.literal('conv'),
  inputShape: t.tuple([size, size, size], 'an input shape [height, width, channels]'),
  convLayers: t.readonlyArray(t.type({ filters: size, kernel: size }), 'a list of conv layers { filters, kernel }'),
  hiddenSizes: t.readonlyArray(size, 'a list of layer sizes'),
  outputDim: size,
});

const convFields = (u: unknown, c: t.Context): t.Validation<NetworkSpec> =>
  pipe(
    ConvNetworkSpecCodec.validate(u, c),
    E.chain((n) => {
      const misfit = convShapeError(n);
      return O.isSome(misfit) ? t.failure<NetworkSpec>(u, c, misfit.value) : t.success(convNetworkSpec(n));
    }),
  );

const networkFields = (u: unknown, c: t.Context): t.Validation<NetworkSpec> =>
  typeof u === 'object' && u !== null && 'kind' in u && u.kind === 'conv'
    ? convFields(u, c)
    : pipe(typeof u === 'object' && u !== null && 'kind' in u ? NetworkSpecCodec.validate(u, c) : MlpSpecCodec.validate(u, c), E.map(networkOf));

/**
 * A network in either saved form: a bare MLP spec (files written before network kinds existed) or a
 * `{ kind: 'mlp' | 'conv', ... }` description. Decodes to a `NetworkSpec`.
 */
export const AnyNetworkCodec = new t.Type<NetworkSpec, NetworkSpec, unknown>(
  'a network spec',
  (u): u is NetworkSpec => NetworkSpecCodec.is(u) || ConvNetworkSpecCodec.is(u),
  networkFields,
  t.identity,
);

const Head = oneOf(['categorical', 'gaussian'] as const, "'categorical' or 'gaussian'");
const withKey = (c: t.Context, key: string, type: t.Decoder<unknown, unknown>, actual: unknown): t.Context => [...c, { key, type, actual }];

/**
 * A policy spec in either saved form: `{ head, mlp, actions | actionDim }` (older files) or
 * `{ head, network, actions | actionDim }`; the network must output what the head needs. Decodes
 * through `policySpec`, so it yields the in-memory shape whichever form the file holds.
 */
export const PolicySpecCodec = new t.Type<PolicySpec, PolicySpec, unknown>(
  'a policy spec',
  (u): u is PolicySpec => typeof u === 'object' && u !== null && 'head' in u,
  (u, c) =>
    pipe(
      t.type({ head: Head }).validate(u, c),
      E.chain(({ head }) => {
        const record = u as Record<string, unknown>;
        const sizeKey = head === 'categorical' ? 'actions' : 'actionDim';
        const netKey = 'network' in record ? 'network' : 'mlp';
        return pipe(
          networkFields(record[netKey], withKey(c, netKey, AnyNetworkCodec, record[netKey])),
          E.chain((network) =>
            pipe(
              size.validate(record[sizeKey], withKey(c, sizeKey, size, record[sizeKey])),
              E.chain((actionSize) =>
                network.outputDim === actionSize
                  ? t.success(policyOn(network, head, actionSize))
                  : t.failure<PolicySpec>(u, c, `the network outputs ${network.outputDim} values but the ${head} head needs ${actionSize}`),
              ),
            ),
          ),
        );
      }),
    ),
  t.identity,
);

/** Running mean and squared deviations (Welford), as `RunningStats`. */
export const RunningStatsCodec = t.type({ count, mean: Float64ArrayCodec, m2: Float64ArrayCodec });
const OptionalStats = t.union([t.null, RunningStatsCodec]);

/** One env's snapshot: simulator state, step counter, generator; env-specific extra fields pass through. */
export const EnvSnapshotCodec = t.type({ state: Float64ArrayCodec, elapsedSteps: count, random: t.unknown });

/** Everything a run needs to continue (`TrainingState`), before its sizes are cross-checked. */
const TrainingStateFields = t.type({
  iteration: count,
  timesteps: count,
  episodes: count,
  policySpec: PolicySpecCodec,
  policyParams: Float32ArrayCodec,
  valueSpec: AnyNetworkCodec,
  valueParams: Float32ArrayCodec,
  valueOptimizer: t.type({ step: count, m: Float64ArrayCodec, v: Float64ArrayCodec }),
  valueTargetStats: OptionalStats,
  observationStats: OptionalStats,
  rng: t.tuple([uint32, uint32, uint32, uint32]),
  envs: t.type({ envs: t.readonlyArray(EnvSnapshotCodec) }),
  observations: Float32ArrayCodec,
  episodeReturns: Float64ArrayCodec,
  episodeLengths: Float64ArrayCodec,
  recentReturns: t.readonlyArray(finite),
  recentLengths: t.readonlyArray(finite),
  // absent from files written before the loop kept them: 0 s, no rule state yet
  wallSeconds: t.union([numberIn(0, Number.MAX_VALUE, 'a non-negative number of seconds'), t.undefined]),
  rule: t.union([t.null, t.undefined, t.type({ name: t.string, state: t.unknown })]),
});

const statsProblems = (name: string, stats: RunningStats | null, dim: number): string[] =>
  stats === null ? [] : stats.mean.length !== dim || stats.m2.length !== dim ? [`${name} has ${stats.mean.length}/${stats.m2.length} coordinates, the observations have ${dim}`] : [];

/** Sizes inside a training state that disagree with each other (empty when it is consistent). */
export const stateProblems = (s: TrainingState): string[] => {
  const numEnvs = s.envs.envs.length;
  const obsDim = plainNetworkOf(s.valueSpec).inputDim;
  const policyInput = observationDim(s.policySpec);
  return [
    ...(s.policyParams.length !== policyParameterCount(s.policySpec) ? [`policyParams has ${s.policyParams.length} weights, the policy spec needs ${policyParameterCount(s.policySpec)}`] : []),
    ...(s.valueParams.length !== plainNetworkOf(s.valueSpec).parameterCount ? [`valueParams has ${s.valueParams.length} weights, the value spec needs ${plainNetworkOf(s.valueSpec).parameterCount}`] : []),
    ...(s.valueSpec.outputDim !== 1 ? [`the value network outputs ${s.valueSpec.outputDim} values, not 1`] : []),
    ...(policyInput !== obsDim ? [`the policy reads ${policyInput} observation values, the value network ${obsDim}`] : []),
    ...(s.valueOptimizer.m.length !== s.valueParams.length || s.valueOptimizer.v.length !== s.valueParams.length
      ? [`valueOptimizer has ${s.valueOptimizer.m.length}/${s.valueOptimizer.v.length} moments for ${s.valueParams.length} weights`]
      : []),
    ...(numEnvs < 1 ? ['no env snapshots'] : []),
    ...(s.observations.length !== numEnvs * obsDim ? [`observations has ${s.observations.length} values, ${numEnvs} envs × ${obsDim} need ${numEnvs * obsDim}`] : []),
    ...(s.episodeReturns.length !== numEnvs || s.episodeLengths.length !== numEnvs
      ? [`episodeReturns/episodeLengths have ${s.episodeReturns.length}/${s.episodeLengths.length} entries for ${numEnvs} envs`]
      : []),
    ...statsProblems('observationStats', s.observationStats, obsDim),
    ...(s.valueTargetStats !== null && s.valueTargetStats.mean.length !== 1 ? ['valueTargetStats must have 1 coordinate'] : []),
  ];
};


/** A checked `TrainingState`: the fields decode and their sizes agree (see {@link stateProblems}). */
export const TrainingStateCodec: t.Decoder<unknown, TrainingState> = {
  name: 'a training state',
  validate: (u, c) =>
    pipe(
      TrainingStateFields.validate(u, c),
      E.map((fields): TrainingState => ({ ...fields, wallSeconds: fields.wallSeconds ?? 0, rule: fields.rule ?? null })),
      E.chain((state) => {
        const problems = stateProblems(state);
        return problems.length === 0 ? t.success(state) : t.failure<TrainingState>(u, c, problems.join('; '));
      }),
    ),
  decode: (u) => TrainingStateCodec.validate(u, [{ key: '', type: TrainingStateFields, actual: u }]),
};

/** Where metrics.jsonl stood when a checkpoint was taken: complete lines and their byte length. */
export const MetricsPositionCodec = t.type({ lines: count, bytes: count });

/** checkpoint.json: the state, and (files written since checkpoints record them) its env id and metrics position. */
export const CheckpointFileCodec = t.type({
  format: t.literal('trpo-state/1'),
  env: t.union([t.string, t.undefined]),
  metrics: t.union([MetricsPositionCodec, t.undefined]),
  state: TrainingStateCodec as t.Type<TrainingState, unknown, unknown>,
});

/** policy.json's fields, before the weights are checked against the architecture. */
const SavedPolicyFields = t.type({
  format: t.literal('trpo-policy/1'),
  env: t.string,
  spec: PolicySpecCodec,
  params: Float32ArrayCodec,
  observationStats: OptionalStats,
  iteration: count,
  timesteps: count,
});

/** policy.json: architecture, weights of the right length, frozen normalizer. */
export const SavedPolicyCodec = new t.Type<t.TypeOf<typeof SavedPolicyFields>, unknown, unknown>(
  'a saved policy',
  SavedPolicyFields.is,
  (u, c) =>
    pipe(
      SavedPolicyFields.validate(u, c),
      E.chain((p) => {
        const problems = [
          ...(p.params.length !== policyParameterCount(p.spec) ? [`policy has ${p.params.length} weights, its architecture needs ${policyParameterCount(p.spec)}`] : []),
          ...statsProblems('observationStats', p.observationStats, observationDim(p.spec)),
        ];
        return problems.length === 0 ? t.success(p) : t.failure<typeof p>(u, c, problems.join('; '));
      }),
    ),
  t.identity,
);

/**
 * Decodes `value` with `codec`; a failure is one readable line per problem, each naming its field.
 *
 * @example decodeSaved(MetricsPositionCodec, { lines: 2 }) // left('bytes: expected a non-negative integer, got nothing')
 */
export const decodeSaved = <A>(codec: t.Decoder<unknown, A>, value: unknown): E.Either<string, A> =>
  pipe(codec.decode(value), E.mapLeft((errors) => formatConfigErrors(fromValidationErrors(errors))));
