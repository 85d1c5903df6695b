import {
  ApiError,
  ConnectionError,
  type Logger,
  RateLimitError,
  type SendMessageOptions,
  TimeoutError,
} from '@bw/messaging';
import type { CampaignStore, JobRef, JobVerdict, QueueBackend, SendTurn } from './backend';
import type { BulkMessagingClient } from './client';
import { reconcile } from './reconcile';
import { type CompiledWindow, nextOpening } from './send-window';
import { FINAL_STATUSES, type SendRecord } from './types';

/** What one job turn needs. */
export interface JobContext {
  name: string;
  client: BulkMessagingClient;
  backend: QueueBackend;
  store: CampaignStore;
  window: CompiledWindow | undefined;
  callbackUrl: string | undefined;
  receiptRequested: SendMessageOptions['receiptRequested'];
  requestTimeoutMs: number;
  /** How long an outcome nobody knows is left to settle before the API is asked. */
  settleMs: number;
  /** Pause of a number refused without a reset time, ms. */
  defaultPauseMs: number;
  logger: Logger | undefined;
}

/** The message tag that carries a key into callbacks: `bwbulk:<campaign>:<key>`. */
export function tagOf(name: string, key: string): string {
  return `bwbulk:${name}:${key}`;
}

/** The key in a tag made by {@link tagOf} for campaign `name`, else undefined. */
export function keyOfTag(name: string, tag: string | undefined): string | undefined {
  const prefix = `bwbulk:${name}:`;
  return tag?.startsWith(prefix) ? tag.slice(prefix.length) : undefined;
}

/**
 * One turn of a key: skip what is final, wait for `sendAt` and the send window, honour the
 * suppression list, settle an earlier attempt nobody knows the outcome of (reconcile against the
 * API), then send once and record what the API said.
 */
export async function runJob(context: JobContext, job: JobRef): Promise<JobVerdict> {
  const { store, logger } = context;
  const view = await store.view(job.key);
  const record = view?.record;
  if (!record || FINAL_STATUSES.includes(record.status)) return { kind: 'done' };
  const now = Date.now();
  if (record.sendAt !== undefined && record.sendAt > now)
    return { kind: 'later', at: record.sendAt };
  if (context.window) {
    const opening = nextOpening(context.window, now);
    if (opening > now) return { kind: 'later', at: opening };
  }
  if (view.suppressed) {
    await store.transition(record.key, ['queued', 'sending'], 'opted-out', {});
    logger?.info('bulk: recipient opted out, not sent', { key: record.key });
    return { kind: 'done' };
  }
  if (record.status === 'sending') {
    const verdict = await settleEarlierAttempt(context, record, now);
    if (verdict) return verdict;
  }
  const turn = await context.backend.turn(record.sender);
  if (typeof turn === 'number') return { kind: 'later', at: turn };
  return attempt(context, record, turn);
}

/**
 * A key found `sending`: an attempt whose outcome nobody knows. It is never simply sent again.
 * While the attempt's owner is still there, its request may still be in flight (its lock on the
 * job may have lapsed while it stalled), so the key is left to it; once the attempt is over (or
 * its owner gone, which ends it: nothing more can come from a dead worker), the API is given
 * `settleMs` to finish with the request and is then asked. Undefined: send again.
 */
async function settleEarlierAttempt(
  context: JobContext,
  record: SendRecord,
  now: number,
): Promise<JobVerdict | undefined> {
  const { store, logger } = context;
  if (record.attemptEndedAt === undefined) {
    const alive = record.owner ? await store.ownerAlive(record.owner, record.key) : false;
    if (alive !== false) {
      logger?.debug('bulk: attempt still with its worker; left to it', { key: record.key });
      return { kind: 'later', at: now + context.settleMs };
    }
    await store.endAttempt(record.key, record.attempts, record.owner, now);
    logger?.info('bulk: the worker of an attempt is gone; reconciling', { key: record.key });
    return { kind: 'later', at: now + context.settleMs };
  }
  const settledAt = record.attemptEndedAt + context.settleMs;
  if (settledAt > now) return { kind: 'later', at: settledAt };
  const found = await reconcile(context, record);
  if (found.kind === 'sent') {
    await store.transition(record.key, ['sending'], 'sent', { messageId: found.messageId });
    logger?.info('bulk: reconciled as sent', { key: record.key, messageId: found.messageId });
    return { kind: 'done' };
  }
  if (found.kind === 'undecidable') {
    await store.transition(record.key, ['sending'], 'unknown', {
      errorCode: 'reconcile-failed',
      errorMessage: found.reason,
    });
    logger?.warn('bulk: outcome unknown', { key: record.key, reason: found.reason });
    return { kind: 'done' };
  }
  logger?.info('bulk: reconciled as not sent; sending again', { key: record.key });
  return undefined;
}

