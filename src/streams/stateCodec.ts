import * as E from 'fp-ts/lib/Either.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { CheckpointFileCodec, decodeSaved } from './codecs.js';
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

/** Encodes a typed array bit for bit (no `Buffer`: works in a browser too). */
export const encodeArray = (a: Typed): EncodedArray => ({ dtype: dtypeOf(a), base64: encodeBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) });

/** Decodes {@link encodeArray}'s output; throws on an unknown dtype, text that is not base64 or a ragged byte length. */
export const decodeArray = (e: EncodedArray): Typed => {
  const C = Object.hasOwn(constructors, e.dtype) ? constructors[e.dtype] : undefined;
  if (!C) throw new Error(`unknown array dtype ${JSON.stringify(e.dtype)}`);
  if (typeof e.base64 !== 'string') throw new Error(`${e.dtype} array without base64 text`);
  const bytes = decodeBase64(e.base64);
  if (E.isLeft(bytes)) throw new Error(bytes.left.message);
  if (bytes.right.byteLength % C.BYTES_PER_ELEMENT !== 0) throw new Error(`${e.dtype} array of ${bytes.right.byteLength} bytes`);
  return new C(bytes.right.buffer as ArrayBuffer, 0, bytes.right.byteLength / C.BYTES_PER_ELEMENT);
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

/** Inverse of {@link encodeTree}; throws naming the path of an array it cannot decode. */
export const decodeTree = (value: unknown, path = ''): unknown => {
  if (Array.isArray(value)) return value.map((v, i) => decodeTree(v, `${path}.${i}`));
  if (value !== null && typeof value === 'object') {
    const tagged = (value as { $array?: EncodedArray }).$array;
    if (tagged !== undefined) {
      try {
        return decodeArray(tagged);
      } catch (error) {
        throw new Error(`${path.slice(1) || 'value'}: ${(error as Error).message}`);
      }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeTree(v, `${path}.${k}`)]));
  }
  return value;
};

/** Where metrics.jsonl stood when a checkpoint was taken: complete lines and their length in bytes. */
export interface MetricsPosition {
  readonly lines: number;
  readonly bytes: number;
}

/**
 * What checkpoint.json holds: the state, the env it runs on and the metrics.jsonl position it
 * belongs to (both absent in files written before checkpoints recorded them).
 */
export interface Checkpoint {
  readonly state: TrainingState;
  readonly env?: string;
  readonly metrics?: MetricsPosition;
}

/**
 * A checkpoint as JSON text: exact (typed arrays as bytes).
 *
 * @example serializeCheckpoint({ state, env: 'CartPole-v1', metrics: { lines: 3, bytes: 1040 } })
 */
export const serializeCheckpoint = (checkpoint: Checkpoint): string =>
  JSON.stringify({ format: 'trpo-state/1', env: checkpoint.env, metrics: checkpoint.metrics, state: encodeTree(checkpoint.state) });

/** A training state as JSON text: exact (typed arrays as bytes), ready to write as a checkpoint. */
export const serializeState = (state: TrainingState): string => serializeCheckpoint({ state });

/** A checkpoint that could not be read, and why. */
export interface CheckpointError {
  readonly _tag: 'CheckpointError';
  readonly message: string;
}

const checkpointError = (message: string): CheckpointError => ({ _tag: 'CheckpointError', message });

/**
 * Parses and checks {@link serializeCheckpoint}'s output: JSON, format, every field's type and the
 * sizes inside the state (see `TrainingStateCodec`).
 *
 * @example parseCheckpoint('{"format":"other"}') // left({ _tag: 'CheckpointError', message: 'not a trpo-state/1 checkpoint (format "other")' })
 */
export const parseCheckpoint = (text: string): E.Either<CheckpointError, Checkpoint> => {
  let tree: unknown;
  try {
    const parsed: unknown = JSON.parse(text);
    const format = typeof parsed === 'object' && parsed !== null ? (parsed as { format?: unknown }).format : undefined;
    if (format !== 'trpo-state/1') return E.left(checkpointError(`not a trpo-state/1 checkpoint (format ${JSON.stringify(format) ?? 'missing'})`));
    tree = decodeTree(parsed);
  } catch (error) {
    return E.left(checkpointError(`unreadable checkpoint: ${(error as Error).message}`));
  }
  return E.bimap((message: string) => checkpointError(`invalid checkpoint: ${message}`), (file: Checkpoint) => file)(decodeSaved(CheckpointFileCodec, tree));
};

/** Parses {@link serializeState}'s output back into a state. */
export const deserializeState = (text: string): E.Either<CheckpointError, TrainingState> => E.map((c: Checkpoint) => c.state)(parseCheckpoint(text));
