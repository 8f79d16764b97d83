#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { filter, share, Subscription } from 'rxjs';
import { formatConfigErrors } from '../config/codec.js';
import type { MethodName, Sampling, TrainConfig } from '../config/config.js';
import { methodNames, validateConfig } from '../config/config.js';
import { presetNames, resolveConfig } from '../config/presets.js';
import { envIds, knownEnvIds, makeEnvAsync } from '../envs/registry.js';
import { readSavedPolicy } from '../node/loadPolicy.js';
import { ruleFor } from '../rules/registry.js';
import { workerSamplers } from '../node/workerSamplers.js';
import { backendNames } from '../policies/backendNames.js';
import type { BackendName } from '../policies/backendNames.js';
import { evaluatePolicy } from '../streams/evaluate.js';
import { stallWarnings } from '../streams/stalls.js';
import type { MetricsPosition } from '../streams/stateCodec.js';
import type { TrainingState } from '../streams/types.js';
import { brokerPasswordVariable, defaultQueueName, describeConnection } from '../node/brokerConnection.js';
import type { BrokerConnection } from '../node/brokerConnection.js';
import { brokerConnectionOf } from './brokerFlags.js';
import { checkpointWriter, defaultCheckpointSchedule } from './checkpointWriter.js';
import { importEnvModule, requireKnownEnv } from './envModule.js';
import { evalFiles, evalWriter, readEvalLog, truncateEvalLog } from './evalDuringTraining.js';
import { compareCommand, compareMethodNames } from './compare.js';
import type { CompareFlags } from './compare.js';
import { backendFlag, integerFlag, listFlag, methodFlag, openIntervalFlag, packageVersion, positiveNumbersFlag, samplingFlag, seedFlag } from './flags.js';
import { checkNewRunDirectory } from './outputPaths.js';
import { checkRunnable } from './preflight.js';
import { progressView } from './progress.js';
import { theoryCommand } from './theoryCommand.js';
import type { TheoryFlags } from './theoryCommand.js';
import { checkResume } from './resumeCheck.js';
import { dashboardCommand, defaultDashboardPort, hostFlag, openDashboard } from './dashboardCommand.js';
import { trainingPublisher } from '../node/dashboard/liveDashboard.js';
import type { DashboardFlags } from './dashboardCommand.js';
import { RunError, UserError, createRunDirectory, readConfigFile, removeTemporaries, runFiles, truncateFile, writeFileAtomic } from './runFiles.js';
import { exportCommand } from './exportCommand.js';
import type { ExportFlags } from './exportCommand.js';
import { panelsFlag, plotCommand } from './plotCommand.js';
import { panelNames } from '../report/plotPanels.js';
import type { PlotFlags } from './plotCommand.js';

interface TrainFlags {
  readonly env?: string;
  readonly seed?: number;
  readonly steps?: number;
  readonly config?: string;
  readonly preset?: string;
  readonly out?: string;
  readonly backend?: BackendName | 'auto';
  readonly workers: number;
  readonly resume?: string;
  readonly numEnvs?: number;
  readonly method?: MethodName;
  readonly sampling?: Sampling;
  readonly evalEvery?: number;
  readonly evalEpisodes: number;
  readonly envModule?: string;
  readonly checkpointEvery: number;
  readonly checkpointSeconds: number;
  readonly broker?: string;
  readonly brokerPasswordFile?: string;
  readonly brokerQueue?: string;
  readonly brokerTasks?: number;
  /** `--dashboard [port]`: serve the live page on this port (0: a free one). */
  readonly dashboard?: number;
  /** `--host`: the interface of the live page (127.0.0.1 when absent); only with `--dashboard`. */
  readonly host?: string;
}

const defaultRunDir = (config: TrainConfig): string =>
  path.join('runs', `${config.env}-seed${config.seed}-${new Date().toISOString().replace(/[:.]/g, '-')}`);

/** What a train command starts from: a fresh run, or a saved run to continue. */
interface TrainStart {
  readonly config: TrainConfig;
  readonly dir: string;
  readonly initialState?: TrainingState;
  /** A resumed run: where metrics.jsonl is cut back to before training continues. */
  readonly resumeAt?: MetricsPosition;
}

