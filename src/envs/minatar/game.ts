/**
 * What every MinAtar game is to the env wrapper (./minatarEnv.ts): a mutable state of plain fields,
 * a reset and a step that draw from the shared {@link RandomState}, a renderer into the 10×10×n
 * grid, and a field layout through which the state becomes a flat list of numbers (for `getState`)
 * and back. Plus the few helpers the games share: grid cells, Python-list removal.
 *
 * @module
 */
import type { RandomState } from './randomState.js';

/** MinAtar's six actions, in its `action_map` order ['n', 'l', 'u', 'r', 'd', 'f']. */
export const NOOP = 0;
export const LEFT = 1;
export const UP = 2;
export const RIGHT = 3;
export const DOWN = 4;
export const FIRE = 5;
/** Number of actions of every MinAtar game (the v0 ids expose all of them). */
export const ALL_ACTIONS = 6;

/** Side of the square grid. */
export const GRID = 10;

/** The part of state every game has: MinAtar's `terminal` flag (a terminal game ignores `act`). */
export interface GameState {
  terminal: boolean;
}

/** How one field of a game state becomes numbers (see {@link encodeState}). */
export type FieldKind =
  | { readonly kind: 'int' }
  | { readonly kind: 'bool' }
  /** A 10×10 map of 0/1 as a Uint8Array [row · 10 + col]. */
  | { readonly kind: 'grid' }
  /** A Python list of same-width integer tuples (its order matters: games scan it in order). */
  | { readonly kind: 'list'; readonly width: number }
  /** A fixed number of slots, each empty (null) or a tuple of `width` integers. */
  | { readonly kind: 'slots'; readonly count: number; readonly width: number };

/** The fields of a game state, in the order they are written. */
export type StateLayout = readonly (readonly [string, FieldKind])[];

/**
 * One MinAtar game (`minatar/environments/<game>.py` of MinAtar 1.0.15) over its mutable state `S`.
 * Actions are MinAtar's 0…5 ({@link NOOP} … {@link FIRE}).
 */
export interface MinAtarGame<S extends GameState> {
  /** Gym-style name: 'Breakout', 'SpaceInvaders', ... */
  readonly name: string;
  /** Channel names in observation order. */
  readonly channels: readonly string[];
  /** The game's `minimal_action_set()`: what v1 action i means (an index into 0…5). */
  readonly minimalActions: readonly number[];
  /** A fresh episode's state, drawing what the game's `reset` draws. */
  readonly reset: (random: RandomState) => S;
  /** One `act` of a non-terminal game: mutates `state`, draws what the game draws, returns the reward. */
  readonly step: (state: S, action: number, random: RandomState, ramping: boolean) => number;
  /** Sets the ones of `state()` in `out[offset .. offset + 100·n)`, which the caller zeroed. */
  readonly render: (state: S, out: Float32Array, offset: number) => void;
  /** The fields of `S` (besides `terminal`) that decide the future, for `getState`/`setState`. */
  readonly layout: StateLayout;
}

/**
 * Sets channel `channel` of cell (row, col) in a [10][10][n] C-order grid at `offset`. A negative
 * column counts from the right, as NumPy indexing does.
 */
export const setCell = (out: Float32Array, offset: number, channels: number, row: number, col: number, channel: number): void => {
  out[offset + ((row * GRID + (col < 0 ? col + GRID : col)) * channels) + channel] = 1;
};

/**
 * Sets an entity moving along a row at (row, col) in `channel`, and its trail in the cell behind it
 * (left of it when it moves right) in `trail` when that cell is on the grid.
 */
export const setMover = (out: Float32Array, offset: number, channels: number, row: number, col: number, movesRight: boolean, channel: number, trail: number): void => {
  setCell(out, offset, channels, row, col, channel);
  const behind = movesRight ? col - 1 : col + 1;
  if (behind >= 0 && behind < GRID) setCell(out, offset, channels, row, behind, trail);
};

/** Copies a 0/1 map [row · 10 + col] into channel `channel` of a [10][10][n] grid at `offset`. */
export const setChannel = (out: Float32Array, offset: number, channels: number, map: Uint8Array, channel: number): void => {
  for (let cell = 0; cell < GRID * GRID; cell++) if (map[cell] !== 0) out[offset + cell * channels + channel] = 1;
};

