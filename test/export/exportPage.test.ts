import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { Rng, rngStateFromSeed } from '../../src/algebra/rng.js';
import { makeEnvAsync } from '../../src/envs/registry.js';
import { convNetworkSpec, initNetwork } from '../../src/policies/networkSpec.js';
import { policyOn } from '../../src/policies/policySpec.js';
import { serializePolicy } from '../../src/streams/savedPolicy.js';
import { readSavedPolicy } from '../../src/node/loadPolicy.js';
import { policyFromSaved } from '../../src/streams/loadedPolicy.js';
import { rollouts } from '../../src/streams/rollouts.js';
import { runCli } from '../cli/cliProcess.js';

// `trpo export` of a trained CartPole-v1 and Pendulum-v1 policy, served from 127.0.0.1 and opened
// in Debian's chromium: the page's actions for a seeded episode are `trpo eval`'s in Node, step
// for step, and the loaded tfjs model agrees with the package's forward pass. Needs the built CLI
// and page (npm run build). TRPO_SCREENSHOT_DIR=docs writes the page's picture to
// docs/export-cartpole.png; TRPO_EXPORT_CARTPOLE_STEPS trains the CartPole policy longer for it.

const chromiumPath = '/usr/bin/chromium';
const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-export-page-'));
const screenshotDir = process.env.TRPO_SCREENSHOT_DIR ?? scratch;
const cartPoleSteps = process.env.TRPO_EXPORT_CARTPOLE_STEPS ?? '6000';

/** Trains a small run and exports it; the export folder. */
const trainAndExport = (name: string, env: string, steps: string, config: object): { run: string; out: string } => {
  const run = path.join(scratch, `${name}-run`), out = path.join(scratch, 'site', name), file = path.join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const trained = runCli('train', '--env', env, '--steps', steps, '--seed', '1', '--config', file, '--out', run, '--workers', '1', '--backend', 'cpu');
  assert.is(trained.code, 0, trained.stderr);
  const exported = runCli('export', '--run', run, '--out', out);
  assert.is(exported.code, 0, exported.stderr);
  assert.match(exported.stdout, new RegExp(`exported ${env} policy`));
  return { run, out };
};

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.bin': 'application/octet-stream' };

