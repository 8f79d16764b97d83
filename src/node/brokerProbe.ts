/**
 * A one-shot check that the broker answers (reachable, password accepted) before a run or a worker
 * starts, so a wrong URL or password is reported at once instead of retried forever.
 *
 * @module
 */
import { Redis } from 'ioredis';
import type { BrokerConnection } from './brokerConnection.js';

/** Why the broker could not be used: unreachable, or it refused the credentials. */
export interface BrokerUnavailable {
  readonly _tag: 'BrokerUnavailable';
  /** Redis refused the password or user (retrying cannot help). */
  readonly auth: boolean;
  readonly message: string;
}

/**
 * Connects once (no retries, `timeoutMs` at most) and sends PING; resolves to null when Redis
 * answered, else to what went wrong.
 *
 * @example const problem = await probeBroker(connection); if (problem) console.error(problem.message);
 */
export const probeBroker = async (connection: BrokerConnection, timeoutMs = 5000): Promise<BrokerUnavailable | null> => {
  const client = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  let lastError: Error | null = null;
  client.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    const message = (lastError ?? (error as Error)).message;
    return { _tag: 'BrokerUnavailable', auth: /WRONGPASS|NOAUTH|NOPERM|AUTH/.test(message), message };
  } finally {
    client.disconnect();
  }
};
