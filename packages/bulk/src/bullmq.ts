/**
 * @packageDocumentation
 * The BullMQ queue of `@bw/bulk`: one campaign shared by any number of worker processes on any
 * number of machines, through Redis. Loads `bullmq` and `ioredis`.
 */

import { randomUUID } from 'node:crypto';
import { ValidationError } from '@bw/messaging';
import { type ConnectionOptions, DelayedError, type Job, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import {
  type BulkQueue,
  type JobRef,
  type JobVerdict,
  type PaceLimit,
  type QueueBackend,
  type QueueSettings,
  type SendTurn,
  sleep,
  UNPACED_TURN,
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
 * a job takes the turn of its number and of the account in one atomic script (on Redis's clock)
 * and waits for it, and the answer's arrival is recorded, so that no send reaches the API within
 * one window of the send `limit` before it (see the README's "Pacing"). A 403
 * `message-rate-limit-per-tn` pushes the number's next free time to the API's reset, for every
 * worker.
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

// A turn for a number and the account, on Redis's clock (ms). KEYS: the next free time of each,
// then the log of each (a sorted set: a send → an upper bound of the time the API counted it).
// ARGV: interval, limit and window of each ('' when not paced), then the margin, the horizon,
// the longest a send is in flight, and the new send's name. A turn is at the next free time or
// later, and no earlier than window + margin after the bound of the `limit`-th latest send.
// When that send is still in flight (its bound is in the future, and its answer will lower it)
// nothing is taken and a guess is given of when to look again; so it is when the turn is further
// off than the horizon. Else the turn is taken: each next free time moves on by its interval
// (from itself, not from a turn the log held back, so one slow answer does not hold back every
// later send), the send is logged at turn + in flight, and the log keeps only what can still
// decide a turn.
const TAKE_TURN = `
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local margin, horizon, inflight = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local at, pending = now, false
for i = 1, 2 do
  if ARGV[3 * i - 2] ~= '' then
    local limit, window = tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
    at = math.max(at, tonumber(redis.call('GET', KEYS[i]) or '0'))
    local decisive = redis.call('ZREVRANGE', KEYS[i + 2], limit - 1, limit - 1, 'WITHSCORES')[2]
    if decisive then
      local bound = tonumber(decisive)
      if bound > now then
        pending = true
        bound = math.max(now, bound - inflight)
      end
      at = math.max(at, bound + window + margin)
    end
  end
end
if pending or at - now > horizon then return { 0, math.ceil(at - now) } end
for i = 1, 2 do
  if ARGV[3 * i - 2] ~= '' then
    local interval, limit, window = tonumber(ARGV[3 * i - 2]), tonumber(ARGV[3 * i - 1]), tonumber(ARGV[3 * i])
    local nextFree = math.max(now, tonumber(redis.call('GET', KEYS[i]) or '0')) + interval
    redis.call('SET', KEYS[i], string.format('%.3f', nextFree), 'PX', math.ceil(nextFree - now) + 60000)
    redis.call('ZADD', KEYS[i + 2], string.format('%.3f', at + inflight), ARGV[10])
    local decisive = redis.call('ZREVRANGE', KEYS[i + 2], limit - 1, limit - 1, 'WITHSCORES')[2]
    if decisive then
      redis.call('ZREMRANGEBYSCORE', KEYS[i + 2], '-inf', '(' .. string.format('%.3f', math.min(tonumber(decisive), now)))
    end
    redis.call('PEXPIRE', KEYS[i + 2], math.ceil(at - now + inflight + window + margin) + 60000)
  end
end
return { 1, math.ceil(at - now) }`;

// A send's answer (or a failure that ended it) arrived: the API counted it by now. Lowers its
// bound in each log (KEYS) to now; never raises it, never adds a send the log let go.
const TURN_OVER = `
local clock = redis.call('TIME')
local now = string.format('%.3f', clock[1] * 1000 + math.floor(clock[2] / 1000))
for i = 1, #KEYS do redis.call('ZADD', KEYS[i], 'XX', 'LT', now, ARGV[1]) end
return 1`;

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
const turnOver = new LuaScript(TURN_OVER);
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
  /** Turns are named `<this backend>:<count>` in the pace logs. */
  readonly #turnPrefix = randomUUID();
  #turns = 0;

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

  /** The key of a number's (or the account's) log of its last sends. */
  #logKey(sender: string | undefined): string {
    return `${this.#paceKey(sender)}:sent`;
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

  async turn(sender: string): Promise<SendTurn | number> {
    const { perNumber, perAccount, marginMs, inFlightMs } = this.#settings.pacing;
    if (!perNumber && !perAccount) return UNPACED_TURN;
    // Hold a job for a turn up to several intervals ahead (every job in flight of a number
    // holds one, with no churn); later than that, give it back to the queue.
    const horizonMs = Math.max(
      5000,
      8 * Math.max(perNumber?.intervalMs ?? 0, perAccount?.intervalMs ?? 0),
    );
    const limitArgs = (limit: PaceLimit | undefined) =>
      limit ? [limit.intervalMs, limit.limit, limit.windowMs] : ['', '', ''];
    const logKeys = [
      ...(perNumber ? [this.#logKey(sender)] : []),
      ...(perAccount ? [this.#logKey(undefined)] : []),
    ];
    while (!this.#closed) {
      this.#turns += 1;
      const name = `${this.#turnPrefix}:${this.#turns}`;
      const [taken, waitMs] = (await takeTurn.run(
        this.#redis,
        [
          this.#paceKey(sender),
          this.#paceKey(undefined),
          this.#logKey(sender),
          this.#logKey(undefined),
        ],
        [...limitArgs(perNumber), ...limitArgs(perAccount), marginMs, horizonMs, inFlightMs, name],
      )) as [number, number];
      if (taken === 1) {
        await sleep(waitMs);
        return {
          over: () =>
            turnOver.run(this.#redis, logKeys, [name]).then(
              () => {},
              // The send keeps its in-flight bound: later turns wait longer, never too little.
              (error) => this.#warn('bulk: could not record the end of a send', error),
            ),
        };
      }
      // Too far off: back to the queue, to come back within the horizon.
      if (waitMs > horizonMs) {
        return Date.now() + waitMs - horizonMs / 2 + Math.random() * (horizonMs / 4);
      }
      // A send still in flight decides the turn: look again when it has likely been answered.
      await sleep(waitMs);
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
