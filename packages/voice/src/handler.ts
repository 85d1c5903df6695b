import type { Logger } from '@bw/core';
import {
  type BasicCredentials,
  type CallbackHandler,
  createCallbackHandler,
} from '@bw/core/callbacks';
import type { VoiceEvent } from './events';
import { voiceEventFromPayload } from './parse-event';

/**
 * Anything that renders itself as a BXML document, such as a `@bw/bxml` response. Duck-typed so
 * that `@bw/voice` does not depend on a BXML library.
 */
export interface BxmlDocument {
  /** The whole document as XML, starting with `<?xml …?><Response>`. */
  toXml(): string;
}

/**
 * What `onEvent` may answer: nothing (200 with an empty body), or BXML as a string or a
 * {@link BxmlDocument} (200, `application/xml`), the way a voice app answers `answer`, `gather`,
 * `redirect` and `transferComplete` callbacks.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is the common case
export type VoiceCallbackReply = string | BxmlDocument | null | undefined | void;

/** Options of {@link createVoiceCallbackHandler}. */
export interface VoiceCallbackHandlerOptions {
  /** Called once per accepted event; its answer becomes the HTTP response (see {@link VoiceCallbackReply}). */
  onEvent: (
    event: VoiceEvent,
    request: Request,
  ) => VoiceCallbackReply | Promise<VoiceCallbackReply>;
  /** When set, requests must carry these Basic credentials (the ones put in the callback URL); else 401. */
  credentials?: BasicCredentials;
  /** Largest JSON body accepted, in bytes; larger gets 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Receives a line for every rejected request and every `onEvent` failure. */
  logger?: Logger;
}

const xmlContentType = 'application/xml; charset=utf-8';

/**
 * Creates an HTTP handler for voice callbacks, GET (BXML) and POST alike. Bad input is answered
 * 400, wrong credentials 401, an oversize body 413; an `onEvent` that throws gets 500 and is
 * logged; nothing crashes the process. Use it as a Fetch handler, or `.node` for `node:http` and
 * Express.
 *
 * @example
 * ```ts
 * const handler = createVoiceCallbackHandler({
 *   onEvent: (event) => {
 *     if (event.eventType === 'answer') {
 *       return '<?xml version="1.0" encoding="UTF-8"?><Response><SpeakSentence>Hello</SpeakSentence></Response>';
 *     }
 *   },
 * });
 * http.createServer(handler.node).listen(8080);
 * ```
 */
export function createVoiceCallbackHandler(options: VoiceCallbackHandlerOptions): CallbackHandler {
  return createCallbackHandler<VoiceEvent>({
    parse: voiceEventFromPayload,
    onEvent: options.onEvent,
    credentials: options.credentials,
    maxBodyBytes: options.maxBodyBytes,
    logger: options.logger,
    respond: bxmlResponse,
  });
}

/**
 * Turns `onEvent`'s answer into the HTTP response; `undefined` leaves core's empty 200. A `toXml()`
 * that throws or returns a non-string propagates, which core answers with a logged 500.
 */
function bxmlResponse(reply: unknown): Response | undefined {
  if (typeof reply === 'string') return xmlResponse(reply);
  if (!isBxmlDocument(reply)) return undefined;
  const xml: unknown = reply.toXml();
  if (typeof xml !== 'string')
    throw new TypeError('toXml() of the onEvent result must return a string');
  return xmlResponse(xml);
}

function isBxmlDocument(value: unknown): value is BxmlDocument {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toXml?: unknown }).toXml === 'function'
  );
}

function xmlResponse(xml: string): Response {
  return new Response(xml, { status: 200, headers: { 'content-type': xmlContentType } });
}
