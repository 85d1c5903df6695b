/** A Redis server of one's own: loopback, a free port, a temporary directory. */
export interface RedisServer {
  url: string;
  port: number;
  /** Stops it the way an operator does (SIGTERM: the append-only file is flushed), then starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;

/**
 * Starts `binary` (default `redis-server` on PATH). `persistent`: append-only, fsync on each write,
 * so a restart keeps the data; otherwise nothing is written to disk.
 */
export function startRedisServer(options?: {
  binary?: string;
  persistent?: boolean;
}): Promise<RedisServer>;