async function attempt(
  context: JobContext,
  record: SendRecord,
  turn: SendTurn,
): Promise<JobVerdict> {
  const { store, logger } = context;
  const started = Date.now();
  const owner = await store.claim(record.key, record.attempts, started);
  // Another worker made this attempt (the job was handed over while it held it): look again
  // once whatever it does has settled. This turn sent nothing.
  if (owner === undefined) {
    await turn.over();
    return { kind: 'later', at: started + context.settleMs };
  }
  const message: SendMessageOptions = { from: record.sender, to: record.to, text: record.text };
  if (record.media?.length) message.media = record.media;
  message.tag = tagOf(context.name, record.key);
  if (context.callbackUrl) {
    message.callbackUrl = context.callbackUrl;
    if (context.receiptRequested && !record.media?.length) {
      message.receiptRequested = context.receiptRequested;
    }
  }
  try {
    const messageId = await context.client.sendMessage(message, {
      retry: false,
      timeout: context.requestTimeoutMs,
    });
    await Promise.all([
      turn.over(),
      store.transition(record.key, ['sending'], 'sent', { messageId }),
    ]);
    logger?.debug('bulk: sent', { key: record.key, from: record.sender, messageId });
    return { kind: 'done' };
  } catch (error) {
    // An answer, or a failure that ends the request, means the API has counted it (or never
    // will); a request given up on may still reach it, so its turn keeps its in-flight bound.
    if (!(error instanceof TimeoutError)) await turn.over();
    return await afterFailure(context, record, owner, error);
  } finally {
    store.release(record.key);
  }
}

async function afterFailure(
  context: JobContext,
  record: SendRecord,
  owner: string,
  error: unknown,
): Promise<JobVerdict> {
  const { store, logger } = context;
  const now = Date.now();
  const attempts = record.attempts + 1;
  if (error instanceof RateLimitError) {
    // The API refused before creating anything: the attempt did not happen.
    await store.transition(
      record.key,
      ['sending'],
      'queued',
      { attempts: record.attempts },
      attempts,
    );
    const until = error.resetAt?.getTime() ?? now + context.defaultPauseMs;
    if (error.code === 'message-rate-limit-per-tn') {
      logger?.warn('bulk: number paused by the API', { from: record.sender, until });
      return { kind: 'number-limited', until };
    }
    logger?.warn('bulk: account paused by the API', { code: error.code, until });
    await context.backend.pauseAccount(until);
    return { kind: 'later', at: until };
  }
  if (error instanceof ConnectionError && error.code === 'ECONNREFUSED') {
    // Nothing reached the API.
    await store.transition(
      record.key,
      ['sending'],
      'queued',
      { attempts: record.attempts },
      attempts,
    );
    return { kind: 'later', at: now + 1000 };
  }
  if (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408
  ) {
    await store.transition(record.key, ['sending'], 'failed', {
      errorCode: error.code ?? String(error.status),
      errorMessage: error.message,
    });
    logger?.warn('bulk: refused by the API', { key: record.key, code: error.code });
    return { kind: 'done' };
  }
  // 5xx, a lost answer, a timeout: the message may or may not exist. The key stays `sending`,
  // its attempt over, and is reconciled once the API has had the time to finish with it.
  await store.endAttempt(record.key, attempts, owner, now);
  logger?.warn('bulk: outcome of a send unknown; reconciling', {
    key: record.key,
    error: error instanceof Error ? error.name : String(error),
  });
  return { kind: 'later', at: now + context.settleMs };
}
