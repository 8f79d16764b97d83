// trpo train --dashboard and trpo dashboard, run as a user would (the built CLI).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSse } from '../node/dashboard/sseClient.js';
import type { SseEvent, SseReader } from '../node/dashboard/sseClient.js';
import { metricsWithoutTimes, printedUrl, runCli, startCli } from './cliProcess.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'trpo-dashboard-cli-'));
const train = ['train', '--env', 'CartPole-v1', '--steps', '10000', '--seed', '3', '--backend', 'wasm', '--workers', '1'];

/** Runs `trpo ...args` (a train with --dashboard) to its end while reading its event stream; the URL it printed and the events. */
const trainWatched = async (...args: string[]): Promise<{ url: string; events: SseEvent[] }> => {
  const cli = startCli(...args);
  const printed = printedUrl(cli);
  let reader: SseReader | null = null;
  try {
    const url = await printed;
    reader = readSse(`${url}events`);
    const { code, output } = await cli.exited;
    assert.is(code, 0, output);
    await reader.ended;
    return { url, events: reader.events };
  } finally {
    reader?.close();
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  }
};

test('train --dashboard: metrics.jsonl is the same as without it; the stream carries the run (history, episodes, played episode, end)', async () => {
  const plain = path.join(scratch, 'plain'), watched = path.join(scratch, 'watched');
  const a = runCli(...train, '--out', plain);
  assert.is(a.code, 0, a.stderr);
  const { url, events } = await trainWatched(...train, '--out', watched, '--dashboard', '0');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/, 'bound to 127.0.0.1 by default');
  assert.is(metricsWithoutTimes(watched), metricsWithoutTimes(plain), 'the dashboard does not change training');
  assert.is(readFileSync(path.join(watched, 'policy.json'), 'utf8'), readFileSync(path.join(plain, 'policy.json'), 'utf8'));
  const logged = events.filter((e) => e.id !== undefined);
  assert.equal(logged.map((e) => e.id), logged.map((_, i) => i + 1), 'ids 1, 2, … with no gap');
  assert.is(logged[0].event, 'run');
  const lines = readFileSync(path.join(watched, 'metrics.jsonl'), 'utf8').trim().split('\n');
  const iterations = events.filter((e) => e.event === 'iteration').map((e) => e.data);
  assert.equal(iterations, lines, 'one iteration event per metrics.jsonl line, the same JSON');
  const episodes = events.filter((e) => e.event === 'episode').length;
  const finished = lines.reduce((n, line) => n + (JSON.parse(line) as { episodes: number }).episodes, 0);
  assert.is(episodes, finished, 'one episode event per finished episode');
  const plays = events.filter((e) => e.event === 'play').map((e) => JSON.parse(e.data) as { env: string; observations: number[][]; actions: number[] });
  assert.ok(plays.length >= 1, 'at least one played episode');
  assert.is(plays[0].env, 'CartPole-v1');
  assert.is(plays[0].observations.length, plays[0].actions.length + 1);
  assert.equal(JSON.parse(events.filter((e) => e.event === 'status').pop()?.data ?? '{}'), { state: 'finished' });
});

test('train --resume --dashboard: the page starts with the iterations the run already had', async () => {
  const resumed = path.join(scratch, 'resumed');
  cpSync(path.join(scratch, 'plain'), resumed, { recursive: true });
  const { events } = await trainWatched('train', '--resume', resumed, '--steps', '12000', '--workers', '1', '--dashboard', '0');
  const lines = readFileSync(path.join(resumed, 'metrics.jsonl'), 'utf8').trim().split('\n');
  assert.is(lines.length, 6);
  assert.equal(events.filter((e) => e.event === 'iteration').map((e) => e.data), lines, 'five saved iterations, then the new one');
});

