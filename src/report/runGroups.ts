/**
 * Which runs belong together in a plot: runs of the same env and the same experiment (config.json
 * without the settings that do not define it), one per seed. Pure; reading run directories is the
 * CLI's job.
 *
 * @module
 */

/**
 * config.json keys that do not define an experiment, so runs that differ only in them are seeds of
 * one curve: `seed` (what varies between seeds), `backend` (the same arithmetic on other hardware)
 * and `totalSteps` (a shorter run is the same experiment stopped earlier; each curve is drawn to its
 * own length). Sampling workers and the run folder are not in config.json at all.
 */
export const nonExperimentKeys: readonly string[] = ['seed', 'backend', 'totalSteps'];

/** What grouping needs of a run: where it is, its config.json and how far it got. */
export interface GroupableRun {
  /** The run directory (names the run in messages). */
  readonly dir: string;
  /** The parsed config.json (`{ env: 'run' }` for a run without one). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Env steps of the run's last recorded iteration. */
  readonly finalTimesteps: number;
}

/** One experiment: an env and a config, with one run per seed. */
export interface ExperimentGroup<R extends GroupableRun> {
  readonly env: string;
  /** The experiment's identity: its config without {@link nonExperimentKeys}, as canonical JSON. */
  readonly experiment: string;
  /** The settings that tell this experiment apart from the others of its env (`method=npg`), or '' when it is its env's only one. */
  readonly distinction: string;
  /** Distinct config seeds, ascending (a run without an integer seed counts as its own, after them). */
  readonly seeds: readonly (number | null)[];
  /** The run drawn for each entry of `seeds`: of several runs of one seed, the one that got furthest (the first of equals). */
  readonly runs: readonly R[];
  /** Runs of a seed that is already drawn: not counted and not drawn, but named so the plot can say so. */
  readonly duplicates: readonly R[];
}

const isObject = (value: unknown): value is Readonly<Record<string, unknown>> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * JSON with object keys sorted at every level, so two equal configs give the same text.
 *
 * @example canonicalJson({ b: 1, a: { d: 2, c: 3 } }) // '{"a":{"c":3,"d":2},"b":1}'
 */
export const canonicalJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonicalJson).join(',')}]`
    : isObject(value)
      ? `{${Object.keys(value)
          .sort()
          .filter((k) => value[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
          .join(',')}}`
      : JSON.stringify(value) ?? 'null';

/**
 * The settings of a config that define its experiment: all but {@link nonExperimentKeys}, and
 * without the `vine` section unless the run samples by vine (a single-path run never reads it).
 *
 * @example experimentSettings({ env: 'CartPole-v1', seed: 3, sampling: 'single-path', vine: { branches: 4 } }) // { env: 'CartPole-v1', sampling: 'single-path' }
 */
export const experimentSettings = (config: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> =>
  Object.fromEntries(Object.entries(config).filter(([k]) => !nonExperimentKeys.includes(k) && (k !== 'vine' || config.sampling === 'vine')));

/**
 * A config's experiment identity: canonical JSON of its {@link experimentSettings}.
 *
 * @example experimentOf({ env: 'CartPole-v1', seed: 3, backend: 'wasm' }) === experimentOf({ env: 'CartPole-v1', seed: 4, backend: 'cpu' }) // true
 */
export const experimentOf = (config: Readonly<Record<string, unknown>>): string => canonicalJson(experimentSettings(config));

/** Leaf settings of a config by dotted path (`trpo.maxKl`); arrays are leaves. */
const leaves = (value: unknown, prefix = ''): [string, string][] =>
  isObject(value) ? Object.keys(value).flatMap((k) => leaves(value[k], prefix ? `${prefix}.${k}` : k)) : [[prefix, canonicalJson(value)]];

/** For each config, the `path=value` settings (in path order) whose values are not the same in all of `configs`. */
const distinctions = (configs: readonly Readonly<Record<string, unknown>>[]): string[] => {
  if (configs.length < 2) return configs.map(() => '');
  const maps = configs.map((c) => new Map(leaves(experimentSettings(c))));
  const paths = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
  // a vine setting tells vine runs apart, not a vine run from a single-path one (which has none)
  const applies = (m: Map<string, string>, p: string) => m.has(p) || !p.startsWith('vine.');
  const differing = paths.filter((p) => new Set(maps.filter((m) => applies(m, p)).map((m) => m.get(p) ?? '(unset)')).size > 1);
  return maps.map((m) =>
    differing
      .filter((p) => applies(m, p))
      .map((p) => `${p}=${(m.get(p) ?? '(unset)').replace(/^"(.*)"$/, '$1')}`)
      .join(', '),
  );
};

const seedOf = (config: Readonly<Record<string, unknown>>): number | null => (Number.isInteger(config.seed) ? (config.seed as number) : null);

/**
 * Groups runs by env and experiment (in the order each first appears), counting seeds by their
 * config seed: several runs of one seed are one seed, drawn once (the run that got furthest) and
 * reported in `duplicates`.
 *
 * @example
 * groupRunsByExperiment([
 *   { dir: 'a', config: { env: 'CartPole-v1', seed: 0 }, finalTimesteps: 2000 },
 *   { dir: 'b', config: { env: 'CartPole-v1', seed: 0 }, finalTimesteps: 1000 },
 * ]) // one group: seeds [0], runs [a], duplicates [b]
 */
export const groupRunsByExperiment = <R extends GroupableRun>(runs: readonly R[]): ExperimentGroup<R>[] => {
  const byExperiment = new Map<string, R[]>();
  for (const run of runs) {
    const key = experimentOf(run.config);
    byExperiment.set(key, [...(byExperiment.get(key) ?? []), run]);
  }
  const groups = [...byExperiment].map(([experiment, members]) => {
    const bySeed = new Map<number, R[]>();
    const unseeded: R[] = [];
    for (const run of members) {
      const seed = seedOf(run.config);
      if (seed === null) unseeded.push(run);
      else bySeed.set(seed, [...(bySeed.get(seed) ?? []), run]);
    }
    const seeds = [...bySeed.keys()].sort((a, b) => a - b);
    const furthest = seeds.map((s) => (bySeed.get(s) as R[]).reduce((best, r) => (r.finalTimesteps > best.finalTimesteps ? r : best)));
    return {
      env: String(members[0].config.env ?? 'run'),
      experiment,
      config: members[0].config,
      seeds: [...seeds, ...unseeded.map(() => null)],
      runs: [...furthest, ...unseeded],
      duplicates: members.filter((r) => seedOf(r.config) !== null && !furthest.includes(r)),
    };
  });
  const envs = [...new Set(groups.map((g) => g.env))];
  return envs.flatMap((env) => {
    const mine = groups.filter((g) => g.env === env);
    const labels = distinctions(mine.map((g) => g.config));
    return mine.map(({ config: _config, ...g }, i) => ({ ...g, distinction: labels[i] }));
  });
};
