import type { Message } from '@bw/messaging';
import { sleep } from './backend';
import type { JobContext } from './send-job';
import type { SendRecord } from './types';

/** What the API says about an attempt nobody knows the outcome of. */
export type Reconciled =
  | { kind: 'sent'; messageId: string }
  | { kind: 'absent' }
  | { kind: 'undecidable'; reason: string };

/** Clocks differ: look this far before the first attempt. */
const CLOCK_SLACK_MS = 5 * 60_000;
const LIST_TRIES = 4;

/** `yyyy-MM-dd hh:mm:ss.sss` (UTC), the list filter's format. */
export function apiDateTime(time: number): string {
  return new Date(time).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * Lists the messages from the key's number to its recipient since the first attempt and looks
 * for its text: found → sent; listed and not found → absent (safe to send again); the list
 * could not be read → undecidable.
 */
export async function reconcile(context: JobContext, record: SendRecord): Promise<Reconciled> {
  const since =
    (record.attemptAt ?? Date.now()) - CLOCK_SLACK_MS - context.settleMs * record.attempts;
  let lastError = '';
  for (let tries = 0; tries < LIST_TRIES; tries += 1) {
    try {
      const listed: Message[] = await context.client
        .listMessages(
          {
            from: record.sender,
            to: record.to,
            direction: 'out',
            fromDateTime: apiDateTime(since),
            size: 1000,
          },
          { timeout: context.requestTimeoutMs },
        )
        .toArray({ limit: 10_000 });
      const match = listed.find(
        (message) =>
          message.text === record.text &&
          message.from === record.sender &&
          message.to === record.to,
      );
      const id = match?.id ?? match?.messageId;
      return match && id ? { kind: 'sent', messageId: id } : { kind: 'absent' };
    } catch (error) {
      lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await sleep(500 * 2 ** tries);
    }
  }
  return { kind: 'undecidable', reason: `the message list could not be read (${lastError})` };
}
