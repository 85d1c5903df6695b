import { type BxmlResponse, toXml } from '@bw/bxml';
import type { Logger } from '@bw/core';
import {
  type BasicCredentials,
  type CallbackHandler,
  createCallbackHandler,
} from '@bw/core/callbacks';
import type { VoiceEvent } from './events';
import { voiceEventFromPayload } from './parse-event';

/**
 * Anything that renders itself as a BXML document, such as a `BxmlBuilder` of `@bw/bxml`.
 */
export interface BxmlDocument {
  /** The whole document as XML, starting with `<?xml …?><Response>`. */
  toXml(): string;
}

/**
 * What `onEvent` may answer: nothing (200 with an empty body), or BXML — a string, a document made
 * by `@bw/bxml`'s `response(...)`, or a {@link BxmlDocument} such as a `BxmlBuilder` (200,
 * `application/xml`) — the way a voice app answers `answer`, `gather`, `redirect` and
 * `transferComplete` callbacks. BXML only runs when the callback is a GET
 * (`callbackHttpMethod: 'GET'`); any other answer is a logged 500.
 */
export type VoiceCallbackReply =
  | string
  | BxmlResponse
  | BxmlDocument
  | null
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is the common case
  | void;

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
  /** Receives a line for every rejected request, every `onEvent` failure and BXML sent to a POST. */
  logger?: Logger;
}

const xmlContentType = 'application/xml; charset=utf-8';

/**
 * Creates an HTTP handler for voice callbacks, GET (BXML) and POST alike. `onEvent` answers with
 * nothing or with BXML (a string, `response(...)` of `@bw/bxml`, a `BxmlBuilder`), sent back as
 * `application/xml`. BXML only runs on GET callbacks: create the call or application with
 * `callbackHttpMethod: 'GET'`; BXML returned to a POST callback is sent but logged as a warning,
 * as the platform ignores it. Bad input is answered 400, wrong credentials 401, an oversize body
 * 413; an `onEvent` that throws or returns anything else gets 500 and is logged; nothing crashes
 * the process. Use it as a Fetch handler, or `.node` for `node:http` and Express.
 *
 * @example
 * ```ts
 * import { response, speakSentence } from '@bw/bxml';
 *
 * const handler = createVoiceCallbackHandler({
 *   onEvent: (event) => {
 *     if (event.eventType === 'answer') return response(speakSentence('Hello'));
 *   },
 * });
 * http.createServer(handler.node).listen(8080);
 * ```
 */
export function createVoiceCallbackHandler(options: VoiceCallbackHandlerOptions): CallbackHandler {
  const { logger } = options;
  return createCallbackHandler<VoiceEvent>({
    parse: voiceEventFromPayload,
    // As given: `.node` builds the `Request` only for an `onEvent` that takes it.
    onEvent: options.onEvent,
    credentials: options.credentials,
    maxBodyBytes: options.maxBodyBytes,
    logger,
    respond: (reply, event, method) => {
      const xml = renderReply(reply);
      if (xml === undefined) return undefined;
      if (method !== 'GET') {
        logger?.warn(
          `onEvent answered a ${method} "${event.eventType}" callback with BXML, which the platform does not run: BXML only runs on GET callbacks (callbackHttpMethod: 'GET')`,
          { eventType: event.eventType, method },
        );
      }
      return { status: 200, text: xml, headers: { 'content-type': xmlContentType } };
    },
  });
}

/**
 * The XML of `onEvent`'s answer, or `undefined` for nothing. Anything that is not BXML throws,
 * which core answers with a logged 500: a call must never get an empty success by mistake.
 */
function renderReply(reply: unknown): string | undefined {
  if (reply === undefined || reply === null || typeof reply === 'string') {
    return reply ?? undefined;
  }
  if (typeof reply === 'object') {
    const { toXml: write, verb } = reply as { toXml?: unknown; verb?: unknown };
    if (typeof write === 'function') {
      const xml: unknown = write.call(reply);
      if (typeof xml !== 'string') {
        throw new TypeError('toXml() of the onEvent result must return a string');
      }
      return xml;
    }
    if (verb === 'Response') return toXml(reply as BxmlResponse);
    if (typeof verb === 'string') {
      throw new TypeError(
        `onEvent returned a bare <${verb}> verb: wrap the verbs of the document in response(...)`,
      );
    }
  }
  throw new TypeError(
    `onEvent returned ${describeValue(reply)}: answer with BXML (a string, response(...), a BxmlBuilder) or nothing`,
  );
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Response) return 'a Response';
  return typeof value === 'object' ? 'an object without toXml()' : `a ${typeof value}`;
}
