/**
 * @packageDocumentation
 * The BullMQ queue of `@bw/bulk`: one campaign shared by any number of worker processes on any
 * number of machines, through Redis. Loads `bullmq` and `ioredis`.
 */

import { ValidationError } from '@bw/messaging';
import { type ConnectionOptions, DelayedError, type Job, Queue, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import type { RateLimiterRedis } from 'rate-limiter-flexible';
import RateLimiterRedisClass from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import {
  type BulkQueue,
  type JobRef,
  type JobVerdict,
  type QueueBackend,
  type QueueSettings,
  sleep,
} from './backend';
import { RedisStore } from './redis-store';

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
 * Open-source BullMQ rate-limits whole queues, so the campaign has **one BullMQ queue per sending
 * number**: the queue's limiter (`{ max: 1, duration }`, kept in Redis) spaces that number's sends
 * for all workers together, and a 403 `message-rate-limit-per-tn` pauses that queue
 * (`worker.rateLimit`) for everyone until the API's reset. The account's pace is kept by
 * `rate-limiter-flexible` in the same Redis.
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
  readonly #queues = new Map<string, Queue>();
  readonly #workers: Worker[] = [];
  readonly #account: RateLimiterRedis | undefined;
  readonly #accountSlotMs: number | undefined;
  #closed = false;

  constructor(options: BullmqQueueOptions, settings: QueueSettings) {
    this.name = options.name;
    this.#options = options;
    this.#settings = settings;
    this.#connection = redisOptions(options.connection);
    this.#prefix = options.prefix ?? 'bwbulk';
    this.#redis = new Redis(this.#connection);
    this.#redis.on('error', (error) => this.#warn('bulk: Redis connection error', error));
    this.store = new RedisStore(this.#redis, {
      campaign: `${this.#prefix}:${options.name}`,
      account: this.#prefix,
    });
    this.#accountSlotMs = settings.pacing.accountSlotMs;
    this.#account =
      this.#accountSlotMs === undefined
        ? undefined
        : new RateLimiterRedisClass({
            storeClient: this.#redis,
            keyPrefix: `${this.#prefix}:account`,
            points: 1,
            duration: Math.max(2, Math.ceil(this.#accountSlotMs / 1000) + 1),
          });
  }

  /** The same options as BullMQ types them (its own declaration of ioredis's options). */
  get #bullmqConnection(): ConnectionOptions {
    return this.#connection as ConnectionOptions;
  }

  #warn(message: string, error: unknown): void {
    if (!this.#closed) this.#settings.logger?.warn(message, { error: String(error) });
  }

  #queueName(sender: string): string {
    return `${this.name}.${sender.replace(/\D/g, '')}`;
  }

  #queue(sender: string): Queue {
    let queue = this.#queues.get(sender);
    if (!queue) {
      queue = new Queue(this.#queueName(sender), {
        connection: this.#bullmqConnection,
        prefix: this.#prefix,
      });
      queue.on('error', (error) => this.#warn('bulk: queue error', error));
      this.#queues.set(sender, queue);
    }
    return queue;
  }

  async enqueue(jobs: ReadonlyArray<JobRef & { at?: number }>): Promise<void> {
    const bySender = new Map<string, Array<JobRef & { at?: number }>>();
    for (const job of jobs) bySender.set(job.sender, [...(bySender.get(job.sender) ?? []), job]);
    const now = Date.now();
    for (const [sender, group] of bySender) {
      await this.#queue(sender).addBulk(
        group.map((job) => ({
          name: 'send',
          data: { key: job.key },
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
  }

  async work(processor: (job: JobRef) => Promise<JobVerdict>): Promise<void> {
    const interval = this.#settings.pacing.numberIntervalMs;
    for (const sender of this.#settings.senders) {
      const worker: Worker = new Worker(
        this.#queueName(sender),
        async (job: Job, token?: string) => {
          const verdict = await processor({ key: String(job.data.key), sender });
          if (verdict.kind === 'done') return;
          if (verdict.kind === 'later') {
            await job.moveToDelayed(Math.max(verdict.at, Date.now()), token);
            throw new DelayedError();
          }
          await worker.rateLimit(Math.max(1, verdict.until - Date.now()));
          throw Worker.RateLimitError();
        },
        {
          connection: this.#bullmqConnection,
          prefix: this.#prefix,
          concurrency: this.#settings.concurrency,
          ...(interval === undefined ? {} : { limiter: { max: 1, duration: Math.ceil(interval) } }),
          lockDuration: this.#options.lockDurationMs ?? 30_000,
          stalledInterval: Math.max(1000, Math.floor((this.#options.lockDurationMs ?? 30_000) / 2)),
          // A job whose worker died is handed over, however often: its record decides.
          maxStalledCount: 1_000_000,
        },
      );
      worker.on('error', (error) => this.#warn('bulk: worker error', error));
      this.#queue(sender);
      this.#workers.push(worker);
    }
  }

  async numberTurn(): Promise<void> {
    // The number's BullMQ limiter handed out this job at its turn.
  }

  async accountTurn(): Promise<void> {
    const account = this.#account;
    const slotMs = this.#accountSlotMs;
    if (!account || slotMs === undefined) return;
    while (!this.#closed) {
      const pause = await account.get('pause');
      if (pause && pause.consumedPoints > 1) {
        await sleep(pause.msBeforeNext);
        continue;
      }
      // One send per slot of the account, across every worker: a slot key is consumed once.
      const now = Date.now();
      const slot = Math.floor(now / slotMs);
      try {
        await account.consume(`slot:${slot}`, 1);
        return;
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        const next = (slot + 1) * slotMs - now;
        // Waiters spread over the next slot instead of all asking at its first millisecond.
        await sleep(next + Math.random() * slotMs);
      }
    }
  }

  async pauseAccount(until: number): Promise<void> {
    await this.#account?.block('pause', Math.max(1, Math.ceil((until - Date.now()) / 1000)));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled(this.#workers.map((worker) => worker.close()));
    await Promise.allSettled([...this.#queues.values()].map((queue) => queue.close()));
    this.#redis.disconnect();
  }
}
