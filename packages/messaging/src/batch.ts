import { InvalidResponseError, idFromLocation } from '@bw/core/internal';
import type { SendMessageError, SendMessageOptions, SendMessageResult } from './types';

/** The API refuses larger batches (403 `multi-message-limit`), so larger ones are stopped locally. */
export const MAX_BATCH_SIZE = 50;

type WireResult = { result?: unknown; location?: unknown; error?: unknown };

/**
 * Pairs each input message with the API's answer at the same position. A response that cannot be
 * paired item for item is rejected whole rather than guessed at, so no failure goes unreported.
 */
export function toSendMessageResults<M extends SendMessageOptions>(
  messages: readonly M[],
  body: unknown,
): SendMessageResult<M>[] {
  const broken = (why: string) => new InvalidResponseError(`sendMessages: ${why}`, body);
  if (!Array.isArray(body)) throw broken('response is not a JSON array');
  if (body.length !== messages.length) {
    throw broken(`response has ${body.length} results for ${messages.length} messages`);
  }
  return messages.map((message, index): SendMessageResult<M> => {
    const item: unknown = body[index];
    if (typeof item !== 'object' || item === null) throw broken(`result ${index} is not an object`);
    const { result, location, error } = item as WireResult;
    if (result === 'accepted') {
      if (typeof location !== 'string' || location === '') {
        throw broken(`accepted result ${index} has no location`);
      }
      return { result, id: idFromLocation(location), location, message };
    }
    if (result === 'error') {
      return { result, error: error as SendMessageError, message };
    }
    throw broken(`result ${index} is neither "accepted" nor "error"`);
  });
}
