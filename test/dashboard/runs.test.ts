// `trpo dashboard DIR` in a real browser: runs grouped by env and config with a band over seeds,
// a running run followed as its metrics.jsonl grows. Saves docs/dashboard-runs.png.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { ruleFor } from '../../src/rules/registry.js';
import { trainRun } from '../../src/streams/train.js';
import { evalWriter } from '../../src/cli/evalDuringTraining.js';
import { printedUrl, startCli } from '../cli/cliProcess.js';
import { launchChromium, screenshotPath } from './chromium.js';
import { chartPixels, chartTitles, probe, textOf, translucentPixels, waitFor } from './inPage.js';
import { shortConfig } from './liveRun.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-dashboard-runs-'));

/**
 * Trains in-process and writes a run directory as `trpo train` does (config.json, metrics.jsonl,
 * and for `evalEvery` eval.jsonl as `--eval-every N --eval-episodes 3` writes it); returns the metrics lines.
 */
const writeRun = async (dir: string, method: 'trpo' | 'npg', seed: number, keepLines = Infinity, evalEvery?: number): Promise<string[]> => {
  const config = shortConfig({ seed, method, totalSteps: 20_000 });
  mkdirSync(dir, { recursive: true });
  const evaluation = evalEvery === undefined ? null : await evalWriter({ dir, env: config.env, every: evalEvery, episodes: 3 });
  const results = await lastValueFrom(trainRun(config, { update: () => ruleFor(config) }).pipe(toArray()));
  results.forEach((r) => evaluation?.next(r));
  evaluation?.close();
  const lines = results.map((r) => JSON.stringify(r.metrics));
  writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(path.join(dir, 'metrics.jsonl'), lines.slice(0, keepLines).map((l) => `${l}\n`).join(''));
  return lines;
};

test('runs page: a chart per metric, one line per config with a band over seeds, a running run grows', async () => {
  for (const seed of [0, 1]) await writeRun(path.join(scratch, 'trpo', `seed-${seed}`), 'trpo', seed, Infinity, 2);
  const growing = await writeRun(path.join(scratch, 'trpo', 'seed-2'), 'trpo', 2, 4);
  for (const seed of [0, 1, 2]) await writeRun(path.join(scratch, 'npg', `seed-${seed}`), 'npg', seed);
  const cli = startCli('dashboard', scratch, '--port', '0');
  const printed = printedUrl(cli);
  const browser = await launchChromium({ width: 1280, height: 800 });
  try {
    const url = await printed;
    const { page } = browser;
    await page.goto(url);
    await waitFor(page, 'p.groupUpdates >= 1');
    const titles = await chartTitles(page);
    assert.equal(titles, ['CartPole-v1: Episode return (mean of last 100)', 'CartPole-v1: Eval return (deterministic policy, eval.jsonl)', 'CartPole-v1: Mean KL per update', 'CartPole-v1: Policy entropy (nats)', 'CartPole-v1: Value loss']);
    // only the trpo runs were evaluated (seeds 0 and 1, every 2 iterations): one line, over 2 seeds
    assert.match(await textOf(page, '.card[data-chart="CartPole-v1: Eval return (deterministic policy, eval.jsonl)"] .u-legend'), /^(?!.*npg).*method=trpo \(2 seeds\)/);
    assert.is((await probe(page)).points['CartPole-v1: Eval return (deterministic policy, eval.jsonl)'], 5);
    // a group keeps its colour in every panel: trpo is the second group (red), also where it is alone
    const [red, blue] = [await chartPixels(page, [207, 34, 46]), await chartPixels(page, [9, 105, 218])];
    const evalChart = 'CartPole-v1: Eval return (deterministic policy, eval.jsonl)', returnChart = 'CartPole-v1: Episode return (mean of last 100)';
    assert.ok(red[evalChart].series > 50 && blue[evalChart].series === 0, `eval panel: ${red[evalChart].series} red, ${blue[evalChart].series} blue pixels`);
    assert.ok(red[returnChart].series > 50 && blue[returnChart].series > 50);
    const legend = await textOf(page, '.card[data-chart] .u-legend');
    assert.match(legend, /method=trpo \(3 seeds\)/);
    assert.match(legend, /method=npg \(3 seeds\)/);
    // the bands are drawn: translucent fills of the two group colours
    const bandPixels = await translucentPixels(page, '.card[data-chart] canvas');
    assert.ok(bandPixels > 300, `band pixels: ${bandPixels}`);
    const before = await probe(page);
    const listed = () => textOf(page, 'body');
    assert.match(await listed(), /seed-2: CartPole-v1, method=trpo, seed 2, 4 iterations/);
    // the running run writes on
    appendFileSync(path.join(scratch, 'trpo', 'seed-2', 'metrics.jsonl'), growing.slice(4).map((l) => `${l}\n`).join(''));
    await waitFor(page, `p.groupUpdates > ${before.groupUpdates}`);
    assert.match(await listed(), /seed-2: CartPole-v1, method=trpo, seed 2, 10 iterations/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('dashboard-runs.png'), fullPage: true });
    assert.equal(browser.errors, []);
  } finally {
    await browser.close();
    if (cli.child.exitCode === null) cli.child.kill('SIGTERM');
    await cli.exited;
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
