import { type Logger, type SendMessageOptions, ValidationError } from '@bw/messaging';
import { type CallbackHandler, createMessagingCallbackHandler } from '@bw/messaging/callbacks';
import type { BulkQueue, JobRef, NewRecord, QueueBackend } from './backend';
import { sleep } from './backend';
import type { BulkMessagingClient } from './client';
import { memoryQueue } from './memory';
import { keywordOf } from './opt-out';
import { pacingOf } from './pacing';
import { type JobContext, keyOfTag, runJob } from './send-job';
import { compileWindow } from './send-window';
import {
  type CampaignReport,
  type EnqueueResult,
  FINAL_STATUSES,
  type Progress,
  type Recipient,
  type SendLimits,
  type SendRecord,
  type SendWindow,
} from './types';

/** Options of {@link createBulkSender}. */
export interface BulkSenderOptions {
  /** A messaging client (`new MessagingClient(…)`); requests go out through it. */
  client: BulkMessagingClient;
  /** The pool of owned numbers (E.164) messages go out from. */
  senders: readonly string[];
  /** Where jobs and records live. Default: a new {@link memoryQueue}. */
  queue?: BulkQueue;
  /** Pacing. Default: the documented limits, 10 per 10 s per number and per account. */
  limits?: SendLimits;
  /**
   * Part of each limit's window kept free, ms, for timers that fire a little early and for the
   * API's own clock. The time a request takes to be counted by the API is not part of it: the
   * pace measures each window from the answer of the send it follows. Default 100: at 1
   * message/s per number the pace is 10 per 10.1 s.
   */
  limitMarginMs?: number;
  /** One recipient always hears from the same number (while it is in the pool). Default true. */
  stickySender?: boolean;
  /** Requests in flight per sending number in this process. Default 2. */
  concurrency?: number;
  /** Where the API sends message events (receipts): the URL of {@link BulkSender.callbackHandler}. */
  callbackUrl?: string;
  /** Receipts to ask for when `callbackUrl` is set. Default `all`. */
  receiptRequested?: SendMessageOptions['receiptRequested'];
  /** Nothing is sent outside this daily window (quiet hours). */
  sendWindow?: SendWindow;
  /**
   * Timeout of one send, ms; also how long the pace counts a send nobody answered (its worker
   * died) as possibly still reaching the API. Default 10 000.
   */
  requestTimeoutMs?: number;
  /**
   * How long a send whose outcome is unknown is left before the API is asked about it, ms.
   * Must be longer than `requestTimeoutMs`. Default `requestTimeoutMs` + 2000.
   */
  settleMs?: number;
  /** Structured logs (`console` fits; core's logger shape). */
  logger?: Logger;
  /** How often `progress` events are emitted while a campaign runs, ms. Default 500. */
  progressIntervalMs?: number;
}

/** Listener of progress events. */
export type ProgressListener = (progress: Progress) => void;

/** Options of {@link BulkSender.drained}. */
export interface DrainOptions {
  /** Reject when the campaign is not done within this many ms. */
  timeoutMs?: number;
  /** Stop waiting. */
  signal?: AbortSignal;
}

