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

/** What to do to get `redis-server`, given the PATH, the user and which files are executables. */
export type RedisServerPlan =
  | { action: 'use'; binary: string }
  /** Install Debian's `package` (test-support/apt.mjs), then use `binary` (where it puts it). */
  | { action: 'install'; package: string; binary: string }
  | { action: 'fail'; message: string };

/** What the plan depends on: the PATH, the user, and which files are executables. */
export interface RedisServerHost {
  path: string | undefined;
  uid: number | undefined;
  isExecutable(file: string): boolean;
}

/**
 * `redis-server` on PATH is used; without it, root on a machine with apt installs Debian's
 * package; anyone else is told at once the one command to run.
 */
export function planRedisServer(host: RedisServerHost): RedisServerPlan;

/** The `redis-server` binary, installed first when the plan says so; throws the plan's message. */
export function redisServerBinary(): string;
