// The live dashboard in a real browser (Debian's chromium): charts draw and grow as iterations
// arrive, a dropped connection resumes with no gap and no duplicate, the played episode animates.
// Saves docs/dashboard-live.png.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Subject } from 'rxjs';
import { trainingPublisher } from '../../src/node/dashboard/liveDashboard.js';
import { startDashboardServer } from '../../src/node/dashboard/server.js';
import type { TrainEvent } from '../../src/streams/types.js';
import { launchChromium, screenshotPath } from './chromium.js';
import { canvasLook, chartPixels, probe, textOf, waitFor } from './inPage.js';
import { stallMessage } from '../../src/algebra/stalls.js';
import { recordRun, shortConfig } from './liveRun.js';
import { printedUrl, startCli } from '../cli/cliProcess.js';
import { evalWriter } from '../../src/cli/evalDuringTraining.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

test('live page: charts grow with each iteration, reconnect resumes without gap or duplicate, the policy plays', async () => {
  const config = shortConfig();
  const iterations = await recordRun(config);
  assert.is(iterations.length, 10);
  const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-live-eval-'));
  const server = await startDashboardServer({ mode: 'live', title: `${config.env} · ${config.method} · seed ${config.seed}`, port: 0 });
  const browser = await launchChromium();
  try {
    const events = new Subject<TrainEvent>();
    const publisher = await trainingPublisher(server, { config, dir: 'runs/CartPole-v1-seed0', playEverySeconds: 0 });
    events.subscribe(publisher.observer);
    // evaluation during training as `--eval-every 2 --eval-episodes 5` does it, shown as it is written
    const evaluation = await evalWriter({ dir: scratch, env: config.env, every: 2, episodes: 5, onEvaluated: publisher.evaluation });
    events.subscribe((e) => e._tag === 'iteration' && evaluation.next(e));
    const feed = (k: number) => iterations[k].forEach((e) => events.next(e));
    feed(0);
    const { page } = browser;
    await page.goto(server.url);
    await waitFor(page, 'p.iterations.length === 1 && p.plays >= 1');
    const before = await chartPixels(page, [9, 105, 218]);
    const first = await probe(page);
    feed(1);
    await waitFor(page, `p.iterations.length === 2 && p.points['Eval return (deterministic policy)'] === 1`);
    await page.waitForTimeout(100); // the redraw is on the next animation frame
    const after = await chartPixels(page, [9, 105, 218]);
    const second = await probe(page);
    for (const title of ['Episode return', 'KL(π_old ‖ π_new) against δ']) {
      assert.ok(before[title].series > 0 && after[title].series > 50, `${title}: its series is drawn (${before[title].series}, then ${after[title].series} pixels)`);
      assert.ok(before[title].fingerprint !== after[title].fingerprint, `${title}: redrawn with the new iteration`);
    }
    const kl = 'KL(π_old ‖ π_new) against δ';
    assert.ok(after[kl].series > 5 * before[kl].series, `one KL point, then a line: ${before[kl].series} → ${after[kl].series} pixels`);
    assert.ok(second.points['Policy entropy (nats)'] === 2 && first.points['Policy entropy (nats)'] === 1);
    assert.ok(second.episodes > first.episodes && second.points['Episode return'] === second.episodes);
    const evalTitle = 'Eval return (deterministic policy)';
    const shown = (): Promise<boolean> => page.evaluate(`document.querySelector('.card[data-chart="${evalTitle}"]').style.display !== 'none'`);
    assert.ok(first.points[evalTitle] === undefined && second.points[evalTitle] === 1, 'iteration 2 was evaluated');
    assert.ok((await chartPixels(page, [26, 127, 55]))[evalTitle].series > 0, 'its point is drawn');
    assert.ok(await shown(), 'the eval chart shows from the first evaluation on');

    // the played episode animates: the canvas changes from frame to frame
    const shots = new Set<number>();
    for (let i = 0; i < 6; i++) {
      shots.add((await canvasLook(page, '#play')).fingerprint);
      await page.waitForTimeout(70);
    }
    assert.ok(shots.size >= 3, `the player's canvas took ${shots.size} distinct looks in 6 samples`);
    assert.ok((await probe(page)).framesDrawn > 5);

    // drop the connection; what is published meanwhile arrives after the reconnect, once
    const idBeforeDrop = (await probe(page)).lastEventId;
    server.dropClients();
    feed(2);
    feed(3);
    await waitFor(page, 'p.connections >= 2 && p.iterations.length === 4');
    const resumed = await probe(page);
    assert.equal(resumed.iterations, [1, 2, 3, 4]);
    assert.is(resumed.duplicates, 0);
    assert.is(resumed.gaps, 0);
    assert.is(resumed.lastEventId, server.log.lastId);
    assert.equal(server.clients().map((c) => c.resumedFrom), [idBeforeDrop], 'the browser resumed with Last-Event-ID');

    for (let k = 4; k < iterations.length; k++) feed(k);
    publisher.end({ state: 'finished' });
    await waitFor(page, `p.iterations.length === ${iterations.length} && p.status === 'finished'`);
    const done = await probe(page);
    assert.is(done.duplicates + done.gaps, 0);
    assert.is(done.points[evalTitle], iterations.length / 2, 'one point per evaluation, across the reconnect');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('dashboard-live.png'), fullPage: true });
    // a warning (as trpo train's stall watch sends it) shows above the charts, once, and again after a reload
    assert.is(await page.evaluate(`document.getElementById('warnings').style.display`), 'none', 'no warning card before a warning');
    const text = stallMessage({ rejectedInARow: 25, iteration: 10, entropy: 1e-12 }, { discrete: true });
    publisher.warning({ iteration: 10, message: text });
    await waitFor(page, 'p.warnings.length === 1');
    assert.is(await textOf(page, '#warnings li'), text);
    assert.is(await page.evaluate(`document.getElementById('warnings').style.display`), '');
    await page.reload();
    await waitFor(page, `p.warnings.length === 1 && p.iterations.length === ${iterations.length}`);
    assert.equal((await probe(page)).warnings, [text]);
    // the dropped stream is reported by chromium as a network error; nothing else may be
    assert.equal(browser.errors.filter((e) => !/ERR_INCOMPLETE_CHUNKED_ENCODING/.test(e)), [], 'no errors on the page');
  } finally {
    await browser.close();
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a page opened mid-run gets the history first, then the live tail', async () => {
  const config = shortConfig({ totalSteps: 8000 });
  const iterations = await recordRun(config);
  const server = await startDashboardServer({ mode: 'live', title: 'mid-run', port: 0 });
  const browser = await launchChromium();
  try {
    const events = new Subject<TrainEvent>();
    const publisher = await trainingPublisher(server, { config, dir: 'x', playEverySeconds: 3600 });
    events.subscribe(publisher.observer);
    iterations.slice(0, 3).flat().forEach((e) => events.next(e));
    await browser.page.goto(server.url);
    await waitFor(browser.page, 'p.iterations.length === 3');
    iterations.slice(3).flat().forEach((e) => events.next(e));
    await waitFor(browser.page, `p.iterations.length === ${iterations.length}`);
    const p = await probe(browser.page);
    assert.equal(p.iterations, iterations.map((_, k) => k + 1));
    assert.is(p.episodes, iterations.flat().filter((e) => e._tag === 'episode').length);
    assert.is(p.duplicates + p.gaps, 0);
    assert.is(p.plays, 1, 'the first iteration played (the next one only after playEverySeconds)');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('trpo train --dashboard 0: the page grows while the run trains, then says it finished', async () => {
  const browser = await launchChromium();
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'trpo-live-cli-')), 'run');
  const cli = startCli('train', '--env', 'CartPole-v1', '--steps', '40000', '--seed', '1', '--backend', 'wasm', '--workers', '1', '--out', out, '--dashboard', '0');
  const printed = printedUrl(cli);
  try {
    const { page } = browser;
    await page.goto(await printed);
    await waitFor(page, 'p.iterations.length >= 1');
    const early = (await probe(page)).iterations.length;
    await waitFor(page, `p.iterations.length > ${early}`);
    await waitFor(page, "p.iterations.length === 20 && p.status === 'finished'");
    const done = await probe(page);
    assert.equal(done.iterations, Array.from({ length: 20 }, (_, i) => i + 1));
    assert.is(done.duplicates + done.gaps, 0);
    assert.ok(early < 20, `the page saw the run part-way (${early} of 20 iterations)`);
    const { code, output } = await cli.exited;
    assert.is(code, 0, output);
  } finally {
    await browser.close();
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
});

test.run();