/** A campaign: enqueue recipients, work the queue, follow progress, report. */
export interface BulkSender {
  /** The campaign's name (the queue's). */
  readonly name: string;
  /**
   * Queues recipients from an array, an iterable or an async iterable (see
   * {@link recipientsFromCsv}). A key already known is skipped, so enqueueing a list twice sends
   * each key once. Rejects with `ValidationError` on a bad recipient before queueing its batch.
   */
  enqueue(recipients: Iterable<Recipient> | AsyncIterable<Recipient>): Promise<EnqueueResult>;
  /** Starts sending from this process (any number of processes may work a BullMQ campaign). */
  start(): Promise<void>;
  /** Resolves with the report once every key is final. */
  drained(options?: DrainOptions): Promise<CampaignReport>;
  /** Counts, rate and ETA now. */
  progress(): Promise<Progress>;
  /** Counts and every key that did not end `sent`. */
  report(): Promise<CampaignReport>;
  /** The record of one key. */
  get(key: string): Promise<SendRecord | undefined>;
  /** Calls `listener` with progress every `progressIntervalMs`; returns the unsubscribe. */
  onProgress(listener: ProgressListener): () => void;
  /** Puts a number on the suppression list (as an inbound STOP does). */
  optOut(number: string): Promise<void>;
  /** Takes a number off the suppression list (as an inbound START does). */
  optIn(number: string): Promise<void>;
  /**
   * The message callback handler (Fetch `(Request) => Promise<Response>`, with `.node` for
   * `node:http`/Express): records receipts per key and STOP/START keywords from inbound messages.
   * Point `callbackUrl` and the application's `incomingMessageUrl` at it.
   */
  readonly callbackHandler: CallbackHandler;
  /** Stops working and closes the queue's connections. */
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const ENQUEUE_BATCH = 500;
const RATE_SAMPLE_MS = 5000;

/**
 * Creates a campaign sender over a queue: in memory by default, or `bullmqQueue(…)` from
 * `@bw/bulk/bullmq` to share one campaign among many worker processes.
 *
 * @example
 * ```ts
 * const bulk = createBulkSender({ client: messaging, senders: ['+19195551212', '+19195551213'] });
 * await bulk.enqueue([{ key: 'r-1', to: '+14045550100', text: 'Your appointment is at 10:00' }]);
 * await bulk.start();
 * const report = await bulk.drained();
 * ```
 */
export function createBulkSender(options: BulkSenderOptions): BulkSender {
  const senders = [...(options.senders ?? [])];
  if (senders.length === 0) throw new ValidationError('senders must list at least one number');
  for (const sender of senders) {
    if (typeof sender !== 'string' || !E164.test(sender)) {
      throw new ValidationError(`senders: ${JSON.stringify(sender)} is not an E.164 number`);
    }
  }
  if (!options.client || typeof options.client.sendMessage !== 'function') {
    throw new ValidationError('client must be a messaging client (sendMessage, listMessages)');
  }
  const queue = options.queue ?? memoryQueue();
  const logger = options.logger;
  const marginMs = options.limitMarginMs ?? 100;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const settleMs = options.settleMs ?? requestTimeoutMs + 2000;
  if (!(settleMs > requestTimeoutMs)) {
    // Otherwise a worker could ask the API about a request another worker still has in flight,
    // miss it, and send it again.
    throw new ValidationError(
      `settleMs (${settleMs}) must be longer than requestTimeoutMs (${requestTimeoutMs})`,
    );
  }
  const pacing = pacingOf(options.limits, marginMs, requestTimeoutMs);
  const window = options.sendWindow ? compileWindow(options.sendWindow) : undefined;
  const sticky = options.stickySender ?? true;
  const backend: QueueBackend = queue.open({
    senders,
    pacing,
    concurrency: Math.max(1, options.concurrency ?? 2),
    logger,
  });
  const { store } = backend;
  const context: JobContext = {
    name: queue.name,
    client: options.client,
    backend,
    store,
    window,
    callbackUrl: options.callbackUrl,
    receiptRequested: options.receiptRequested ?? 'all',
    requestTimeoutMs,
    settleMs,
    defaultPauseMs: (pacing.perNumber?.intervalMs ?? 1000) * 10,
    logger,
  };

  const samples: Array<{ at: number; done: number }> = [];
  const listeners = new Set<ProgressListener>();
  let ticker: NodeJS.Timeout | undefined;
  let started = false;

  async function progress(): Promise<Progress> {
    const [counts, total] = await Promise.all([store.counts(), store.total()]);
    const done = FINAL_STATUSES.reduce((sum, status) => sum + counts[status], 0);
    const now = Date.now();
    samples.push({ at: now, done });
    while (samples.length > 2 && (samples[0] as { at: number }).at < now - RATE_SAMPLE_MS)
      samples.shift();
    const first = samples[0] as { at: number; done: number };
    const seconds = (now - first.at) / 1000;
    const rate = seconds > 0 ? (done - first.done) / seconds : 0;
    const remaining = total - done;
    const etaMs =
      remaining === 0 ? 0 : rate > 0 ? Math.round((remaining / rate) * 1000) : undefined;
    return { total, counts, done, rate: Math.round(rate * 10) / 10, etaMs };
  }

  async function report(): Promise<CampaignReport> {
    const current = await progress();
    const problems: SendRecord[] = [];
    for await (const record of store.records()) if (record.status !== 'sent') problems.push(record);
    problems.sort((a, b) => a.key.localeCompare(b.key));
    return { name: queue.name, ...current, problems, at: Date.now() };
  }

  function tick(): void {
    if (ticker || listeners.size === 0) return;
    ticker = setInterval(() => {
      void progress().then(
        (current) => {
          for (const listener of listeners) listener(current);
        },
        () => {},
      );
    }, options.progressIntervalMs ?? 500);
    ticker.unref?.();
  }

  const callbackHandler = createMessagingCallbackHandler({
    logger,
    onEvent: async (event) => {
      if (event.direction === 'in') {
        const keyword = keywordOf(event.text);
        if (keyword && event.from) {
          if (keyword === 'opt-out') await store.suppress(event.from);
          else await store.unsuppress(event.from);
          logger?.info(`bulk: ${keyword} received`, { keyword });
        }
        return;
      }
      const key = keyOfTag(queue.name, event.tag);
      if (key === undefined) return;
      // A callback may come before the worker has recorded the answer: it proves the send.
      if (event.messageId && (event.state === 'sent' || event.deliveryState)) {
        await store.transition(key, ['sending', 'queued'], 'sent', { messageId: event.messageId });
      }
      const delivery = event.deliveryState;
      if (delivery === 'delivered' || delivery === 'not-delivered') {
        await store.recordDelivery(
          key,
          delivery as 'delivered' | 'not-delivered',
          event.deliveryCode === undefined ? undefined : Number(event.deliveryCode),
          event.deliveryDescription,
        );
      }
    },
  });

  return {
    name: queue.name,
    callbackHandler,

    async enqueue(recipients) {
      const result: EnqueueResult = { added: 0, skipped: 0 };
      let batch: Recipient[] = [];
      const flush = async () => {
        const checked = batch.map(checkRecipient);
        batch = [];
        const now = Date.now();
        const outcomes = await store.addMany(
          checked.map((recipient) => {
            const record: NewRecord = {
              key: recipient.key,
              to: recipient.to,
              text: recipient.text,
              status: 'queued',
              attempts: 0,
              updatedAt: now,
            };
            if (recipient.media?.length) record.media = recipient.media;
            if (recipient.sendAt !== undefined) record.sendAt = recipient.sendAt;
            return record;
          }),
          senders,
          sticky,
        );
        const jobs: Array<JobRef & { at?: number }> = [];
        outcomes.forEach((outcome, index) => {
          const { key } = checked[index] as Recipient;
          if (outcome.added) result.added += 1;
          else result.skipped += 1;
          // A known key that is not final is queued again, in case its job was lost before it
          // was queued (the queue does not hold a key twice).
          if (outcome.added || !FINAL_STATUSES.includes(outcome.status)) {
            jobs.push({ key, sender: outcome.sender, at: outcome.sendAt });
          }
        });
        await backend.enqueue(jobs);
      };
      for await (const recipient of recipients as AsyncIterable<Recipient>) {
        batch.push(recipient);
        if (batch.length >= ENQUEUE_BATCH) await flush();
      }
      await flush();
      logger?.info('bulk: enqueued', { campaign: queue.name, ...result });
      return result;
    },

    async start() {
      if (started) return;
      started = true;
      // The SDK's HTTP client loads now, before the first sends rather than among them.
      await options.client.ready?.();
      await backend.work((job) => runJob(context, job));
      logger?.info('bulk: worker started', { campaign: queue.name, senders: senders.length });
    },

    async drained(drainOptions = {}) {
      const deadline =
        drainOptions.timeoutMs === undefined
          ? Number.POSITIVE_INFINITY
          : Date.now() + drainOptions.timeoutMs;
      for (;;) {
        drainOptions.signal?.throwIfAborted();
        const current = await progress();
        if (current.done >= current.total) {
          const final = await report();
          logger?.info('bulk: campaign done', { campaign: queue.name, ...final.counts });
          return final;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `campaign ${queue.name} not done after ${drainOptions.timeoutMs} ms: ${current.done}/${current.total} final`,
          );
        }
        await sleep(100);
      }
    },

    progress,
    report,
    get: (key) => store.get(key),

    onProgress(listener) {
      listeners.add(listener);
      tick();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && ticker) {
          clearInterval(ticker);
          ticker = undefined;
        }
      };
    },

    optOut: (number) => store.suppress(number),
    optIn: (number) => store.unsuppress(number),

    async close() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      listeners.clear();
      await backend.close();
    },
  };
}

