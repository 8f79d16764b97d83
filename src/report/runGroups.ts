/**
 * Runs grouped as experiments: same env and same config apart from the seed (and the step budget
 * and backend), seeds counted by their config seed (two runs of one seed are one seed), and a
 * group's mean ± one-std band over its seeds, each seed's curve drawn to its own length and the
 * band only where two or more seeds cover the step count. Pure; reading run directories is the
 * caller's job.
 *
 * @module
 */
import { interpolateAt, meanStd } from './learningCurves.js';

/** One run as the reports read it: its folder, env, config.json and metrics.jsonl lines. */
export interface RunSeries {
  readonly dir: string;
  readonly env: string;
  /** config.json's object (null when the run has none). */
  readonly config: Readonly<Record<string, unknown>> | null;
  readonly lines: readonly Readonly<Record<string, unknown>>[];
}

/** Runs of one env and config. */
export interface RunGroup {
  readonly key: string;
  readonly env: string;
  /** What sets the group apart from the env's other groups (`method=npg, sampling=vine`), or its method. */
  readonly label: string;
  /** One run per distinct seed (of a seed's runs, the one with the most lines), in seed order. */
  readonly seeds: readonly RunSeries[];
  /** Every run of the group. */
  readonly runs: readonly RunSeries[];
}

/** Config fields that do not make two runs different experiments. */
export const seedOnlyKeys: readonly string[] = ['seed', 'totalSteps', 'backend'];

/** JSON with object keys sorted, so equal configs give equal text. */
const stableJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(stableJson).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value) ?? 'null';

const experimentOf = (config: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(config).filter(([k]) => !seedOnlyKeys.includes(k)));

/**
 * The group key of a run: its env and its config without the seed-only fields (a run without a
 * config is a group of its own).
 *
 * @example groupKey({ dir: 'a', env: 'CartPole-v1', config: { seed: 1, method: 'trpo' }, lines: [] }) === groupKey({ dir: 'b', env: 'CartPole-v1', config: { seed: 2, method: 'trpo' }, lines: [] }) // true
 */
export const groupKey = (run: RunSeries): string => `${run.env}\u0000${run.config === null ? `dir:${run.dir}` : stableJson(experimentOf(run.config))}`;

/** Top-level config fields whose values differ between `configs`. */
const differingKeys = (configs: readonly Readonly<Record<string, unknown>>[]): string[] => {
  const keys = [...new Set(configs.flatMap((c) => Object.keys(experimentOf(c))))].sort();
  return keys.filter((k) => new Set(configs.map((c) => stableJson(c[k]))).size > 1);
};

const shortValue = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : stableJson(value));

/**
 * Groups runs by env and config, in order of first appearance; labels each group by the config
 * fields that differ between the groups of its env (its method when it is the env's only group).
 *
 * @example groupRuns(runs).map((g) => `${g.env} ${g.label}: ${g.seeds.length} seeds`)
 */
export const groupRuns = (runs: readonly RunSeries[]): RunGroup[] => {
  const byKey = new Map<string, RunSeries[]>();
  for (const run of runs) byKey.set(groupKey(run), [...(byKey.get(groupKey(run)) ?? []), run]);
  const groups = [...byKey].map(([key, members]) => ({ key, env: members[0].env, members }));
  return groups.map(({ key, env, members }) => {
    const config = members[0].config;
    const siblings = groups.filter((g) => g.env === env && g.members[0].config !== null).map((g) => g.members[0].config as Readonly<Record<string, unknown>>);
    const differing = config === null ? [] : differingKeys(siblings);
    const label =
      config === null ? members[0].dir : differing.length > 0 ? differing.map((k) => `${k}=${shortValue(config[k])}`).join(', ') : shortValue(config.method ?? 'runs');
    const bySeed = new Map<string, RunSeries>();
    for (const run of members) {
      const seed = run.config !== null && typeof run.config.seed === 'number' ? `seed:${run.config.seed}` : `dir:${run.dir}`;
      const kept = bySeed.get(seed);
      if (kept === undefined || run.lines.length > kept.lines.length) bySeed.set(seed, run);
    }
    const seedOf = (r: RunSeries): number => (r.config !== null && typeof r.config.seed === 'number' ? r.config.seed : Infinity);
    return { key, env, label, seeds: [...bySeed.values()].sort((a, b) => seedOf(a) - seedOf(b)), runs: members };
  });
};

/** A metric against env steps. */
export interface MetricCurve {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * A metric's curve from metrics lines: `timesteps` against `metric`, lines without a finite value left out.
 *
 * @example metricCurve([{ timesteps: 10, kl: 0.01 }, { timesteps: 20, kl: null }], 'kl') // { x: [10], y: [0.01] }
 */
export const metricCurve = (lines: readonly Readonly<Record<string, unknown>>[], metric: string): MetricCurve => {
  const x: number[] = [], y: number[] = [];
  for (const line of lines) {
    const t = line.timesteps, v = line[metric];
    if (typeof t === 'number' && typeof v === 'number' && Number.isFinite(v)) {
      x.push(t);
      y.push(v);
    }
  }
  return { x, y };
};

/** Mean over the curves covering each grid point, and mean ± std where two or more do. */
export interface SeedBand {
  readonly mean: (number | null)[];
  readonly lo: (number | null)[];
  readonly hi: (number | null)[];
  /** Curves covering each grid point. */
  readonly count: number[];
}

/**
 * The mean ± one (population) std of `curves` at each `grid` step count: a curve counts only
 * between its first and last step (each to its own length, none extended); the mean needs one
 * curve, the band two.
 *
 * @example seedBand([{ x: [0, 10], y: [0, 10] }, { x: [0, 20], y: [2, 22] }], [0, 10, 20]) // mean [1, 6, 22], lo [0, 5, null]
 */
export const seedBand = (curves: readonly MetricCurve[], grid: readonly number[]): SeedBand => {
  const usable = curves.filter((c) => c.x.length > 0);
  const mean: (number | null)[] = [], lo: (number | null)[] = [], hi: (number | null)[] = [], count: number[] = [];
  for (const x of grid) {
    const values = usable.filter((c) => c.x[0] <= x && x <= c.x[c.x.length - 1]).map((c) => interpolateAt(c.x, c.y, x));
    count.push(values.length);
    if (values.length === 0) {
      mean.push(null), lo.push(null), hi.push(null);
      continue;
    }
    const s = meanStd(values);
    mean.push(s.mean);
    lo.push(values.length >= 2 ? s.mean - s.std : null);
    hi.push(values.length >= 2 ? s.mean + s.std : null);
  }
  return { mean, lo, hi, count };
};

/**
 * `points` evenly spaced step counts from the earliest first step to the latest last step of
 * `curves` (empty without any point), with every curve's own last step added so each curve ends on
 * the grid.
 *
 * @example stepGrid([{ x: [0, 100], y: [0, 1] }], 3) // [0, 50, 100]
 */
export const stepGrid = (curves: readonly MetricCurve[], points = 200): number[] => {
  const usable = curves.filter((c) => c.x.length > 0);
  if (usable.length === 0) return [];
  const from = Math.min(...usable.map((c) => c.x[0])), to = Math.max(...usable.map((c) => c.x[c.x.length - 1]));
  const even = to > from ? Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1)) : [from];
  return [...new Set([...even, ...usable.map((c) => c.x[c.x.length - 1])])].sort((a, b) => a - b);
};
