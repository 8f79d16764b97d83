/**
 * The dashboard on the command line: `trpo train --dashboard [PORT] [--host H]` (a live page of
 * the run) and `trpo dashboard DIR... [--port P] [--host H]` (runs side by side, followed).
 *
 * @module
 */
import { InvalidArgumentError } from 'commander';
import { existsSync, statSync } from 'node:fs';
import type { DashboardMode } from '../node/dashboard/page.js';
import { groupsMessage } from './groupsMessage.js';
import { findRunDirs, runFollower } from './runFollower.js';
import { startDashboardServer } from '../node/dashboard/server.js';
import type { DashboardServer } from '../node/dashboard/server.js';
import { UserError } from './runFiles.js';

/** The port `--dashboard` without a value listens on. */
export const defaultDashboardPort = 8080;

/**
 * The `--host` parser: a host name or an IPv4/IPv6 address (no scheme, port or path).
 *
 * @example hostFlag('0.0.0.0') // '0.0.0.0'; hostFlag('http://x') throws
 */
export const hostFlag = (value: string): string => {
  const host = value.trim();
  if (!/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/.test(host)) throw new InvalidArgumentError(`--host must be a host name or an IP address, got '${value}'`);
  return host;
};

/**
 * Starts a dashboard server for the command line: a port that cannot be listened on (taken, or
 * not allowed) is a {@link UserError} naming it.
 *
 * @example const server = await openDashboard({ mode: 'live', title: 'CartPole-v1', host: '127.0.0.1', port: 8080 });
 */
export const openDashboard = async (options: { readonly mode: DashboardMode; readonly title: string; readonly host: string; readonly port: number }): Promise<DashboardServer> =>
  startDashboardServer(options).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(`dashboard: cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`);
  });

/** Flags of `trpo dashboard`. */
export interface DashboardFlags {
  readonly port: number;
  readonly host: string;
  /** Milliseconds between reads of the runs' files (default 1000). */
  readonly pollMs?: number;
}

/**
 * `trpo dashboard DIR...`: serves the runs at or under the folders side by side, grouped by env
 * and config (mean ± std over seeds), reading their files again every second so running ones
 * grow; stops on SIGINT or SIGTERM.
 *
 * @example await dashboardCommand(['runs/a', 'runs/b'], { port: 8080, host: '127.0.0.1' })
 */
export const dashboardCommand = async (dirs: readonly string[], flags: DashboardFlags): Promise<void> => {
  for (const dir of dirs) if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`run directory '${dir}' does not exist`);
  const empty = dirs.filter((dir) => findRunDirs(dir).length === 0);
  if (empty.length > 0) throw new UserError(`no run directory (config.json or metrics.jsonl) at or under ${empty.map((d) => `'${d}'`).join(', ')}`);
  const server = await openDashboard({ mode: 'runs', title: dirs.length === 1 ? `runs in ${dirs[0]}` : `${dirs.length} run folders`, host: flags.host, port: flags.port });
  const follower = runFollower(dirs);
  const refresh = (): void => {
    if (follower.poll()) server.setLatest('groups', groupsMessage(follower.runs()));
  };
  refresh();
  console.log(`dashboard: ${server.url} (${follower.runs().length} runs; Ctrl-C stops)`);
  const timer = setInterval(refresh, flags.pollMs ?? 1000);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  clearInterval(timer);
  await server.close();
  console.log(`dashboard stopped (${signal})`);
};
