/**
 * A saved policy as a TensorFlow.js layers model's parts, and back: the weight arrays in the order
 * `model.getWeights()` lists them, and the metadata (`userDefinedMetadata` of model.json) that says
 * how to feed the model and read its output. Pure and browser-safe (no tfjs, no node:*): the page an
 * export writes rebuilds the package's own policy from the loaded model with it.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { convLayout } from '../algebra/conv.js';
import { mlpLayout } from '../algebra/mlp.js';
import type { DenseLayout } from '../algebra/mlp.js';
import type { RunningStats } from '../algebra/runningStats.js';
import type { PolicySpec } from '../policies/policySpec.js';
import { logStdOffset, policyParameterCount } from '../policies/policySpec.js';
import type { SavedPolicy } from '../streams/savedPolicy.js';

/** The format tag of {@link ExportMetadata}. */
export const exportFormat = 'trpo-export/1';

/** How a raw observation becomes the model's input: none, or `clip((x − mean) / √(var + eps), ±clip)` per coordinate. */
export type ObservationNormalizer =
  | { readonly kind: 'none' }
  | { readonly kind: 'standardize'; readonly mean: readonly number[]; readonly variance: readonly number[]; readonly eps: number; readonly clip: number };

/** How the model's output `[outputDim]` becomes the env's action when acting deterministically. */
export type ActionMapping =
  | { readonly kind: 'argmax'; readonly actions: number }
  | { readonly kind: 'gaussian-mean'; readonly actionDim: number; readonly logStd: readonly number[]; readonly low: readonly number[] | null; readonly high: readonly number[] | null };

/** What model.json's `userDefinedMetadata` holds: the policy's env, normalizer, action mapping and exact spec. */
export interface ExportMetadata {
  readonly format: typeof exportFormat;
  readonly env: string;
  /** The policy's architecture as `trpo train` saved it (rebuilds the package's own forward pass). */
  readonly spec: PolicySpec;
  readonly observationNormalizer: ObservationNormalizer;
  readonly actionMapping: ActionMapping;
  /** A sentence for a person reading model.json. */
  readonly usage: string;
  readonly iteration: number;
  readonly timesteps: number;
}

/** The normalizer `policyFromSaved` applies, as data (variance = m2 / count, 1 before any observation). */
const normalizerOf = (stats: RunningStats | null): ObservationNormalizer =>
  stats === null
    ? { kind: 'none' }
    : { kind: 'standardize', mean: Array.from(stats.mean), variance: Array.from(stats.m2, (m2) => (stats.count > 0 ? m2 / stats.count : 1)), eps: 1e-8, clip: 10 };

/**
 * The metadata of a saved policy's export; `actionBounds` is the env's Box (for a reader to clip
 * with; the package's envs clip or clamp themselves, see `policyFromSaved`).
 *
 * @example exportMetadataOf(saved, null).actionMapping // { kind: 'argmax', actions: 2 } for CartPole
 */
export const exportMetadataOf = (saved: SavedPolicy, actionBounds: { readonly low: readonly number[]; readonly high: readonly number[] } | null): ExportMetadata => {
  const { spec } = saved;
  const actionMapping: ActionMapping =
    spec.head === 'categorical'
      ? { kind: 'argmax', actions: spec.actions }
      : {
          kind: 'gaussian-mean',
          actionDim: spec.actionDim,
          logStd: Array.from(saved.params.subarray(logStdOffset(spec), logStdOffset(spec) + spec.actionDim)),
          low: actionBounds ? [...actionBounds.low] : null,
          high: actionBounds ? [...actionBounds.high] : null,
        };
  const usage =
    (saved.observationStats ? 'input: the observation standardized with observationNormalizer (then clipped), flattened; ' : 'input: the raw observation, flattened; ') +
    (spec.head === 'categorical' ? 'output: logits, the action is their argmax' : 'output: the Gaussian mean, the deterministic action (sampling adds exp(logStd) noise)');
  return { format: exportFormat, env: saved.env, spec, observationNormalizer: normalizerOf(saved.observationStats), actionMapping, usage, iteration: saved.iteration, timesteps: saved.timesteps };
};

/** `[offset, length]` of each weight array of the network in the flat vector, in the model's weight order (kernel, bias per layer). */
const weightSlices = (spec: PolicySpec): [number, number][] => {
  const dense = (layers: readonly DenseLayout[], base: number): [number, number][] =>
    layers.flatMap((l) => [
      [base + l.weightOffset, l.inputDim * l.outputDim],
      [base + l.biasOffset, l.outputDim],
    ]);
  const network = spec.network;
  if (network.kind === 'mlp') return dense(mlpLayout(network), 0);
  const { convs, denseOffset, dense: mlp } = convLayout(network);
  return [
    ...convs.flatMap((c): [number, number][] => [
      [c.kernelOffset, c.kernel * c.kernel * c.input[2] * c.output[2]],
      [c.biasOffset, c.output[2]],
    ]),
    ...dense(mlpLayout(mlp), denseOffset),
  ];
};

/**
 * The network's weights as the model lists them (each dense kernel `[in, out]` and conv kernel
 * `[k, k, C_in, C_out]` row-major, then its bias), cut from the flat parameter vector.
 *
 * @example layerWeightsOf(saved.spec, saved.params).map((w) => w.length) // [4·64, 64, 64·64, 64, 64·2, 2]
 */
export const layerWeightsOf = (spec: PolicySpec, params: Float32Array): Float32Array[] => weightSlices(spec).map(([offset, length]) => params.slice(offset, offset + length));

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The saved policy an export holds: its metadata and the model's weights (in `getWeights()` order)
 * put back into the flat parameter vector, with the normalizer as running statistics that
 * normalize exactly as the saved ones did. A `Left` names what does not fit.
 *
 * @example savedPolicyFromExport(model.getUserDefinedMetadata(), model.getWeights().map((w) => w.dataSync() as Float32Array))
 */
export const savedPolicyFromExport = (metadata: unknown, weights: readonly Float32Array[]): E.Either<string, SavedPolicy> => {
  if (!isObject(metadata) || metadata.format !== exportFormat) return E.left(`the model's metadata is not ${exportFormat}`);
  const m = metadata as unknown as ExportMetadata;
  const slices = weightSlices(m.spec);
  if (slices.length !== weights.length) return E.left(`the model has ${weights.length} weight arrays, its policy spec needs ${slices.length}`);
  const params = new Float32Array(policyParameterCount(m.spec));
  for (let i = 0; i < slices.length; i++) {
    const [offset, length] = slices[i];
    if (weights[i].length !== length) return E.left(`weight array ${i} has ${weights[i].length} values, its policy spec needs ${length}`);
    params.set(weights[i], offset);
  }
  if (m.actionMapping.kind === 'gaussian-mean') params.set(m.actionMapping.logStd, logStdOffset(m.spec));
  const n = m.observationNormalizer;
  // count 1 and m2 = variance reproduce normalizeObservation's variance m2 / count exactly
  const observationStats: RunningStats | null = n.kind === 'none' ? null : { count: 1, mean: Float64Array.from(n.mean), m2: Float64Array.from(n.variance) };
  return E.right({ format: 'trpo-policy/1', env: m.env, spec: m.spec, params, observationStats, iteration: m.iteration, timesteps: m.timesteps });
};
