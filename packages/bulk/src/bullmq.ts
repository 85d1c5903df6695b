/**
 * @packageDocumentation
 * The BullMQ queue of `@bw/bulk`: one campaign shared by any number of worker processes on any
 * number of machines, through Redis. Loads `bullmq` and `ioredis`.
 */

import { ValidationError } from '@bw/messaging';
import { type ConnectionOptions, DelayedError, type Job, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import {
  type BulkQueue,
  type JobRef,
  type JobVerdict,
  type QueueBackend,
  type QueueSettings,
  sleep,
} from './backend';
import { LuaScript, RedisStore } from './redis-store';

/** Options of {@link bullmqQueue}. */
export interface BullmqQueueOptions {
  /** Redis: a `redis://…` URL or ioredis options (`{ host, port, password, … }`). */
  connection: string | RedisOptions;
  /** The campaign's name: letters, digits, `.`, `_` and `-`. Every worker of a campaign uses it. */
  name: string;
  /** Prefix of every Redis key (BullMQ's and the store's). Default `bwbulk`. */
  prefix?: string;
  /**
   * How long a worker's hold on a job lasts without renewal, ms (BullMQ's `lockDuration`): a
   * worker that died gives its jobs back after about this long. Default 30 000.
   */
  lockDurationMs?: number;
}

const NAME = /^[\w.-]+$/;

/**
 * A campaign on BullMQ and Redis. Every process that calls `createBulkSender({ queue:
 * bullmqQueue({ connection, name }) })` with the same name shares the campaign: its records,
 * the suppression list, sticky senders and the pacing of every number and of the account.
 *
 * A campaign is one BullMQ queue; each process works it with one BullMQ worker (jobs handed out
 * by a blocking fetch, not by polling). Open-source BullMQ rate-limits whole queues only, so the
 * pace of each number and of the account is kept beside the queue, in Redis: before its request
 * a job takes the next free time of its number and of the account in one atomic script (on
 * Redis's clock) and waits for it. A 403 `message-rate-limit-per-tn` pushes the number's next
 * free time to the API's reset, for every worker.
 *
 * @example
 * ```ts
 * import { bullmqQueue } from '@bw/bulk/bullmq';
 * const queue = bullmqQueue({ connection: 'redis://127.0.0.1:6379', name: 'reminders' });
 * const bulk = createBulkSender({ client, senders, queue });
 * ```
 */
export function bullmqQueue(options: BullmqQueueOptions): BulkQueue {
  if (!options || typeof options.name !== 'string' || !NAME.test(options.name)) {
    throw new ValidationError('bullmqQueue: name must be letters, digits, ".", "_" or "-"');
  }
  if (options.connection === undefined || options.connection === null) {
    throw new ValidationError(
      'bullmqQueue: connection (a redis:// URL or ioredis options) is required',
    );
  }
  return {
    kind: 'bullmq',
    name: options.name,
    open: (settings) => new BullmqBackend(options, settings),
  };
}

// The next free time of a number and of the account (Redis's clock, ms): a send takes the later
// of the two (or now) and moves each on by its interval. Too far off: nothing is taken.
const TAKE_TURN = `
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local at = now
for i = 1, 2 do
  if ARGV[i] ~= '' then at = math.max(at, tonumber(redis.call('GET', KEYS[i]) or '0')) end
end
if at - now > tonumber(ARGV[3]) then return { 0, math.ceil(at - now) } end
for i = 1, 2 do
  if ARGV[i] ~= '' then
    local interval = tonumber(ARGV[i])
    redis.call('SET', KEYS[i], string.format('%.3f', at + interval), 'PX', math.ceil(at - now + interval) + 60000)
  end
end
return { 1, math.ceil(at - now) }`;

// Nothing from this key (a number or the account) for `ARGV[1]` ms: the API said so.
const PAUSE = `
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local until = now + tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < until then
  redis.call('SET', KEYS[1], string.format('%.3f', until), 'PX', math.ceil(until - now) + 60000)
end
return 1`;

const takeTurn = new LuaScript(TAKE_TURN);
const pause = new LuaScript(PAUSE);

/** ioredis options from a URL or options; BullMQ's workers need `maxRetriesPerRequest: null`. */
function redisOptions(connection: string | RedisOptions): RedisOptions {
  if (typeof connection !== 'string') return { ...connection, maxRetriesPerRequest: null };
  const url = new URL(connection);
  const parsed: RedisOptions = {
    host: url.hostname,
    port: Number(url.port || 6379),
    maxRetriesPerRequest: null,
  };
  if (url.username) parsed.username = decodeURIComponent(url.username);
  if (url.password) parsed.password = decodeURIComponent(url.password);
  const db = url.pathname.slice(1);
  if (db) parsed.db = Number(db);
  if (url.protocol === 'rediss:') parsed.tls = {};
  return parsed;
}

/** A job id BullMQ accepts for any key (no `:`, never an integer). */
function jobIdOf(key: string): string {
  return `k${Buffer.from(key).toString('base64url')}`;
}

class BullmqBackend implements QueueBackend {
  readonly name: string;
  readonly store: RedisStore;
  readonly #options: BullmqQueueOptions;
  readonly #settings: QueueSettings;
  readonly #connection: RedisOptions;
  readonly #prefix: string;
  readonly #redis: Redis;
  readonly #queue: Queue;
  #worker: Worker | undefined;
  #closed = false;

  constructor(options: BullmqQueueOptions, settings: QueueSettings) {
    this.name = options.name;
    this.#options = options;
    this.#settings = settings;
    this.#connection = redisOptions(options.connection);
    this.#prefix = options.prefix ?? 'bwbulk';
    // Jobs run side by side: commands issued in the same tick go out in one write.
    this.#redis = new Redis({ ...this.#connection, enableAutoPipelining: true });
    this.#redis.on('error', (error) => this.#warn('bulk: Redis connection error', error));
    this.store = new RedisStore(
      this.#redis,
      { campaign: `${this.#prefix}:${options.name}`, account: this.#prefix },
      this.#lockDurationMs,
    );
    this.#queue = new Queue(this.name, { connection: this.#redis, prefix: this.#prefix });
    this.#queue.on('error', (error) => this.#warn('bulk: queue error', error));
  }

  get #lockDurationMs(): number {
    return this.#options.lockDurationMs ?? 30_000;
  }

  #warn(message: string, error: unknown): void {
    if (!this.#closed) this.#settings.logger?.warn(message, { error: String(error) });
  }

  /** The key of a number's (or the account's) next free time; shared by every campaign. */
  #paceKey(sender: string | undefined): string {
    return `${this.#prefix}:pace:${sender === undefined ? 'account' : sender.replace(/\D/g, '')}`;
  }

  async enqueue(jobs: ReadonlyArray<JobRef & { at?: number }>): Promise<void> {
    if (jobs.length === 0) return;
    const now = Date.now();
    await this.#queue.addBulk(
      jobs.map((job) => ({
        name: 'send',
        data: { key: job.key, sender: job.sender },
        opts: {
          jobId: jobIdOf(job.key),
          delay: Math.max(0, (job.at ?? now) - now),
          // A turn that throws (Redis gone mid-turn …) runs again; the record says what is left.
          attempts: 1_000_000,
          backoff: { type: 'fixed', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: 1000,
        },
      })),
    );
  }

  async work(processor: (job: JobRef) => Promise<JobVerdict>): Promise<void> {
    const { senders, concurrency } = this.#settings;
    const worker: Worker = new Worker(
      this.name,
      async (job: Job, token?: string) => {
        const verdict = await processor({
          key: String(job.data.key),
          sender: String(job.data.sender),
        });
        if (verdict.kind === 'done') return;
        let at: number;
        if (verdict.kind === 'number-limited') {
          await pause.run(
            this.#redis,
            [this.#paceKey(String(job.data.sender))],
            [Math.max(1, verdict.until - Date.now())],
          );
          at = verdict.until;
        } else {
          at = verdict.at;
        }
        await job.moveToDelayed(Math.max(at, Date.now()), token);
        throw new DelayedError();
      },
      {
        connection: this.#connection as ConnectionOptions,
        prefix: this.#prefix,
        // Every number busy at once: the pace, not the worker, decides when a job sends.
        concurrency: senders.length * concurrency,
        lockDuration: this.#lockDurationMs,
        stalledInterval: Math.max(1000, Math.floor(this.#lockDurationMs / 2)),
        // A job whose worker died is handed over, however often: its record decides.
        maxStalledCount: 1_000_000,
      },
    );
    worker.on('error', (error) => this.#warn('bulk: worker error', error));
    this.#worker = worker;
  }

  async turn(sender: string): Promise<number | undefined> {
    const { numberIntervalMs, accountIntervalMs } = this.#settings.pacing;
    if (numberIntervalMs === undefined && accountIntervalMs === undefined) return undefined;
    // Hold a job for a turn up to several intervals ahead (every job in flight of a number
    // holds one, with no churn); later than that, give it back to the queue.
    const horizonMs = Math.max(5000, 8 * Math.max(numberIntervalMs ?? 0, accountIntervalMs ?? 0));
    // A turn taken too late (this process starved of CPU) could crowd the next one at the API:
    // it is let go and a new one taken.
    const lateMs = this.#settings.marginMs / 2;
    while (!this.#closed) {
      const [taken, waitMs] = (await takeTurn.run(
        this.#redis,
        [this.#paceKey(sender), this.#paceKey(undefined)],
        [numberIntervalMs ?? '', accountIntervalMs ?? '', horizonMs],
      )) as [number, number];
      const now = Date.now();
      if (taken !== 1) return now + waitMs - horizonMs / 2 + Math.random() * (horizonMs / 4);
      await sleep(waitMs);
      if (Date.now() - (now + waitMs) <= lateMs) return undefined;
    }
    // Closing: no turn was taken, so no send; the job goes back to the queue.
    return Date.now();
  }

  async pauseAccount(until: number): Promise<void> {
    await pause.run(this.#redis, [this.#paceKey(undefined)], [Math.max(1, until - Date.now())]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.close();
    await this.#queue.close();
    this.#redis.disconnect();
  }
}
