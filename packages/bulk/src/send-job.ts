import {
  ApiError,
  ConnectionError,
  type Logger,
  RateLimitError,
  type SendMessageOptions,
} from '@bw/messaging';
import type { CampaignStore, JobRef, JobVerdict, QueueBackend } from './backend';
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
  const record = await store.get(job.key);
  if (!record || FINAL_STATUSES.includes(record.status)) return { kind: 'done' };
  const now = Date.now();
  if (record.sendAt !== undefined && record.sendAt > now)
    return { kind: 'later', at: record.sendAt };
  if (context.window) {
    const opening = nextOpening(context.window, now);
    if (opening > now) return { kind: 'later', at: opening };
  }
  if (await store.isSuppressed(record.to)) {
    await store.transition(record.key, ['queued', 'sending'], 'opted-out', {});
    logger?.info('bulk: recipient opted out, not sent', { key: record.key });
    return { kind: 'done' };
  }
  if (record.status === 'sending') {
    // An attempt whose outcome nobody knows (a worker died, an answer was lost): never simply
    // send again; ask the API first, once the attempt has had time to land.
    const settledAt = (record.attemptAt ?? 0) + context.settleMs;
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
  }
  // The account first: when it is the bottleneck the numbers are idle anyway; the number's turn
  // comes last so that its pacing is measured right before the request.
  await context.backend.accountTurn();
  await context.backend.numberTurn(record.sender);
  return attempt(context, record);
}

async function attempt(context: JobContext, record: SendRecord): Promise<JobVerdict> {
  const { store, logger } = context;
  const started = Date.now();
  const claimed = await store.transition(
    record.key,
    ['queued', 'sending'],
    'sending',
    { attempts: record.attempts + 1, attemptAt: started },
    record.attempts,
  );
  // Another worker holds this key (its lock was lost and the job handed over): look again once
  // whatever it does has settled.
  if (!claimed) return { kind: 'later', at: started + context.settleMs };
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
    await store.transition(record.key, ['sending'], 'sent', { messageId });
    logger?.debug('bulk: sent', { key: record.key, from: record.sender, messageId });
    return { kind: 'done' };
  } catch (error) {
    return afterFailure(context, record, error);
  }
}

async function afterFailure(
  context: JobContext,
  record: SendRecord,
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
  // 5xx, a lost answer, a timeout: the message may or may not exist. Leave the key `sending`
  // and reconcile it once the request has settled.
  logger?.warn('bulk: outcome of a send unknown; reconciling', {
    key: record.key,
    error: error instanceof Error ? error.name : String(error),
  });
  return { kind: 'later', at: now + context.settleMs };
}
