/**
 * Where the broker (Redis, through BullMQ) of distributed sampling lives, and what its learner and
 * workers agree on: the queue name and the key a policy version is published under. The password
 * never travels in the URL (a command line is visible in `ps`): it comes from an environment
 * variable or a file.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';

/** A Redis server and database, with the credentials to use (ioredis options). */
export interface BrokerConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
}

/** The environment variable a broker password is read from. */
export const brokerPasswordVariable = 'TRPO_BROKER_PASSWORD';

/** The queue rollout tasks go through unless a name is given. */
export const defaultQueueName = 'trpo-rollouts';

/**
 * Parses `redis://[USER@]HOST[:PORT][/DB]` (port 6379 and database 0 by default). A URL with a
 * password in it is refused: the message says to use {@link brokerPasswordVariable} or a file.
 *
 * @example parseBrokerUrl('redis://10.0.0.5:6380/2') // right({ host: '10.0.0.5', port: 6380, db: 2 })
 * @example parseBrokerUrl('redis://:secret@host') // left('… do not put the password in the URL …')
 */
export const parseBrokerUrl = (text: string): E.Either<string, BrokerConnection> => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return E.left(`--broker must be a URL like redis://HOST:PORT[/DB], got '${text}'`);
  }
  if (url.protocol !== 'redis:') return E.left(`--broker must be a redis:// URL, got '${url.protocol}//…'`);
  if (url.password !== '')
    return E.left(`do not put the password in the --broker URL (the command line is visible to every user in ps): set ${brokerPasswordVariable} or pass --broker-password-file`);
  if (url.hostname === '') return E.left(`--broker URL '${text}' has no host`);
  if (url.search !== '' || url.hash !== '') return E.left(`--broker URL '${text}' must not have a query or fragment`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,2}$/.test(path)) return E.left(`--broker URL path must be a database number, got '/${path}'`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return E.right({ host, port, db: path === '' ? 0 : Number(path), ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}) });
};

/**
 * The connection with its password added (none when `password` is undefined or empty); a file's
 * trailing newline is not part of the password.
 *
 * @example withPassword(connection, 'secret\n') // { ...connection, password: 'secret' }
 */
export const withPassword = (connection: BrokerConnection, password: string | undefined): BrokerConnection => {
  const trimmed = password?.replace(/\r?\n$/, '');
  return trimmed ? { ...connection, password: trimmed } : connection;
};

/**
 * The ioredis options of a connection. `maxRetriesPerRequest: null` makes commands wait through a
 * Redis restart (they are queued and sent on reconnect) instead of failing.
 *
 * @example new Redis(redisOptions(connection))
 */
export const redisOptions = (connection: BrokerConnection) => ({ ...connection, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(100 * times, 1000) });

/**
 * The Redis key of a published policy version.
 *
 * @example policyKey('trpo-rollouts', 'a1b2-p3') // 'trpo-rollouts:policy:a1b2-p3'
 */
export const policyKey = (queue: string, version: string): string => `${queue}:policy:${version}`;

/**
 * A connection for messages (no password, ever).
 *
 * @example describeConnection({ host: '127.0.0.1', port: 6379, db: 0 }) // 'redis://127.0.0.1:6379/0'
 */
export const describeConnection = (c: BrokerConnection): string => `redis://${c.username ? `${c.username}@` : ''}${c.host.includes(':') ? `[${c.host}]` : c.host}:${c.port}/${c.db}`;
