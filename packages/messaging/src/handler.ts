import type { Logger } from '@bw/core';
import {
  type BasicCredentials,
  type CallbackHandler,
  createCallbackHandler,
} from '@bw/core/callbacks';
import { type MessagingEvent, messageEventFromPayload } from './events';

/** Options of `createMessagingCallbackHandler`. */
export interface MessagingCallbackHandlerOptions {
  /** Called once per valid event; the API gets its 200 after this resolves, a 500 if it throws. */
  onEvent: (event: MessagingEvent, request: Request) => unknown | Promise<unknown>;
  /** When given, requests must carry these Basic credentials (put `user:pass@` in the callback URL). */
  credentials?: BasicCredentials;
  /** Larger bodies are answered 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Receives handler failures (bad input, `onEvent` errors). */
  logger?: Logger;
}

/**
 * Creates a handler for message callbacks (POST JSON or GET query form): a Fetch-API function
 * `(Request) => Promise<Response>`, with `.node` for `node:http` servers and Express. It answers 200
 * after `onEvent` resolves, 400 on a malformed event, 401 on wrong credentials, 413 on an oversize
 * body and 500 (logged) when `onEvent` throws.
 *
 * @example
 * ```ts
 * const handler = createMessagingCallbackHandler({ onEvent: (event) => console.log(event.eventType) });
 * http.createServer(handler.node).listen(3000);
 * ```
 */
export function createMessagingCallbackHandler(
  options: MessagingCallbackHandlerOptions,
): CallbackHandler {
  return createCallbackHandler<MessagingEvent>({
    parse: messageEventFromPayload,
    onEvent: options.onEvent,
    credentials: options.credentials,
    maxBodyBytes: options.maxBodyBytes,
    logger: options.logger,
  });
}
