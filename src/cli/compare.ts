/**
 * `trpo compare`: the paper's method comparison (Figure 4) on one env. Each (method, seed) is a
 * `trpo train` run in its own directory, run as a child process of this CLI, `--jobs` at a time;
 * a rerun of the same command skips finished runs and resumes interrupted ones. Then the runs'
 * curves and final returns go to comparison.svg, comparison.md and comparison.json.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { formatConfigErrors } from '../config/codec.js';
import type { MethodName, TrainConfig } from '../config/config.js';
import { mergeConfig, methodNames, validateConfig } from '../config/config.js';
import { resolveConfig } from '../config/presets.js';
import type { BackendName } from '../policies/backendNames.js';
import { comparisonSvg } from '../report/learningCurves.js';
import type { ComparedRun, MethodSummary } from '../report/comparison.js';
import { FINAL_FRACTION, comparisonMarkdown, comparisonSeries, summarizeMethods } from '../report/comparison.js';
import { idleRunReason, smallestIteration } from './preflight.js';
import { parseCheckpoint } from '../streams/stateCodec.js';
import { RunError, UserError, readConfigFile, runFiles, writeFileAtomic } from './runFiles.js';
import { readRunMetrics } from './runMetrics.js';
import { checkNewRunDirectory } from './outputPaths.js';

/** The labels `--methods` accepts: the config's methods, and TRPO with vine sampling. */
export const compareMethodNames = [...methodNames.slice(0, 1), 'trpo-vine', ...methodNames.slice(1)] as const;

/** Flags of `trpo compare`. */
export interface CompareFlags {
  readonly env: string;
  readonly methods: readonly string[];
  readonly seeds: number;
  readonly steps?: number;
  readonly out: string;
  readonly config?: string;
  readonly preset?: string;
  readonly backend?: BackendName | 'auto';
  readonly jobs: number;
  readonly npgSteps?: readonly number[];
}

/** One planned run: its label, seed, directory, requested config and what to do with it. */
interface PlannedRun {
  readonly label: string;
  readonly seed: number;
  readonly dir: string;
  readonly config: TrainConfig;
  readonly action: 'fresh' | 'resume' | 'done';
}

/** The method labels of a comparison: `npg` becomes one label per `--npg-steps` value. */
const labelsOf = (flags: CompareFlags): { label: string; method: MethodName; overrides: Record<string, unknown> }[] => {
  const methods = [...new Set(flags.methods)];
  if (methods.length === 0) throw new UserError(`--methods is empty; choose from ${compareMethodNames.join(', ')}`);
  const unknown = methods.filter((m) => !(compareMethodNames as readonly string[]).includes(m));
  if (unknown.length > 0) throw new UserError(`unknown method${unknown.length === 1 ? '' : 's'} ${unknown.map((m) => `'${m}'`).join(', ')} in --methods; choose from ${compareMethodNames.join(', ')}`);
  if (flags.npgSteps !== undefined && !methods.includes('npg')) throw new UserError('--npg-steps sweeps npg: add npg to --methods');
  return methods.flatMap((m) => {
    if (m === 'trpo-vine') {
      return [{ label: m, method: 'trpo' as const, overrides: { sampling: 'vine' } }];
    }
    if (m === 'npg' && flags.npgSteps !== undefined)
      return [...new Set(flags.npgSteps)].map((stepSize) => ({ label: `npg@${stepSize}`, method: 'npg' as const, overrides: { rule: { npg: { stepSize } } } }));
    return [{ label: m, method: m as MethodName, overrides: {} }];
  });
};

