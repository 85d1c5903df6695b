import {
  type PagedIterable,
  type RequestOptions,
  requireId,
  requireKeys,
  type Transport,
  ValidationError,
} from '@bw/core/internal';
import { MAX_BATCH_SIZE, toSendMessageResults } from './batch';
import type { ListMessagesOptions, Message, SendMessageOptions, SendMessageResult } from './types';

const REQUIRED_MESSAGE_KEYS = ['from', 'to', 'text'] as const;

/** The messages of an account (`~/messages`): send one or a batch, read, list, redact. */
export abstract class MessageMethods {
  declare protected readonly transport: Transport;

  /**
   * Lists messages, newest or oldest first by `sortOrder`, lazily and across every page.
   * `GET ~/messages`; later pages follow the API's `sortKeyLT` cursor link.
   */
  listMessages(
    opts?: ListMessagesOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<Message> {
    return this.transport.paged<Message>(
      { method: 'GET', path: this.transport.userPath('messages'), query: opts },
      requestOptions,
    );
  }

  /**
   * Sends one message and resolves with its id. `POST ~/messages`.
   * Rejects with `ValidationError` before sending when `from`, `to` or `text` is missing or empty.
   */
  async sendMessage(opts: SendMessageOptions, requestOptions?: RequestOptions): Promise<string> {
    requireKeys('message', opts, REQUIRED_MESSAGE_KEYS);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('messages'), json: opts },
      requestOptions,
    );
  }

  /**
   * Sends up to 50 messages in one request (`POST ~/messages` with an array) and resolves with one
   * result per input, in input order: accepted items carry `id` and `location`, refused items carry
   * the API's `error`. An empty array resolves `[]` without a request.
   */
  async sendMessages<M extends SendMessageOptions>(
    messages: readonly M[],
    requestOptions?: RequestOptions,
  ): Promise<SendMessageResult<M>[]> {
    if (!Array.isArray(messages)) throw new ValidationError('messages must be an array');
    if (messages.length > MAX_BATCH_SIZE) {
      throw new ValidationError(
        `messages has ${messages.length} items; at most ${MAX_BATCH_SIZE} can be sent in one batch`,
      );
    }
    if (messages.length === 0) return [];
    const body = await this.transport.json<unknown>(
      { method: 'POST', path: this.transport.userPath('messages'), json: messages },
      requestOptions,
    );
    return toSendMessageResults(messages, body);
  }

  /** Reads one message. `GET ~/messages/{messageId}`. */
  async getMessage(messageId: string, requestOptions?: RequestOptions): Promise<Message> {
    return this.transport.json<Message>(
      { method: 'GET', path: messagePath(this.transport, messageId) },
      requestOptions,
    );
  }

  /**
   * Erases a message's stored text. `PATCH ~/messages/{messageId}` with `{"text":""}`, the only body
   * the API accepts there.
   */
  async redactMessage(messageId: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      { method: 'PATCH', path: messagePath(this.transport, messageId), json: { text: '' } },
      requestOptions,
    );
  }
}

function messagePath(transport: Transport, messageId: string): string {
  return transport.userPath('messages', requireId('messageId', messageId));
}
