import * as E from 'fp-ts/lib/Either.js';
import { networkSpecFromSaved } from '../policies/networkSpec.js';
import { policySpecFromSaved } from '../policies/policySpec.js';
import type { TrainingState } from './types.js';

/** A typed array written exactly: its element type and the base64 of its bytes (little-endian). */
export interface EncodedArray {
  readonly dtype: 'float32' | 'float64' | 'int32' | 'uint8' | 'uint32';
  readonly base64: string;
}

const constructors = { float32: Float32Array, float64: Float64Array, int32: Int32Array, uint8: Uint8Array, uint32: Uint32Array } as const;
type Typed = Float32Array | Float64Array | Int32Array | Uint8Array | Uint32Array;

const dtypeOf = (a: Typed): EncodedArray['dtype'] =>
  a instanceof Float32Array ? 'float32' : a instanceof Float64Array ? 'float64' : a instanceof Int32Array ? 'int32' : a instanceof Uint32Array ? 'uint32' : 'uint8';

/** Encodes a typed array bit for bit. */
export const encodeArray = (a: Typed): EncodedArray => ({ dtype: dtypeOf(a), base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') });

/** Decodes {@link encodeArray}'s output; throws on an unknown dtype or a ragged byte length. */
export const decodeArray = (e: EncodedArray): Typed => {
  const C = constructors[e.dtype];
  if (!C) throw new Error(`unknown array dtype '${String(e.dtype)}'`);
  const bytes = Buffer.from(e.base64, 'base64');
  if (bytes.byteLength % C.BYTES_PER_ELEMENT !== 0) throw new Error(`${e.dtype} array of ${bytes.byteLength} bytes`);
  const out = new C(bytes.byteLength / C.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out;
};

const isTyped = (v: unknown): v is Typed =>
  v instanceof Float32Array || v instanceof Float64Array || v instanceof Int32Array || v instanceof Uint8Array || v instanceof Uint32Array;

/** Replaces every typed array inside `value` by an {@link EncodedArray} (tagged `$array`). */
export const encodeTree = (value: unknown): unknown => {
  if (isTyped(value)) return { $array: encodeArray(value) };
  if (Array.isArray(value)) return value.map(encodeTree);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeTree(v)]));
  return value;
};

/** Inverse of {@link encodeTree}. */
export const decodeTree = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(decodeTree);
  if (value !== null && typeof value === 'object') {
    const tagged = (value as { $array?: EncodedArray }).$array;
    if (tagged) return decodeArray(tagged);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeTree(v)]));
  }
  return value;
};

/** A training state as JSON text: exact (typed arrays as bytes), ready to write as a checkpoint. */
export const serializeState = (state: TrainingState): string => JSON.stringify({ format: 'trpo-state/1', state: encodeTree(state) });

/** A checkpoint that could not be read, and why. */
export interface CheckpointError {
  readonly _tag: 'CheckpointError';
  readonly message: string;
}

/** Parses {@link serializeState}'s output back into a state. */
export const deserializeState = (text: string): E.Either<CheckpointError, TrainingState> => {
  try {
    const parsed = JSON.parse(text) as { format?: unknown; state?: unknown };
    if (parsed.format !== 'trpo-state/1') return E.left({ _tag: 'CheckpointError', message: `not a trpo-state/1 checkpoint (format ${JSON.stringify(parsed.format)})` });
    const state = decodeTree(parsed.state) as TrainingState;
    if (!(state.policyParams instanceof Float32Array) || !(state.valueParams instanceof Float32Array))
      return E.left({ _tag: 'CheckpointError', message: 'checkpoint lacks policy or value weights' });
    // files written before network kinds (`mlp` in the policy spec, a bare MlpSpec as value spec),
    // or before the loop kept wall time and rule state
    return E.right({
      ...state,
      policySpec: policySpecFromSaved(state.policySpec),
      valueSpec: networkSpecFromSaved(state.valueSpec),
      wallSeconds: state.wallSeconds ?? 0,
      rule: state.rule ?? null,
    });
  } catch (error) {
    return E.left({ _tag: 'CheckpointError', message: `unreadable checkpoint: ${(error as Error).message}` });
  }
};
