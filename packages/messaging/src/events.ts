import { CallbackError, type Open } from '@bw/core';
import { type CallbackInput, readCallbackPayload } from '@bw/core/callbacks';

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

type FieldKind = 'string' | 'number' | 'list';

const FIELD_KINDS: Readonly<Record<keyof MessageEventFields, FieldKind>> = {
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
  media: 'list',
  tag: 'string',
};

const INVALID = Symbol('invalid');
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** GET callbacks carry numbers as text, so a decimal string is accepted wherever a number is. */
function toNumber(value: unknown): number | typeof INVALID | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (typeof value !== 'string') return INVALID;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return DECIMAL.test(trimmed) ? Number(trimmed) : INVALID;
}

/**
 * Media arrive as a JSON array, as repeated query parameters, or in the GET form's `[url1, url2]`
 * text; a lone URL is a one-item list.
 */
function toList(value: unknown): string[] | typeof INVALID {
  if (Array.isArray(value)) {
    return value.every((item) => typeof item === 'string') ? [...value] : INVALID;
  }
  if (typeof value !== 'string') return INVALID;
  const trimmed = value.trim();
  if (trimmed === '') return [];
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return [trimmed];
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // Not JSON: the unquoted `[a, b]` form.
  }
  return trimmed
    .slice(1, -1)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function coerce(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : INVALID;
    case 'number':
      return toNumber(value);
    case 'list':
      return toList(value);
  }
}

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
  const event: Record<string, unknown> = { ...payload };
  for (const [field, kind] of Object.entries(FIELD_KINDS)) {
    const raw = payload[field];
    if (raw === undefined || raw === null) {
      delete event[field];
      continue;
    }
    const value = coerce(kind, raw);
    if (value === INVALID) {
      if (known) {
        throw new CallbackError(`Message event field "${field}" is not a valid ${kind}`, 400);
      }
      delete event[field];
    } else if (value === undefined) {
      delete event[field];
    } else {
      event[field] = value;
    }
  }
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
