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

/** A new recipient as `enqueue` hands it to the store (its sender is assigned there). */
export type NewRecord = Omit<SendRecord, 'sender'>;

/** What the store did with one {@link NewRecord}. */
export interface AddOutcome {
  /** True when the key was new and is now queued. */
  added: boolean;
  /** Its sending number: the one assigned now, or the known record's. */
  sender: string;
  /** The known record's status (for a key that was already there). */
  status: SendStatus;
  /** The record's `sendAt`, when it has one. */
  sendAt?: number;
}

/** A record, and whether its recipient is on the suppression list, read in one go. */
export interface RecordView {
  /** The record. */
  record: SendRecord;
  /** Whether `record.to` is suppressed. */
  suppressed: boolean;
}

/**
 * The campaign's shared state: one record per key, counts per status, the suppression list and
 * the sticky-sender map. Every operation is atomic in the store.
 */
export interface CampaignStore {
  /**
   * Adds new records in one go, each with a sender from `senders` (the recipient's earlier
   * number when `sticky` and still in the pool, else the pool member with the fewest recipients
   * so far); a key already known is left as it is. One outcome per record, in order.
   */
  addMany(
    records: readonly NewRecord[],
    senders: readonly string[],
    sticky: boolean,
  ): Promise<AddOutcome[]>;
  /** The record of `key`, when known. */
  get(key: string): Promise<SendRecord | undefined>;
  /** The record of `key` and whether its recipient is suppressed, when the key is known. */
  view(key: string): Promise<RecordView | undefined>;
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
  /**
   * Claims the next attempt of `key` for this worker: only when it is `queued`, or `sending` with
   * its last attempt over, and has made `attempts` attempts. The record names this worker as the
   * attempt's owner until the attempt is over. Resolves with the owner's name, or undefined when
   * the attempt was not this worker's to make.
   */
  claim(key: string, attempts: number, at: number): Promise<string | undefined>;
  /** Forgets, in this worker, that it holds the attempt of `key`: its request is over. */
  release(key: string): void;
  /**
   * Ends attempt number `attempt` of `key` (this worker's, or one whose owner is gone): the
   * outcome is in doubt, so the key stays `sending` with `attemptEndedAt` set, and is reconciled
   * once the API has had `settleMs` to finish with the request.
   */
  endAttempt(key: string, attempt: number, owner: string | undefined, at: number): Promise<boolean>;
  /**
   * Whether the worker that owns an attempt is still there: true (it may still be sending),
   * false (it is gone; nothing more can come from it), or undefined (cannot tell yet).
   */
  ownerAlive(owner: string, key: string): Promise<boolean | undefined>;
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
}

/** One limit as the queue keeps it. */
export interface PaceLimit {
  /** Sends allowed per window. */
  limit: number;
  /** The window, ms. */
  windowMs: number;
  /** Least time between two sends, ms: `(windowMs + marginMs) / limit`. */
  intervalMs: number;
}

/** How fast sends may go, as the queue applies it. */
export interface Pacing {
  /** The limit of each sending number; undefined = unpaced. */
  perNumber: PaceLimit | undefined;
  /** The limit of the account; undefined = unpaced. */
  perAccount: PaceLimit | undefined;
  /** Part of each window kept free besides the time a request takes to be counted, ms. */
  marginMs: number;
  /**
   * The longest a send can be in flight (the request timeout), ms: until its answer arrives, a
   * send counts as reaching the API up to this long after its turn.
   */
  inFlightMs: number;
}

/**
 * A turn to send, taken. The request must follow, and `over()` be called once its answer (or a
 * failure that ends it) has arrived: the API has counted the request by then, and the pace
 * learns it. A request given up on (a timeout) is left at the longest it can be in flight.
 */
export interface SendTurn {
  /** The request's answer or failure has arrived. Never rejects. */
  over(): Promise<void>;
}

/** The turn of a queue that paces nothing. */
export const UNPACED_TURN: SendTurn = { over: async () => {} };

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
   * Waits for the turn of the number and of the account to send, right before the request
   * (shared by every worker). Resolves with the turn when it has come, or with a time (epoch ms)
   * to run the job again when the turn is too far off to hold the job until then.
   */
  turn(sender: string): Promise<SendTurn | number>;
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