/** A checked copy of a recipient; `ValidationError` names what is wrong. */
function checkRecipient(recipient: Recipient): Recipient & { sendAt?: number } {
  const where = `recipient ${JSON.stringify(recipient?.key)}`;
  if (!recipient || typeof recipient !== 'object')
    throw new ValidationError('a recipient must be an object');
  if (typeof recipient.key !== 'string' || recipient.key === '') {
    throw new ValidationError(`${where}: key must be a non-empty string`);
  }
  if (typeof recipient.to !== 'string' || !E164.test(recipient.to)) {
    throw new ValidationError(
      `${where}: to must be an E.164 number, got ${JSON.stringify(recipient.to)}`,
    );
  }
  if (
    typeof recipient.text !== 'string' ||
    recipient.text.trim() === '' ||
    recipient.text.length > 2048
  ) {
    throw new ValidationError(`${where}: text must be 1 to 2048 characters`);
  }
  const checked: Recipient & { sendAt?: number } = {
    key: recipient.key,
    to: recipient.to,
    text: recipient.text,
  };
  if (recipient.media !== undefined) {
    if (!Array.isArray(recipient.media) || recipient.media.some((url) => typeof url !== 'string')) {
      throw new ValidationError(`${where}: media must be a list of URLs`);
    }
    checked.media = [...recipient.media];
  }
  if (recipient.sendAt !== undefined) {
    const time =
      recipient.sendAt instanceof Date
        ? recipient.sendAt.getTime()
        : typeof recipient.sendAt === 'number'
          ? recipient.sendAt
          : Date.parse(recipient.sendAt);
    if (!Number.isFinite(time)) throw new ValidationError(`${where}: sendAt is not a time`);
    checked.sendAt = time;
  }
  return checked;
}