/** A new run: the config from preset, file and flags, in a new directory. */
const freshStart = (flags: TrainFlags): TrainStart => {
  const file = flags.config === undefined ? undefined : readConfigFile(flags.config);
  const resolved = resolveConfig({
    env: flags.env,
    knownEnvs: knownEnvIds(),
    preset: flags.preset,
    file,
    flags: { seed: flags.seed, totalSteps: flags.steps, backend: flags.backend, numEnvs: flags.numEnvs, method: flags.method, sampling: flags.sampling },
  });
  if (E.isLeft(resolved)) throw new UserError(`invalid configuration:\n${formatConfigErrors(resolved.left)}`);
  const dir = flags.out ?? defaultRunDir(resolved.right);
  checkNewRunDirectory(dir);
  return { config: resolved.right, dir };
};

const readIfExists = (file: string): Buffer | null => (existsSync(file) ? readFileSync(file) : null);

/**
 * A saved run to continue: its config.json (with `--steps` as the new total), checkpoint.json,
 * policy.json and metrics.jsonl, all checked (see `checkResume`) before anything is written. A
 * run stopped before its first checkpoint starts over. Flags that would change the run are refused.
 */
const resumeStart = async (dir: string, flags: TrainFlags): Promise<TrainStart> => {
  const clashing = (['env', 'seed', 'config', 'out', 'numEnvs', 'method', 'sampling'] as const).filter((k) => flags[k] !== undefined);
  if (clashing.length > 0) throw new UserError(`--resume continues a saved run as it was configured; drop ${clashing.map((k) => (k === 'numEnvs' ? '--num-envs' : `--${k}`)).join(', ')}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`run directory '${dir}' does not exist`);
  const files = runFiles(dir);
  if (!existsSync(files.config)) throw new UserError(`run directory '${dir}' has no config.json`);
  const saved = readConfigFile(files.config);
  // config.json files from before vine sampling existed were single-path runs
  const resolved = validateConfig({ ...(saved as Record<string, unknown>), ...(flags.steps === undefined ? {} : { totalSteps: flags.steps }), ...(flags.backend === undefined ? {} : { backend: flags.backend }) });
  if (E.isLeft(resolved)) throw new UserError(`${files.config}: invalid configuration:\n${formatConfigErrors(resolved.left)}`);
  const config = resolved.right;
  requireKnownEnv(config.env);
  const env = await makeEnvAsync(config.env);
  const checked = checkResume(env)({
    config,
    checkpoint: readIfExists(files.checkpoint)?.toString('utf8') ?? null,
    policy: readIfExists(files.policy)?.toString('utf8') ?? null,
    metrics: readIfExists(files.metrics),
  });
  env.close();
  if (E.isLeft(checked)) throw new UserError(`${path.join(dir, checked.left.file)}: ${checked.left.message}; nothing was changed`);
  const state = O.toUndefined(checked.right.state);
  if (state && state.timesteps >= config.totalSteps)
    throw new UserError(`run '${dir}' already has ${state.timesteps} of ${config.totalSteps} steps; pass a larger --steps to continue`);
  return { config, dir, initialState: state, resumeAt: checked.right.metrics };
};

/** A run stopped by SIGINT or SIGTERM after saving its last finished iteration: exit 128 + the signal number. */
class Interrupted extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}

const signalExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;

type Outcome = { readonly _tag: 'done' } | { readonly _tag: 'failed'; readonly error: Error } | { readonly _tag: 'signal'; readonly signal: keyof typeof signalExitCodes };

const trainCommand = async (flags: TrainFlags): Promise<void> => {
  if (flags.envModule !== undefined) await importEnvModule(flags.envModule);
  const brokerUrl = flags.broker;
  if (brokerUrl === undefined && (flags.brokerPasswordFile ?? flags.brokerQueue ?? flags.brokerTasks) !== undefined) throw new UserError('--broker-password-file, --broker-queue and --broker-tasks need --broker');
  if (flags.host !== undefined && flags.dashboard === undefined) throw new UserError('--host sets where the --dashboard page listens: it needs --dashboard');
  const broker = brokerUrl === undefined ? undefined : brokerConnectionOf(brokerUrl, flags.brokerPasswordFile, process.env);
  // a fresh config's env id is checked by resolveConfig, a saved one's by resumeStart
  const { config, dir, initialState, resumeAt } = flags.resume === undefined ? freshStart(flags) : await resumeStart(flags.resume, flags);
  const files = runFiles(dir);
  const rule = ruleFor(config);
  // tfjs loads only when a run starts, so the other commands and bad input answer quickly
  const [{ selectBackend }, { isIterationEvent, trainEvents }] = await Promise.all([import('../policies/backend.js'), import('../streams/train.js')]);
  const backend = await selectBackend(config.backend).catch((error: Error) => {
    throw new UserError(error.message);
  });
  await checkRunnable(config, initialState?.timesteps ?? 0);
  if (broker !== undefined) await requireBroker(broker, { waitIfAway: false });
  // listening is the last check: a taken port is exit 2 with nothing written
  const dashboard = flags.dashboard === undefined ? null : await openDashboard({ mode: 'live', title: `${config.env} · ${config.method} · seed ${config.seed}`, host: flags.host ?? '127.0.0.1', port: flags.dashboard });
  // everything is checked: from here on the run directory changes
  if (resumeAt === undefined) createRunDirectory(dir);
  removeTemporaries(dir);
  if (resumeAt !== undefined) truncateFile(files.metrics, resumeAt.bytes);
  if (resumeAt !== undefined) truncateEvalLog(dir, initialState?.iteration ?? 0);
  // the dashboard's publisher, made below, shows each evaluation as it is written
  const evaluation = flags.evalEvery === undefined ? null : await evalWriter({ dir, env: config.env, every: flags.evalEvery, episodes: flags.evalEpisodes, onEvaluated: (record) => publisher?.evaluation(record) });
  // config.json records the backend that ran, so a resume or a rerun uses the same one
  writeFileAtomic(files.config, `${JSON.stringify({ ...config, backend }, null, 2)}\n`);
  const workers = Math.min(flags.workers, config.numEnvs);
  // the broker's client loads only for a run that uses it
  const sampler = broker === undefined ? workerSamplers(workers) : (await import('../node/brokerSampler.js')).brokerSamplers({ connection: broker, queue: flags.brokerQueue, tasks: flags.brokerTasks });
  const sampledBy = broker === undefined ? `${workers} sampling worker${workers === 1 ? '' : 's'}` : `sampling on broker ${describeConnection(broker)}`;
  const from = initialState ? `, resuming at step ${initialState.timesteps}` : resumeAt ? ', starting over: no checkpoint was saved' : '';
  console.log(`training ${config.env} with ${config.method}${config.sampling === 'vine' ? ' (vine sampling)' : ''} for ${config.totalSteps} steps (seed ${config.seed}, backend ${backend}, ${sampledBy}${from}) → ${dir}`);
  // a resumed run's page starts with the iterations metrics.jsonl already holds
  const history = resumeAt === undefined || dashboard === null ? [] : readFileSync(files.metrics, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line): unknown => JSON.parse(line));
  const evaluations = resumeAt === undefined || dashboard === null ? [] : readEvalLog(evalFiles(dir).log);
  const publisher = dashboard === null ? null : await trainingPublisher(dashboard, { config: { ...config, backend }, dir, history, evaluations });
  if (dashboard) console.log(`dashboard: ${dashboard.url} (live while the run trains)`);
  const view = progressView(config.totalSteps, initialState?.timesteps ?? 0);
  const writer = checkpointWriter({
    dir,
    env: config.env,
    schedule: { iterations: flags.checkpointEvery, seconds: flags.checkpointSeconds },
    start: resumeAt ?? { lines: 0, bytes: 0 },
    onSaved: () => evaluation?.checkpointed(),
  });
  const subscription = new Subscription();
  const handlers = new Map<NodeJS.Signals, () => void>();
  const outcome = await new Promise<Outcome>((resolve) => {
    // one run, several subscribers of its events: eval writer, checkpoint writer, stall warnings, progress view
    const events = trainEvents({ ...config, backend }, { sampler, initialState, update: () => rule });
    const run = events.pipe(filter(isIterationEvent), share());
    if (publisher) subscription.add(events.subscribe(publisher.observer));
    if (evaluation) subscription.add(run.subscribe({ next: (result) => evaluation.next(result) }));
    subscription.add(run.subscribe(writer));
    subscription.add(
      run.pipe(stallWarnings()).subscribe((warning) => {
        view.warn(warning.message);
        publisher?.warning(warning);
      }),
    );
    subscription.add(
      run.subscribe({
        next: ({ metrics }) => view.update(metrics),
        error: (error: unknown) => resolve({ _tag: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
        complete: () => resolve({ _tag: 'done' }),
      }),
    );
    // a second signal while saving is ignored (the handler stays until the files are written)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) handlers.set(signal, () => resolve({ _tag: 'signal', signal }));
    handlers.forEach((handler, signal) => process.on(signal, handler));
  });
  subscription.unsubscribe();
  view.stop();
  // whatever happened, the last finished iteration is consistent and is what gets saved
  const saved = writer.save();
  writer.close();
  handlers.forEach((handler, signal) => process.off(signal, handler));
  publisher?.end(outcome._tag === 'done' ? { state: 'finished' } : outcome._tag === 'signal' ? { state: 'stopped', message: outcome.signal } : { state: 'failed', message: outcome.error.message });
  await dashboard?.close();
  if (outcome._tag === 'signal')
    throw new Interrupted(
      signalExitCodes[outcome.signal],
      `interrupted by ${outcome.signal}: ${saved === null ? 'no iteration had finished' : `saved iteration ${saved} to ${dir}`} (continue with trpo train --resume ${dir})`,
    );
  if (outcome._tag === 'failed') {
    const where = saved !== null ? `after iteration ${saved} (saved to ${dir})` : 'before the first iteration finished';
    throw new RunError(`training stopped ${where}: ${outcome.error.message}`);
  }
  console.log(saved !== null ? `saved run to ${dir} (policy.json, checkpoint.json, metrics.jsonl, config.json)` : `no iteration finished; ${dir} holds config.json only`);
};

interface WorkerFlags {
  readonly broker: string;
  readonly brokerPasswordFile?: string;
  readonly brokerQueue?: string;
  readonly concurrency: number;
  readonly lockMs: number;
  readonly envModule?: string;
}

/**
 * Checks once that the broker answers: refused credentials are a user error (exit 2); an
 * unreachable broker is one too for a learner, while a worker says so and keeps trying (machines
 * may start in any order).
 */
const requireBroker = async (connection: BrokerConnection, options: { readonly waitIfAway: boolean }): Promise<void> => {
  const { probeBroker } = await import('../node/brokerProbe.js');
  const problem = await probeBroker(connection);
  if (problem === null) return;
  const where = describeConnection(connection);
  if (problem.auth) throw new UserError(`the broker at ${where} refused the credentials (${problem.message}); set ${brokerPasswordVariable} or pass --broker-password-file`);
  if (!options.waitIfAway) throw new UserError(`cannot reach the broker at ${where}: ${problem.message}`);
  process.stderr.write(`trpo worker: cannot reach the broker at ${where} yet (${problem.message}); retrying\n`);
};

/** `trpo worker`: takes rollout tasks until SIGINT/SIGTERM, then lets the current one finish. */
const workerCommand = async (flags: WorkerFlags): Promise<void> => {
  if (flags.envModule !== undefined) await importEnvModule(flags.envModule);
  const connection = brokerConnectionOf(flags.broker, flags.brokerPasswordFile, process.env);
  await requireBroker(connection, { waitIfAway: true });
  const { startBrokerWorker } = await import('../node/brokerWorker.js');
  // a signal from here on (also while the worker starts) stops it after the current task; a second
  // signal while that task finishes is ignored (the handlers stay until exit)
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => resolve(s));
  });
  let lastError = '';
  const worker = await startBrokerWorker({
    connection,
    queue: flags.brokerQueue,
    concurrency: flags.concurrency,
    lockMs: flags.lockMs,
    onFailed: (jobId, reason) => process.stderr.write(`trpo worker: task ${jobId} failed: ${reason}\n`),
    // one line per kind of connection trouble, not one per reconnect attempt
    onError: (error) => {
      if (error.message !== lastError) process.stderr.write(`trpo worker: ${error.message}\n`);
      lastError = error.message;
    },
  });
  console.log(`worker ${process.pid} taking tasks from ${describeConnection(connection)} queue ${flags.brokerQueue ?? defaultQueueName} (concurrency ${flags.concurrency})`);
  const signal = await stopSignal;
  await worker.close();
  console.log(`worker ${process.pid} stopped by ${signal} after ${worker.processed()} tasks (${worker.failed()} failed)`);
};

interface EvalFlags {
  readonly run: string;
  readonly episodes: number;
  readonly seed: number;
  readonly backend?: BackendName | 'auto';
  readonly envModule?: string;
}

const evalCommand = async (flags: EvalFlags): Promise<void> => {
  if (flags.envModule !== undefined) await importEnvModule(flags.envModule);
  if (!existsSync(flags.run) || !statSync(flags.run).isDirectory()) throw new UserError(`run directory '${flags.run}' does not exist`);
  const policy = readSavedPolicy(flags.run);
  if (E.isLeft(policy)) throw new UserError(policy.left.message);
  requireKnownEnv(policy.right.env);
  const result = await evaluatePolicy(policy.right, { episodes: flags.episodes, seed: flags.seed });
  console.log(
    JSON.stringify({ env: policy.right.env, returnMean: result.returnMean, returnStd: result.returnStd, episodes: result.episodes, returns: result.returns, lengths: result.lengths }),
  );
};

/** Tagged errors from the library that mean bad input: exit code 2. */
const userErrorTags = new Set(['UnknownEnvError', 'PolicyEnvMismatchError']);

/** The `trpo` command line: parses arguments, runs a command, maps user errors to exit code 2. */
export const main = async (argv: readonly string[]): Promise<number> => {
  const program = new Command()
    .name('trpo')
    .description('Trust Region Policy Optimization (Schulman et al. 2015) on Gymnasium-exact environments')
    .version(packageVersion(), '-V, --version', 'print the trpo-streams version')
    .exitOverride()
    .showHelpAfterError(false);
  program
    .command('train')
    .description('train a policy (TRPO or another --method) and save the run (config.json, metrics.jsonl, policy.json, checkpoint.json)')
    .option('--env <id>', `environment id (${envIds.join(', ')}, or one that --env-module registers)`)
    .option('--env-module <path>', 'JavaScript module to import first; it registers envs of its own with registerEnv')
    .option('--seed <n>', 'random seed (integer in [0, 2^31))', seedFlag('--seed'))
    .option('--steps <n>', 'total environment steps', integerFlag('--steps', 0))
    .option('--config <file>', 'JSON config file (keys as in config.json; overrides the preset)')
    .option('--preset <name>', `settings preset (${presetNames.join(', ')})`, 'default')
    .option('--out <dir>', 'run directory (default runs/<env>-seed<n>-<time>)')
    .option('--backend <name>', `tfjs backend: auto, ${backendNames.join(', ')}`, backendFlag)
    .option('--resume <dir>', 'continue a saved run from its checkpoint (metrics are appended; --steps sets the new total)')
    .option('--workers <n>', 'threads that step the envs (results do not depend on it)', integerFlag('--workers', 1, 1024), availableParallelism())
    .option('--method <name>', `policy-update method (${methodNames.join(', ')}; default trpo; parameters in the config file's "rule" section)`, methodFlag)
    .option('--num-envs <n>', 'envs stepped in parallel per iteration (overrides the preset and config file)', integerFlag('--num-envs', 1, 4096))
    .option('--sampling <scheme>', "how experience is collected (paper Sec. 5): single-path, or vine (trunks, then branches from a rollout set of their states; every branch step counts toward --steps); default: the config file's, else single-path", samplingFlag)
    .option('--eval-every <n>', 'every n iterations, evaluate the deterministic policy (eval.jsonl; best policy in best/policy.json)', integerFlag('--eval-every', 1))
    .option('--eval-episodes <n>', 'episodes per evaluation (seeds 1000000 + i)', integerFlag('--eval-episodes', 1, 100_000), 10)
    .option('--checkpoint-every <n>', `save checkpoint.json and policy.json every n iterations (and at least every --checkpoint-seconds); SIGINT/SIGTERM save the last finished iteration`, integerFlag('--checkpoint-every', 1), defaultCheckpointSchedule.iterations)
    .option('--checkpoint-seconds <s>', 'longest wall time between checkpoints, in seconds', integerFlag('--checkpoint-seconds', 1), defaultCheckpointSchedule.seconds)
    .option('--broker <url>', `sample on \`trpo worker\` processes through Redis at redis://HOST:PORT[/DB] instead of threads (results do not depend on it; password from $${brokerPasswordVariable} or --broker-password-file, never in the URL)`)
    .option('--broker-password-file <file>', 'file holding the Redis password (AUTH/ACL) of --broker')
    .option('--broker-queue <name>', `queue of the rollout tasks (default ${defaultQueueName}; one training run per queue)`)
    .option('--broker-tasks <n>', 'tasks per batch, each a contiguous group of envs (default min(num-envs, 16); results do not depend on it)', integerFlag('--broker-tasks', 1, 4096))
    .addOption(
      new Option('--dashboard [port]', `serve a live page of the run (charts over Server-Sent Events, the policy playing) on this port (default ${defaultDashboardPort}; 0 picks a free one); it stops when the run ends`)
        .preset(String(defaultDashboardPort))
        .argParser(integerFlag('--dashboard', 0, 65535)),
    )
    .option('--host <host>', 'interface the dashboard listens on (default 127.0.0.1: this machine only; needs --dashboard)', hostFlag)
    .action(async (flags: TrainFlags) => trainCommand(flags));
  program
    .command('worker')
    .description('run rollout tasks of `trpo train --broker` runs (any machine with this package; stops on SIGINT/SIGTERM after its current task)')
    .requiredOption('--broker <url>', `Redis of the runs, redis://HOST:PORT[/DB] (password from $${brokerPasswordVariable} or --broker-password-file)`)
    .option('--broker-password-file <file>', 'file holding the Redis password (AUTH/ACL)')
    .option('--broker-queue <name>', `queue to take tasks from (default ${defaultQueueName})`)
    .option('--concurrency <n>', 'tasks held at once; sampling uses one core per process, so start one worker per core', integerFlag('--concurrency', 1, 256), 1)
    .option('--lock-ms <n>', 'milliseconds a task may run before it counts as stalled and is re-run elsewhere (also the stalled-check period)', integerFlag('--lock-ms', 100, 3_600_000), 30_000)
    .option('--env-module <path>', 'JavaScript module to import first; it registers envs of your own with registerEnv')
    .action(async (flags: WorkerFlags) => workerCommand(flags));
  program
    .command('dashboard')
    .description('serve the runs at or under DIR... side by side in the browser, grouped by env and config (mean ± std over seeds), following running ones; Ctrl-C stops')
    .argument('<dirs...>', 'run directories, or folders holding them (a trpo compare folder)')
    .option('--port <n>', `port (0 picks a free one)`, integerFlag('--port', 0, 65535), defaultDashboardPort)
    .option('--host <host>', 'interface to listen on (default 127.0.0.1: this machine only)', hostFlag, '127.0.0.1')
    .action(async (dirs: string[], flags: DashboardFlags) => dashboardCommand(dirs, flags));
  program
    .command('eval')
    .description('run a saved policy deterministically; the last stdout line is a JSON summary')
    .requiredOption('--run <dir>', 'run directory written by trpo train')
    .option('--episodes <n>', 'number of episodes', integerFlag('--episodes', 1), 10)
    .option('--seed <n>', 'seed of the first episode (episode i uses seed + i)', seedFlag('--seed'), 0)
    .option('--env-module <path>', 'JavaScript module to import first; it registers the policy\'s env if it is one of your own')
    .action(async (flags: EvalFlags) => evalCommand(flags));
  program
    .command('plot')
    .description('draw learning curves of run directories as SVG: a column per env, a row per panel, a line per experiment (runs grouped by config.json without seed, backend and totalSteps); mean over distinct seeds, each curve to its own length, a ± std band only where two or more seeds reach')
    .requiredOption('--runs <dirs...>', 'run directories written by trpo train')
    .requiredOption('--out <file>', 'SVG file to write (its folder must exist)')
    .option('--panels <list>', `comma-separated panels, drawn top to bottom: ${panelNames.join(', ')} (eval reads eval.jsonl; kl draws δ)`, panelsFlag, ['return'])
    .action((flags: PlotFlags) => plotCommand(flags));
  program
    .command('export')
    .description('write a run\'s policy as a TensorFlow.js layers model (model.json with the observation normalizer and action mapping in its userDefinedMetadata, weights.bin) and a page (index.html, page.js) that plays it in a browser on this package\'s env code')
    .requiredOption('--run <dir>', 'run directory written by trpo train (or a folder or file holding a policy.json, e.g. <run>/best)')
    .requiredOption('--out <dir>', 'folder to create (missing or empty); serve it over http and open index.html')
    .option('--env-module <path>', 'JavaScript module to import first; it registers the policy\'s env if it is one of your own')
    .action(async (flags: ExportFlags & { readonly envModule?: string }) => {
      if (flags.envModule !== undefined) await importEnvModule(flags.envModule);
      await exportCommand(flags);
    });
  program
    .command('theory')
    .description("check the paper's theory (Lemma 1, Eq. 4, Eq. 6, Theorem 1, Algorithm 1) exactly on random tabular MDPs; the last stdout line is a JSON summary; exit 1 if a law fails")
    .option('--seed <n>', 'seed of the random MDPs and policies', seedFlag('--seed'), 0)
    .option('--states <n>', 'states per random MDP', integerFlag('--states', 1, 100), 5)
    .option('--actions <n>', 'actions per random MDP', integerFlag('--actions', 1, 20), 3)
    .option('--gamma <g>', 'discount of the random MDPs, in (0, 1)', openIntervalFlag('--gamma', 0, 1), 0.9)
    .option('--mdps <n>', 'number of random MDPs', integerFlag('--mdps', 1, 100_000), 20)
    .option('--gridworld-iterations <n>', 'Algorithm 1 iterations on the 4×4 gridworld', integerFlag('--gridworld-iterations', 1, 100_000), 40)
    .option('--svg <file>', 'also draw η and the lower bound along Algorithm 1 on the gridworld as SVG')
    .action((flags: TheoryFlags) => {
      if (!theoryCommand(flags)) throw new RunError('a law of the theory was violated (see the table above)');
    });
  program
    .command('compare')
    .description('compare methods on one env as in the paper\'s Figure 4: a train run per (method, seed) in <out>/<method>/seed-<k>, then comparison.svg, comparison.md and comparison.json; rerun to resume')
    .requiredOption('--env <id>', `environment id (${envIds.join(', ')})`)
    .requiredOption('--methods <list>', `comma-separated methods (${compareMethodNames.join(', ')}; trpo-vine is TRPO with vine sampling)`, listFlag)
    .requiredOption('--seeds <n>', 'seeds per method (0 … n-1)', integerFlag('--seeds', 1, 1000))
    .requiredOption('--out <dir>', 'comparison folder (created; a rerun skips finished runs and resumes the others)')
    .option('--steps <n>', 'total environment steps per run (default: the preset\'s)', integerFlag('--steps', 1))
    .option('--config <file>', 'JSON config file for every run (keys as in config.json; "rule" holds each method\'s parameters)')
    .option('--preset <name>', `settings preset (${presetNames.join(', ')})`, 'default')
    .option('--backend <name>', `tfjs backend: auto, ${backendNames.join(', ')}`, backendFlag)
    .option('--jobs <n>', 'runs at a time (default: one per core; with more than one job each run samples with one worker)', integerFlag('--jobs', 1, 1024), availableParallelism())
    .option('--npg-steps <list>', 'run npg once per step size (labels npg@<step>); the best final return is marked', positiveNumbersFlag('--npg-steps'))
    .action(async (flags: CompareFlags) => compareCommand(flags));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    if (error instanceof Interrupted) {
      process.stderr.write(`trpo: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof RunError) {
      process.stderr.write(`trpo: ${error.message}\n`);
      return 1;
    }
    if (error instanceof UserError || userErrorTags.has((error as { _tag?: string })._tag ?? '')) {
      process.stderr.write(`trpo: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`trpo: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
