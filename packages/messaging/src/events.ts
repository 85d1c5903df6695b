import { CallbackError, type Open } from '@bw/core';
import {
  type CallbackFieldType,
  type CallbackInput,
  readCallbackPayload,
  typeCallbackFields,
} from '@bw/core/callbacks';

/** The fields every message event may carry (reference §2.3); absent ones were not sent. */
export interface MessageEventFields {
  direction?: Open<'in' | 'out'>;
  from?: string;
  to?: string;
  messageId?: string;
  messageUri?: string;
  text?: string;
  /** Present on inbound events: the application of the number that received the message. */
  applicationId?: string;
  /** ISO-8601 timestamp, as sent. */
  time?: string;
  state?: Open<'received' | 'queued' | 'sending' | 'sent' | 'error'>;
  deliveryState?: Open<'waiting' | 'delivered' | 'not-delivered'>;
  /** 0 = delivered to the carrier; other codes name the failure (see the API reference). */
  deliveryCode?: number;
  deliveryDescription?: string;
  segmentCount?: number;
  /** Media URLs of an MMS, usually including a `.smil` part. */
  media?: string[];
  /** The `tag` given when the message was sent. */
  tag?: string;
}

/** An SMS was received, or an outbound SMS changed state. */
export interface SmsEvent extends MessageEventFields {
  eventType: 'sms';
}

/** An MMS was received, or an outbound MMS changed state. */
export interface MmsEvent extends MessageEventFields {
  eventType: 'mms';
}

/**
 * An event whose `eventType` this version does not know. It is delivered instead of rejected so that
 * new API event types do not break a running handler; `rawEventType` holds the value as sent, and
 * fields that do not have their usual type are left out rather than failing the event.
 */
export interface UnknownMessageEvent extends MessageEventFields {
  eventType: 'unknown';
  rawEventType: string;
  [field: string]: unknown;
}

/** Every message callback event, discriminated on `eventType`. */
export type MessagingEvent = SmsEvent | MmsEvent | UnknownMessageEvent;

/** The declared fields of every message event and their types. */
export const FIELD_TYPES: { readonly [F in keyof MessageEventFields]-?: CallbackFieldType } = {
  direction: 'string',
  from: 'string',
  to: 'string',
  messageId: 'string',
  messageUri: 'string',
  text: 'string',
  applicationId: 'string',
  time: 'string',
  state: 'string',
  deliveryState: 'string',
  deliveryCode: 'number',
  deliveryDescription: 'string',
  segmentCount: 'number',
  // Media arrive as a JSON array, repeated query parameters, or the GET form's `[url1, url2]` text.
  media: 'list',
  tag: 'string',
};

/**
 * Turns a decoded callback payload (JSON object or query parameters) into a typed event.
 * Throws `CallbackError` (400) when the payload has no `eventType` or a known event has a field of the
 * wrong type.
 */
export function messageEventFromPayload(payload: Record<string, unknown>): MessagingEvent {
  const eventType = payload.eventType;
  if (typeof eventType !== 'string' || eventType === '') {
    throw new CallbackError('Message event has no eventType', 400);
  }
  const known = eventType === 'sms' || eventType === 'mms';
  const event = typeCallbackFields(payload, FIELD_TYPES, {
    invalid: known ? 'reject' : 'omit',
    subject: 'Message event',
  });
  if (!known) {
    event.rawEventType = eventType;
    event.eventType = 'unknown';
  }
  return event as unknown as MessagingEvent;
}

/**
 * Parses a message callback: a JSON object or JSON text (POST form), a query string or
 * `URLSearchParams` (the `callbackHttpMethod: 'GET'` form), or a Fetch `Request` of either kind.
 * Numbers sent as text (`segmentCount`, `deliveryCode`) become numbers; `media` becomes a list.
 * Rejects with `CallbackError` on malformed input.
 *
 * @example
 * ```ts
 * const event = await parseMessageEvent(await request.json());
 * if (event.eventType === 'sms' && event.direction === 'in') reply(event.from, event.text);
 * ```
 */
export async function parseMessageEvent(
  input: CallbackInput,
  options?: { maxBodyBytes?: number },
): Promise<MessagingEvent> {
  return messageEventFromPayload(await readCallbackPayload(input, options));
}