test('a stalled run: train warns once on stderr (never stdout) and the dashboard gets the same warning', async () => {
  // δ = 1e-20 moves no float32 weight, so the surrogate cannot gain and every update is rejected: a real stalled run
  const config = path.join(scratch, 'stalled.json');
  writeFileSync(config, JSON.stringify({ trpo: { maxKl: 1e-20 }, numEnvs: 2, stepsPerEnv: 32 }));
  const stalled = ['train', '--env', 'CartPole-v1', '--config', config, '--steps', '2048', '--seed', '3', '--backend', 'wasm', '--workers', '1'];
  const plain = runCli(...stalled, '--out', path.join(scratch, 'stalled'));
  assert.is(plain.code, 0, plain.stderr);
  const lines = readFileSync(path.join(scratch, 'stalled', 'metrics.jsonl'), 'utf8').trim().split('\n');
  assert.is(lines.length, 32);
  assert.ok(lines.every((line) => (JSON.parse(line) as { accepted: boolean }).accepted === false), 'every update rejected');
  const warnings = plain.stderr.split('\n').filter((line) => line.startsWith('warning:'));
  assert.is(warnings.length, 1, plain.stderr);
  assert.match(warnings[0], /^warning: iteration 25: the last 25 updates were all rejected by the line search/);
  assert.not.match(plain.stdout, /warning/);
  const { events } = await trainWatched(...stalled, '--out', path.join(scratch, 'stalled-watched'), '--dashboard', '0');
  const published = events.filter((e) => e.event === 'warning').map((e) => JSON.parse(e.data) as { iteration: number; message: string });
  assert.equal(published, [{ iteration: 25, message: warnings[0] }], 'the line stderr has');
});

test('train --eval-every --dashboard: one evaluation event per eval.jsonl line, and a resume publishes the saved ones first', async () => {
  const evaluated = path.join(scratch, 'evaluated');
  const summary = (line: string) => {
    const r = JSON.parse(line) as { iteration: number; timesteps: number; returnMean: number; returnStd: number; returns: number[] };
    return { iteration: r.iteration, timesteps: r.timesteps, returnMean: r.returnMean, returnStd: r.returnStd, episodes: r.returns.length };
  };
  const evalLines = () => readFileSync(path.join(evaluated, 'eval.jsonl'), 'utf8').trim().split('\n').map(summary);
  const { events } = await trainWatched(...train, '--out', evaluated, '--eval-every', '2', '--eval-episodes', '3', '--dashboard', '0');
  const published = () => events.filter((e) => e.event === 'evaluation').map((e) => JSON.parse(e.data) as unknown);
  assert.equal(evalLines().map((e) => [e.iteration, e.episodes]), [[2, 3], [4, 3]]);
  assert.equal(published(), evalLines());
  const resumed = await trainWatched('train', '--resume', evaluated, '--steps', '12000', '--workers', '1', '--eval-every', '2', '--eval-episodes', '3', '--dashboard', '0');
  assert.equal(evalLines().map((e) => e.iteration), [2, 4, 6]);
  assert.equal(resumed.events.filter((e) => e.event === 'evaluation').map((e) => JSON.parse(e.data) as unknown), evalLines(), 'the two saved evaluations, then the new one');
});

test('a taken --dashboard port, a bad --host or port is exit 2 with nothing written', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  try {
    const port = String((blocker.address() as { port: number }).port);
    const out = path.join(scratch, 'taken');
    const taken = runCli(...train, '--out', out, '--dashboard', port);
    assert.is(taken.code, 2, taken.stderr);
    assert.match(taken.stderr, /dashboard: cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
    assert.not.ok(existsSync(out), 'no run directory');
  } finally {
    blocker.close();
  }
  for (const args of [['--dashboard', 'abc'], ['--dashboard', '70000'], ['--dashboard', '0', '--host', 'http://x/'], ['--dashboard', '-1']]) {
    const out = path.join(scratch, 'bad');
    const r = runCli(...train, '--out', out, ...args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /--dashboard|--host|unknown option/);
    assert.not.ok(existsSync(out));
  }
  const hostAlone = runCli(...train, '--out', path.join(scratch, 'host-alone'), '--host', '127.0.0.1');
  assert.is(hostAlone.code, 2, hostAlone.stderr);
  assert.match(hostAlone.stderr, '--host sets where the --dashboard page listens: it needs --dashboard');
  assert.not.ok(existsSync(path.join(scratch, 'host-alone')));
});