/** Fields where two configs differ, as dotted paths. */
const differences = (saved: unknown, requested: unknown, prefix = ''): string[] => {
  if (typeof saved === 'object' && saved !== null && typeof requested === 'object' && requested !== null && !Array.isArray(saved) && !Array.isArray(requested)) {
    const keys = [...new Set([...Object.keys(saved), ...Object.keys(requested)])].sort();
    return keys.flatMap((k) => differences((saved as Record<string, unknown>)[k], (requested as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(saved) === JSON.stringify(requested) ? [] : [`${prefix} (saved ${JSON.stringify(saved) ?? 'nothing'}, requested ${JSON.stringify(requested) ?? 'nothing'})`];
};

/**
 * What to do with a run directory: a new run (absent or empty), `done` (its checkpoint reached the
 * requested steps) or `resume`. A directory that holds something else, or a run whose config.json
 * disagrees with the requested config (apart from totalSteps, which a resume raises, and the
 * backend when `auto` was asked for), is a {@link UserError}.
 */
const actionFor = (dir: string, config: TrainConfig): PlannedRun['action'] => {
  if (!existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0)) {
    checkNewRunDirectory(dir);
    return 'fresh';
  }
  const files = runFiles(dir);
  if (!statSync(dir).isDirectory() || !existsSync(files.config)) throw new UserError(`'${dir}' exists but is not a run directory (no config.json); move it away`);
  const saved = validateConfig(readConfigFile(files.config));
  if (E.isLeft(saved)) throw new UserError(`${files.config}: invalid configuration:\n${formatConfigErrors(saved.left)}`);
  const comparable = (c: TrainConfig) => ({ ...c, totalSteps: undefined, backend: config.backend === 'auto' ? undefined : c.backend });
  const diff = differences(comparable(saved.right), comparable(config));
  if (diff.length > 0) throw new UserError(`${files.config} disagrees with the requested run: ${diff.join(', ')}; nothing was changed (use another --out or remove the run)`);
  if (!existsSync(files.checkpoint)) return 'resume';
  const checkpoint = parseCheckpoint(readFileSync(files.checkpoint, 'utf8'));
  // an unreadable checkpoint is train --resume's to refuse, with its own message; a run is done
  // when no further iteration fits its budget (vine runs stop short of it by less than one)
  if (E.isLeft(checkpoint)) return 'resume';
  const { timesteps, policySpec } = checkpoint.right.state;
  return idleRunReason(config, timesteps, smallestIteration(config, policySpec)) === null ? 'resume' : 'done';
};

/** Every run of the comparison with its requested config, checked before any of them starts. */
const planRuns = (flags: CompareFlags): PlannedRun[] => {
  const labels = labelsOf(flags);
  const file = flags.config === undefined ? {} : (readConfigFile(flags.config) as Record<string, unknown>);
  return labels.flatMap(({ label, method, overrides }) =>
    Array.from({ length: flags.seeds }, (_, seed) => {
      const resolved = resolveConfig({ env: flags.env, preset: flags.preset, file: mergeConfig(file, overrides), flags: { seed, totalSteps: flags.steps, backend: flags.backend, method } });
      if (E.isLeft(resolved)) throw new UserError(`invalid configuration for ${label}:\n${formatConfigErrors(resolved.left)}`);
      const dir = path.join(flags.out, label, `seed-${seed}`);
      return { label, seed, dir, config: resolved.right, action: actionFor(dir, resolved.right) };
    }),
  );
};

/** How a child run ended. */
type ChildOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly tail: string };

const tailLines = (text: string, lines = 12): string => text.trimEnd().split('\n').slice(-lines).join('\n');

/**
 * Runs the planned runs as `node <this CLI> train …` children, `jobs` at a time. With more than one
 * job each child samples with one worker thread, so the jobs share the cores instead of
 * oversubscribing them; a single job keeps train's default (a worker per core). Results do not
 * depend on the worker count. A signal stops new starts and is passed to the running children,
 * which save their last iteration (rerun to resume).
 */
const runAll = async (plan: readonly PlannedRun[], jobs: number, scratch: string): Promise<{ outcomes: Map<PlannedRun, ChildOutcome>; signal: NodeJS.Signals | null }> => {
  const cli = path.resolve(process.argv[1]);
  const todo = plan.filter((r) => r.action !== 'done');
  const outcomes = new Map<PlannedRun, ChildOutcome>();
  const running = new Set<ChildProcess>();
  let signal: NodeJS.Signals | null = null, started = 0;
  const onSignal = (s: NodeJS.Signals) => {
    signal = s;
    running.forEach((child) => child.kill(s));
  };
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((s) => [s, () => onSignal(s)] as const);
  handlers.forEach(([s, h]) => process.on(s, h));
  for (const run of plan.filter((r) => r.action === 'done')) console.log(`${run.label} seed ${run.seed}: finished before, skipped (${run.dir})`);
  const runOne = (run: PlannedRun): Promise<ChildOutcome> => {
    const workers = jobs > 1 ? ['--workers', '1'] : [];
    let args: string[];
    if (run.action === 'resume') args = ['train', '--resume', run.dir, '--steps', String(run.config.totalSteps), ...workers];
    else {
      const configFile = path.join(scratch, `${run.label}-seed-${run.seed}.json`);
      writeFileSync(configFile, JSON.stringify(run.config));
      args = ['train', '--config', configFile, '--out', run.dir, ...workers];
    }
    started += 1;
    console.log(`[${started}/${todo.length}] ${run.label} seed ${run.seed}: ${run.action === 'resume' ? 'resuming' : 'starting'} → ${run.dir}`);
    const t0 = Date.now();
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [...process.execArgv, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(child);
      let output = '';
      const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-8000));
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.on('error', (error) => {
        running.delete(child);
        resolve({ ok: false, reason: error.message, tail: '' });
      });
      child.on('close', (code, killedBy) => {
        running.delete(child);
        const seconds = ((Date.now() - t0) / 1000).toFixed(1);
        if (code === 0) console.log(`${run.label} seed ${run.seed}: finished in ${seconds} s`);
        else console.log(`${run.label} seed ${run.seed}: FAILED (${killedBy ?? `exit ${code}`}) after ${seconds} s`);
        resolve(code === 0 ? { ok: true } : { ok: false, reason: killedBy ? `stopped by ${killedBy}` : `exit code ${code}`, tail: tailLines(output) });
      });
    });
  };
  const queue = [...todo];
  const worker = async (): Promise<void> => {
    for (let run = queue.shift(); run !== undefined && signal === null; run = queue.shift()) outcomes.set(run, await runOne(run));
  };
  await Promise.all(Array.from({ length: Math.min(jobs, todo.length) }, worker));
  handlers.forEach(([s, h]) => process.off(s, h));
  return { outcomes, signal };
};