/** Whether two tuples hold the same values (Python's `==` on lists of ints). */
const sameTuple = (a: readonly number[], b: readonly number[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Python's `list.remove(item)`: removes the first element equal to `item` by value (which need not
 * be `item` itself). MinAtar's loops rely on it while they iterate, so the order effects must match.
 *
 * @example const xs = [[1, 2], [3, 4], [1, 2]]; removeFirstEqual(xs, xs[2]); // xs is [[3, 4], [1, 2]]
 */
export const removeFirstEqual = (list: number[][], item: readonly number[]): void => {
  let index = 0;
  while (index < list.length && !sameTuple(list[index], item)) index++;
  if (index === list.length) throw new Error('removeFirstEqual: the item is not in the list (a game bug)');
  for (let i = index; i < list.length - 1; i++) list[i] = list[i + 1];
  list.length -= 1;
};

/** Whether (x, y) of tuple `a` equal (x, y) of `b`: MinAtar's `a[0:2] == b[0:2]`. */
export const sameCell = (a: readonly number[], b: readonly number[]): boolean => a[0] === b[0] && a[1] === b[1];

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * Appends the fields of `state` named by `layout` (then `terminal`) to `out` as numbers: ints as
 * they are, booleans as 0/1, grids as 100 values, lists as their length then their tuples, slots as
 * a 0/1 presence flag then `width` values (zeros when empty).
 *
 * @example encodeState({ terminal: false, pos: 4 }, [['pos', { kind: 'int' }]], []) // [4, 0]
 */
export const encodeState = (state: GameState, layout: StateLayout, out: number[]): number[] => {
  // a layout names the fields of the concrete state type, which the generic GameState cannot list
  const fields = state as unknown as Record<string, unknown>;
  for (const [key, field] of layout) {
    const value = fields[key];
    switch (field.kind) {
      case 'int': out.push(value as number); break;
      case 'bool': out.push(value ? 1 : 0); break;
      case 'grid': for (const v of value as Uint8Array) out.push(v); break;
      case 'list': {
        const list = value as number[][];
        out.push(list.length);
        for (const tuple of list) for (let i = 0; i < field.width; i++) out.push(tuple[i]);
        break;
      }
      case 'slots':
        for (const slot of value as (number[] | null)[]) {
          out.push(slot === null ? 0 : 1);
          for (let i = 0; i < field.width; i++) out.push(slot === null ? 0 : slot[i]);
        }
        break;
    }
  }
  out.push(state.terminal ? 1 : 0);
  return out;
};

/**
 * Reads a state written by {@link encodeState} from `values` at `offset`; returns it with the index
 * after its last value. Throws a RangeError naming the field on a value that cannot be one.
 */
export const decodeState = <S extends GameState>(values: ArrayLike<number>, offset: number, layout: StateLayout): { readonly state: S; readonly end: number } => {
  let at = offset;
  const take = (what: string): number => {
    if (at >= values.length) throw new RangeError(`state ends before ${what}`);
    const v = values[at++];
    if (!isInt(v)) throw new RangeError(`state ${what} must be an integer, got ${v}`);
    return v;
  };
  const flag = (what: string): boolean => {
    const v = take(what);
    if (v !== 0 && v !== 1) throw new RangeError(`state ${what} must be 0 or 1, got ${v}`);
    return v === 1;
  };
  const fields: Record<string, unknown> = {};
  for (const [key, field] of layout) {
    switch (field.kind) {
      case 'int': fields[key] = take(key); break;
      case 'bool': fields[key] = flag(key); break;
      case 'grid': {
        const grid = new Uint8Array(GRID * GRID);
        for (let cell = 0; cell < grid.length; cell++) grid[cell] = flag(`${key}[${cell}]`) ? 1 : 0;
        fields[key] = grid;
        break;
      }
      case 'list': {
        const length = take(`${key} length`);
        if (length < 0) throw new RangeError(`state ${key} length must be non-negative, got ${length}`);
        fields[key] = Array.from({ length }, (_, i) => Array.from({ length: field.width }, (_, j) => take(`${key}[${i}][${j}]`)));
        break;
      }
      case 'slots':
        fields[key] = Array.from({ length: field.count }, (_, i) => {
          const present = flag(`${key}[${i}] presence`);
          const tuple = Array.from({ length: field.width }, (_, j) => take(`${key}[${i}][${j}]`));
          return present ? tuple : null;
        });
        break;
    }
  }
  fields.terminal = flag('terminal');
  return { state: fields as unknown as S, end: at };
};
