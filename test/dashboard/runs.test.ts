// `trpo dashboard DIR` in a real browser: runs grouped by env and config with a band over seeds,
// a running run followed as its metrics.jsonl grows. Saves docs/dashboard-runs.png.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { ruleFor } from '../../src/rules/registry.js';
import { train } from '../../src/streams/train.js';
import { printedUrl, startCli } from '../cli/cliProcess.js';
import { launchChromium, screenshotPath } from './chromium.js';
import { chartTitles, probe, textOf, translucentPixels, waitFor } from './inPage.js';
import { shortConfig } from './liveRun.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-dashboard-runs-'));

/** Trains in-process and writes a run directory as `trpo train` does (config.json, metrics.jsonl); returns the metrics lines. */
const writeRun = async (dir: string, method: 'trpo' | 'npg', seed: number, keepLines = Infinity): Promise<string[]> => {
  const config = shortConfig({ seed, method, totalSteps: 20_000 });
  const metrics = await lastValueFrom(train(config, { update: () => ruleFor(config) }).pipe(toArray()));
  const lines = metrics.map((m) => JSON.stringify(m));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(path.join(dir, 'metrics.jsonl'), lines.slice(0, keepLines).map((l) => `${l}\n`).join(''));
  return lines;
};

test('runs page: a chart per metric, one line per config with a band over seeds, a running run grows', async () => {
  for (const seed of [0, 1]) await writeRun(path.join(scratch, 'trpo', `seed-${seed}`), 'trpo', seed);
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
    assert.equal(titles, ['CartPole-v1: Episode return (mean of last 100)', 'CartPole-v1: Mean KL per update', 'CartPole-v1: Policy entropy (nats)', 'CartPole-v1: Value loss']);
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