/** A static file server for `root` on 127.0.0.1, on a port the system picks. */
const serve = async (root: string) => {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** The actions `trpo eval` takes (the same rollouts it plays) for the episode from `reset(seed)`, in Node. */
const nodeActions = async (run: string, seed: number): Promise<(number | number[])[]> => {
  const saved = readSavedPolicy(run);
  if (E.isLeft(saved)) throw new Error(saved.left.message);
  const env = await makeEnvAsync(saved.right.env);
  const actions: (number | number[])[] = [];
  rollouts(env, policyFromSaved(saved.right), { seed, deterministic: true }).subscribe((step) => actions.push(typeof step.action === 'number' ? step.action : Array.from(step.action)));
  env.close();
  return actions;
};

interface PageEpisode {
  readonly actions: (number | number[])[];
  readonly return: number;
  readonly length: number;
  readonly modelMaxDifference: number;
  readonly modelArgmaxDisagreements: number;
}
type PageResult = { ok: true; env: string; episode: PageEpisode } | { ok: false; error: string };

let context: BrowserContext | null = null;
let site: Awaited<ReturnType<typeof serve>> | null = null;

/** The browser, started at first use; a missing chromium fails the test that needs it, with a message. */
const browser = async (): Promise<BrowserContext> => {
  if (context !== null) return context;
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium; .ci/run does) to run the exported page's browser test`);
  context = await chromium.launchPersistentContext(mkdtempSync(path.join(scratch, 'chromium-profile-')), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 660, height: 580 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return context;
};

test.before(async () => {
  mkdirSync(path.join(scratch, 'site'), { recursive: true });
  site = await serve(path.join(scratch, 'site'));
});

test.after(async () => {
  await context?.close();
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Opens the exported page `name` with `query` and waits for the first episode's result. */
const openPage = async (name: string, query: string) => {
  if (site === null) throw new Error('the file server did not start');
  const page = await (await browser()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.origin}/${name}/index.html${query}`);
  await page.waitForFunction(() => (globalThis as { trpoExport?: unknown }).trpoExport !== undefined, undefined, { timeout: 60_000 });
  const result = (await page.evaluate(() => (globalThis as { trpoExport?: unknown }).trpoExport)) as PageResult;
  assert.equal(errors, [], 'no script error on the page');
  return { page, result };
};

/** Opens the page at seed 0 stopped at `frame`, checks its status line and takes its picture. */
const pictureAt = async (name: string, frame: number, file: string) => {
  const { page, result } = await openPage(name, `?seed=0&frame=${frame}`);
  assert.ok(result.ok);
  await page.waitForFunction((at) => new RegExp(`step ${at} of`).test((globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('status').textContent), frame, { timeout: 30_000 });
  assert.match((await page.textContent('#status')) ?? '', new RegExp(`^[\\w/-]+ · policy of iteration \\d+ \\(\\d+ steps\\) · seed 0 · step ${frame} of \\d+ · return -?[\\d.]+$`));
  await page.screenshot({ path: path.join(screenshotDir, file) });
  await page.close();
};

/** The page's episode from `seed` equals `trpo eval`'s: actions step for step, return and length. */
const samePlayAsEval = async (name: string, run: string, seed: number): Promise<PageEpisode> => {
  const { page, result } = await openPage(name, `?seed=${seed}`);
  await page.close();
  if (!result.ok) throw new Error(`the page failed: ${result.error}`);
  const evaluated = runCli('eval', '--run', run, '--episodes', '1', '--seed', String(seed));
  assert.is(evaluated.code, 0, evaluated.stderr);
  const summary = JSON.parse(evaluated.stdout.trim().split('\n').pop() as string) as { returns: number[]; lengths: number[] };
  const expected = await nodeActions(run, seed);
  assert.is(result.episode.length, summary.lengths[0], 'episode length as trpo eval');
  assert.is(result.episode.return, summary.returns[0], 'return as trpo eval');
  assert.equal(result.episode.actions, expected, 'actions as trpo eval, step for step');
  return result.episode;
};

test('CartPole-v1: the exported page plays the seeded episode with trpo eval\'s actions; the tfjs model picks the same actions', async () => {
  const { run } = trainAndExport('cartpole', 'CartPole-v1', cartPoleSteps, { numEnvs: 2, stepsPerEnv: 500, normalizeObservations: true });
  const lengths: number[] = [];
  for (const seed of [0, 7]) {
    const episode = await samePlayAsEval('cartpole', run, seed);
    assert.is(episode.modelArgmaxDisagreements, 0);
    assert.ok(episode.modelMaxDifference < 1e-4, `tfjs against the package's forward pass: ${episode.modelMaxDifference}`);
    lengths.push(episode.length);
  }
  await pictureAt('cartpole', Math.min(40, lengths[0]), 'export-cartpole.png');
});

test('Pendulum-v1: the exported page plays the seeded episode with trpo eval\'s continuous actions; the tfjs model agrees to float32 rounding', async () => {
  const { run } = trainAndExport('pendulum', 'Pendulum-v1', '2000', { numEnvs: 2, stepsPerEnv: 500, normalizeObservations: true });
  const episode = await samePlayAsEval('pendulum', run, 3);
  assert.is(episode.length, 200);
  assert.ok(episode.modelMaxDifference < 1e-4, `tfjs against the package's forward pass: ${episode.modelMaxDifference}`);
  await pictureAt('pendulum', 60, 'export-pendulum.png');
});

test('MinAtar/Breakout-v1, a conv policy: the page plays the grid with trpo eval\'s actions; the tfjs conv model picks the same actions', async () => {
  // MinAtar's network with random weights (training a conv net here would take minutes on cpu)
  const network = convNetworkSpec({ inputShape: [10, 10, 4], convLayers: [{ filters: 16, kernel: 3 }], hiddenSizes: [128], outputDim: 3 });
  const run = path.join(scratch, 'breakout-run');
  mkdirSync(run);
  const params = initNetwork(network, { outputGain: 1 }, new Rng(rngStateFromSeed(4)));
  writeFileSync(path.join(run, 'policy.json'), serializePolicy({ format: 'trpo-policy/1', env: 'MinAtar/Breakout-v1', spec: policyOn(network, 'categorical', 3), params, observationStats: null, iteration: 0, timesteps: 0 }));
  const exported = runCli('export', '--run', run, '--out', path.join(scratch, 'site', 'breakout'));
  assert.is(exported.code, 0, exported.stderr);
  const episode = await samePlayAsEval('breakout', run, 0);
  assert.ok(episode.length > 5, `a real episode: ${episode.length} steps`);
  assert.is(episode.modelArgmaxDisagreements, 0);
  assert.ok(episode.modelMaxDifference < 1e-4, `tfjs against the package's forward pass: ${episode.modelMaxDifference}`);
  await pictureAt('breakout', Math.min(5, episode.length), 'export-minatar.png');
});

test.run();
