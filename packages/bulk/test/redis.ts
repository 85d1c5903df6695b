import { afterAll, beforeAll } from 'vitest';
import { type RedisServer, redisServerBinary, startRedisServer } from './redis-server.mjs';

/** A Redis server of the test's own: loopback, a free port, a temporary directory. */
export type TestRedis = RedisServer;

/** Time a test hook gives `startRedis`: enough for `apt-get update` and an install. */
export const REDIS_SETUP_TIMEOUT_MS = 300_000;

/** Starts `redis-server` with persistence (append-only, fsync each write) so a restart keeps the data. */
export async function startRedis(): Promise<TestRedis> {
  return startRedisServer({ binary: redisServerBinary(), persistent: true });
}

/**
 * One `redis-server` for a test file: started before its tests (installed first when missing and
 * possible, which can take minutes), stopped after them; `use` receives it once it runs.
 */
export function useRedis(use: (redis: TestRedis) => void): void {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    use(redis);
  }, REDIS_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await redis?.stop();
  });
}