test('--help lists --dashboard, --host and the dashboard command', () => {
  const trainHelp = runCli('train', '--help');
  assert.match(trainHelp.stdout, /--dashboard \[port\]/);
  assert.match(trainHelp.stdout, /--host <host>/);
  const top = runCli('--help');
  assert.match(top.stdout, /dashboard \[options\] <dirs\.\.\.>/);
  const dashboardHelp = runCli('dashboard', '--help');
  assert.match(dashboardHelp.stdout, /--port <n>/);
  assert.match(dashboardHelp.stdout, /--host <host>/);
});

test('trpo dashboard: missing folders or folders without runs are exit 2', () => {
  const missing = runCli('dashboard', path.join(scratch, 'nope'), '--port', '0');
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /does not exist/);
  const empty = path.join(scratch, 'empty');
  mkdirSync(empty, { recursive: true });
  const none = runCli('dashboard', empty, '--port', '0');
  assert.is(none.code, 2);
  assert.match(none.stderr, /no run directory/);
});

test('trpo dashboard: groups runs by env and config, counts seeds by config seed, follows a growing run', async () => {
  // plain and watched are seed 3 twice (one seed); a copy with seed 4 grows while the page is open
  const folder = path.join(scratch, 'runs');
  mkdirSync(folder, { recursive: true });
  cpSync(path.join(scratch, 'plain'), path.join(folder, 'a'), { recursive: true });
  cpSync(path.join(scratch, 'watched'), path.join(folder, 'b'), { recursive: true });
  const grow = path.join(folder, 'c');
  mkdirSync(grow);
  const config = JSON.parse(readFileSync(path.join(folder, 'a', 'config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(grow, 'config.json'), JSON.stringify({ ...config, seed: 4 }));
  const lines = readFileSync(path.join(folder, 'a', 'metrics.jsonl'), 'utf8').trim().split('\n');
  writeFileSync(path.join(grow, 'metrics.jsonl'), `${lines.slice(0, 2).join('\n')}\n${lines[2].slice(0, 10)}`); // a half-written line
  const cli = startCli('dashboard', folder, '--port', '0');
  const printed = printedUrl(cli);
  let reader: SseReader | null = null;
  try {
    const url = await printed;
    reader = readSse(`${url}events`);
    await reader.until((e) => e.some((x) => x.event === 'groups'));
    const first = JSON.parse(reader.events.filter((e) => e.event === 'groups')[0].data) as {
      envs: { env: string; panels: { metric: string; series: { seeds: number; lo: (number | null)[] }[] }[] }[];
      runs: { dir: string; iterations: number }[];
    };
    assert.equal(first.envs.map((e) => e.env), ['CartPole-v1']);
    const returns = first.envs[0].panels.find((p) => p.metric === 'episodeReturnMean');
    assert.ok(returns, 'a return panel');
    assert.is(returns.series.length, 1, 'one group: same env and config');
    assert.is(returns.series[0].seeds, 2, 'seeds 3 and 4 (seed 3 ran twice and counts once)');
    assert.equal(first.runs.map((r) => [path.basename(r.dir), r.iterations]).sort(), [['a', 5], ['b', 5], ['c', 2]]);
    appendFileSync(path.join(grow, 'metrics.jsonl'), `${lines[2].slice(10)}\n${lines[3]}\n`);
    await reader.until((e) => e.filter((x) => x.event === 'groups').some((x) => (JSON.parse(x.data) as typeof first).runs.some((r) => r.dir.endsWith('c') && r.iterations === 4)));
    cli.child.kill('SIGTERM');
    const { code } = await cli.exited;
    assert.is(code, 0);
  } finally {
    reader?.close();
    if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  }
});

test.after(() => rmSync(scratch, { recursive: true, force: true }));

test.run();