/** comparison.json: the settings, how the numbers are made, one entry per method, the failed runs. */
const comparisonJson = (flags: CompareFlags, steps: number, summaries: readonly MethodSummary[], failed: readonly { label: string; seed: number; reason: string }[]) => ({
  env: flags.env,
  steps,
  seeds: flags.seeds,
  final: `mean of the episodeReturnMean of the last ${FINAL_FRACTION * 100}% of iterations (at least one) of each run; mean and population std over seeds`,
  band: '± one population standard deviation across seeds, runs interpolated linearly onto a common grid of env steps',
  methods: summaries,
  failed,
});

const commandLine = (flags: CompareFlags): string =>
  [
    'trpo compare',
    `--env ${flags.env}`,
    `--methods ${flags.methods.join(',')}`,
    `--seeds ${flags.seeds}`,
    flags.steps === undefined ? '' : `--steps ${flags.steps}`,
    flags.npgSteps === undefined ? '' : `--npg-steps ${flags.npgSteps.join(',')}`,
    flags.preset === undefined || flags.preset === 'default' ? '' : `--preset ${flags.preset}`,
    flags.config === undefined ? '' : `--config ${flags.config}`,
    flags.backend === undefined ? '' : `--backend ${flags.backend}`,
    `--out ${flags.out}`,
  ]
    .filter(Boolean)
    .join(' ');

/**
 * `trpo compare`: plans and checks every run (bad input is a {@link UserError}, exit 2, before
 * anything is written), runs them, and writes comparison.svg/.md/.json from the runs that
 * finished. A failed run is reported with the tail of its output and ends the command with a
 * {@link RunError} (exit 1) after the others finished and the files are written.
 *
 * @example await compareCommand({ env: 'CartPole-v1', methods: ['trpo', 'cem'], seeds: 3, out: 'cmp', jobs: 2 })
 */
export const compareCommand = async (flags: CompareFlags): Promise<void> => {
  const plan = planRuns(flags);
  const steps = plan[0].config.totalSteps;
  const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-compare-'));
  let result: Awaited<ReturnType<typeof runAll>>;
  try {
    result = await runAll(plan, flags.jobs, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (result.signal !== null) throw new RunError(`interrupted by ${result.signal}: the running runs saved their last iteration; rerun the same command to resume`);
  const failed = plan.flatMap((run) => {
    const outcome = result.outcomes.get(run);
    return outcome && !outcome.ok ? [{ run, outcome }] : [];
  });
  const finished = plan.filter((run) => !failed.some((f) => f.run === run));
  const runs: ComparedRun[] = finished.map((run) => {
    const { curve, wallSeconds } = readRunMetrics(run.dir);
    return { label: run.label, seed: run.seed, curve, wallSeconds };
  });
  if (runs.length > 0) {
    const summaries = summarizeMethods(runs);
    const failedRecords = failed.map(({ run, outcome }) => ({ label: run.label, seed: run.seed, reason: outcome.ok ? '' : outcome.reason }));
    writeFileAtomic(path.join(flags.out, 'comparison.svg'), comparisonSvg(`${flags.env}: ${steps} steps`, comparisonSeries(runs, summaries)));
    writeFileAtomic(path.join(flags.out, 'comparison.json'), `${JSON.stringify(comparisonJson(flags, steps, summaries, failedRecords), null, 2)}\n`);
    const notes = [
      `Final return: the mean of the episode return means of each run's last ${FINAL_FRACTION * 100}% of iterations (at least one); mean ± population standard deviation over seeds.`,
      'Samples: env steps each run simulated (candidate evaluations of CEM and CMA-ES included). Wall time: training time from metrics.jsonl.',
      ...(summaries.some((m) => m.bestOfSweep) ? ['In bold: the best step size of the npg sweep (the paper swept by factors of 3 and kept the best).'] : []),
      ...failedRecords.map((f) => `Failed: ${f.label} seed ${f.seed} (${f.reason}); left out of the table.`),
    ];
    writeFileAtomic(path.join(flags.out, 'comparison.md'), `# ${flags.env}: method comparison\n\n\`${commandLine(flags)}\`\n\n${comparisonMarkdown(summaries)}\n\n${notes.join('\n\n')}\n`);
    console.log(`wrote ${path.join(flags.out, 'comparison.svg')}, comparison.md and comparison.json (${runs.length} of ${plan.length} runs)`);
  }
  if (failed.length > 0) {
    for (const { run, outcome } of failed) if (!outcome.ok) process.stderr.write(`trpo: ${run.label} seed ${run.seed} failed (${outcome.reason}); its output ended with:\n${outcome.tail.replace(/^/gm, '  | ')}\n`);
    throw new RunError(`${failed.length} of ${plan.length} runs failed (see above); the others are in ${flags.out}`);
  }
};
