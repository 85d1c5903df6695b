import type { Logger } from '@bw/messaging';
import type { SendRecord, SendStatus, StatusCounts } from './types';

/** Fields a transition may set. */
export type RecordPatch = Partial<Omit<SendRecord, 'key' | 'status'>>;

/** What became of one turn of a job. */
export type JobVerdict =
  /** Nothing more to do for this key. */
  | { kind: 'done' }
  /** Run it again at `at` (epoch ms): scheduled, outside the send window, an outcome to settle. */
  | { kind: 'later'; at: number }
  /** The API refused the number's rate: pause the number for every worker until `until`. */
  | { kind: 'number-limited'; until: number };

/** One job: a key and the number it goes out from. */
export interface JobRef {
  /** The recipient's key. */
  key: string;
  /** The number it goes out from. */
  sender: string;
}

/**
 * The campaign's shared state: one record per key, counts per status, the suppression list and
 * the sticky-sender map. Every operation is atomic in the store.
 */
export interface CampaignStore {
  /** Adds a new record; false (and nothing changed) when the key is already known. */
  add(record: SendRecord): Promise<boolean>;
  /** The record of `key`, when known. */
  get(key: string): Promise<SendRecord | undefined>;
  /**
   * Moves `key` to `status` and sets `patch`, only when its status is one of `from` and, when
   * `attempts` is given, its attempt count is that number. Returns whether it happened.
   */
  transition(
    key: string,
    from: readonly SendStatus[],
    status: SendStatus,
    patch: RecordPatch,
    attempts?: number,
  ): Promise<boolean>;
  /** Records a receipt for a known key (counted once per key). */
  recordDelivery(
    key: string,
    delivery: 'delivered' | 'not-delivered',
    code: number | undefined,
    description: string | undefined,
  ): Promise<boolean>;
  /** Keys per status, and receipts. */
  counts(): Promise<StatusCounts>;
  /** Keys known. */
  total(): Promise<number>;
  /** Every record (order unspecified). */
  records(): AsyncIterable<SendRecord>;
  /** Adds a number to the suppression list. */
  suppress(number: string): Promise<void>;
  /** Removes a number from the suppression list. */
  unsuppress(number: string): Promise<void>;
  /** Whether a number is on the suppression list. */
  isSuppressed(number: string): Promise<boolean>;
  /**
   * The number `to` hears from: the one it heard from before when `sticky` and still in the pool,
   * else the pool member with the fewest recipients so far (remembered when `sticky`).
   */
  assignSender(to: string, senders: readonly string[], sticky: boolean): Promise<string>;
}

/** How fast sends may go, as the queue applies it. */
export interface Pacing {
  /** Least time between two sends from one number, ms; undefined = unpaced. */
  numberIntervalMs: number | undefined;
  /** Least time between two sends of the account, ms; undefined = unpaced. */
  accountIntervalMs: number | undefined;
  /**
   * For stores that count in slots rather than spacing sends (Redis): the account's slot, ms,
   * such that no window of the limit ever holds more sends than allowed.
   */
  accountSlotMs: number | undefined;
}

/** What a queue gets when a sender opens it. */
export interface QueueSettings {
  senders: readonly string[];
  pacing: Pacing;
  /** Jobs in flight per sending number and process. */
  concurrency: number;
  logger: Logger | undefined;
}

/** A queue opened by a sender: its store, jobs, workers and account pacing. */
export interface QueueBackend {
  /** The campaign's name. */
  readonly name: string;
  /** The campaign's records. */
  readonly store: CampaignStore;
  /** Queues jobs (a job whose key is already queued is not queued twice). */
  enqueue(jobs: ReadonlyArray<JobRef & { at?: number }>): Promise<void>;
  /** Starts working the queue in this process. */
  work(processor: (job: JobRef) => Promise<JobVerdict>): Promise<void>;
  /**
   * Waits for the number's turn to send, right before the request (queues that pace numbers
   * when they hand out jobs resolve at once).
   */
  numberTurn(sender: string): Promise<void>;
  /** Waits for the account's turn to send (shared by every worker). */
  accountTurn(): Promise<void>;
  /** Holds the account's sends, for every worker, until `until` (epoch ms). */
  pauseAccount(until: number): Promise<void>;
  /** Stops working and lets go of connections. */
  close(): Promise<void>;
}

/**
 * Where a campaign's jobs and records live: {@link memoryQueue} (one process, the default) or
 * `bullmqQueue` from `@bw/bulk/bullmq` (BullMQ on Redis, any number of workers).
 */
export interface BulkQueue {
  /** `memory` or `bullmq`. */
  readonly kind: string;
  /** The campaign's name (records, jobs and Redis keys are under it). */
  readonly name: string;
  /** Opens the queue for a sender; called once by `createBulkSender`. */
  open(settings: QueueSettings): QueueBackend;
}

/** Counts with every status at 0. */
export function emptyCounts(): StatusCounts {
  return {
    queued: 0,
    sending: 0,
    sent: 0,
    failed: 0,
    unknown: 0,
    'opted-out': 0,
    delivered: 0,
    notDelivered: 0,
  };
}

/** Waits `ms` (at least 0). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
