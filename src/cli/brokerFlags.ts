import { existsSync, readFileSync, statSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { BrokerConnection } from '../node/brokerConnection.js';
import { brokerPasswordVariable, parseBrokerUrl, withPassword } from '../node/brokerConnection.js';
import { UserError } from './runFiles.js';

/**
 * The broker connection of `--broker URL` with its password from `--broker-password-file` or, without
 * one, from the environment variable `TRPO_BROKER_PASSWORD`. A URL carrying a password, a bad URL or
 * an unreadable file is a {@link UserError} (exit 2).
 *
 * @example brokerConnectionOf('redis://127.0.0.1:6379', undefined, process.env)
 */
export const brokerConnectionOf = (url: string, passwordFile: string | undefined, env: NodeJS.ProcessEnv): BrokerConnection => {
  const parsed = parseBrokerUrl(url);
  if (E.isLeft(parsed)) throw new UserError(parsed.left);
  if (passwordFile === undefined) return withPassword(parsed.right, env[brokerPasswordVariable]);
  if (!existsSync(passwordFile) || !statSync(passwordFile).isFile()) throw new UserError(`--broker-password-file '${passwordFile}' is not a readable file`);
  return withPassword(parsed.right, readFileSync(passwordFile, 'utf8'));
};
