import type { CallbackRecord } from '../callbacks';
import type { EmulatorContext } from '../context';
import { EmulatorApiError } from '../errors';
import type { FaultDecision } from '../faults';
import type { HttpReply, HttpRequest } from '../http';
import { redactUrlPasswords } from '../redaction';
import type { MessageRecord, MessageState, UserState } from '../state';
import { type EventBus, redactValue } from './bus';

/** The console's own routes: not shown in the timeline (it would watch itself). */
const CONSOLE_PREFIX = '/_emulator/console';
const RATE_LIMIT_CODES = new Set([
  'rate-limit-reached',
  'message-rate-limit',
  'message-rate-limit-per-tn',
  'message-rate-limit-overall',
  'call-rate-limit',
]);
const MAX_TEXT = 16 * 1024;

function idsInPath(path: string): { callId?: string; messageId?: string } {
  // Most paths name neither: look for the collections before running the patterns.
  const call = path.includes('/calls/') ? /\/calls\/(c-[^/]+)/.exec(path) : null;
  const message = path.includes('/messages/') ? /\/messages\/(m-[^/]+)/.exec(path) : null;
  if (!call && !message) return {};
  return {
    ...(call?.[1] ? { callId: call[1] } : {}),
    ...(message?.[1] ? { messageId: message[1] } : {}),
  };
}

/**
 * The call or message a request is about: named in its path, or (a create) noted by its route,
 * so the request that placed a call is part of that call's story.
 */
function idsOfRequest(path: string, request: HttpRequest): { callId?: string; messageId?: string } {
  const ids = idsInPath(path);
  if (ids.callId || ids.messageId) return ids;
  return request.emulatorCreated ?? ids;
}

/** What a request event's data is made of (strings and numbers: not the request or reply). */
interface RequestFields {
  method: string;
  url: string;
  status: number;
  durationMs: number;
  userId: string | undefined;
}

function requestData({ method, url, status, durationMs, userId }: RequestFields) {
  return {
    method,
    path: redactUrlPasswords(url),
    status,
    durationMs,
    who: url.startsWith('/_emulator') ? 'control' : (userId ?? 'anonymous'),
  };
}

/** Publishes an answered API or control request: who, what, how it went, how long. */
export function publishRequest(bus: EventBus, request: HttpRequest, reply: HttpReply): void {
  const { method, url, path } = request;
  if (path.startsWith(CONSOLE_PREFIX)) return;
  const userId = request.emulatorUser?.userId;
  const fields: RequestFields = {
    method,
    url,
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime),
    userId,
  };
  bus.publish({
    kind: 'request',
    ...(userId ? { userId } : {}),
    ...idsOfRequest(path, request),
    data: requestData,
    fields,
  });
}

/** Publishes a request refused by a rate limit. */
export function publishRateLimit(bus: EventBus, request: HttpRequest, error: unknown): void {
  if (!(error instanceof EmulatorApiError) || !RATE_LIMIT_CODES.has(error.code)) return;
  const userId = request.emulatorUser?.userId;
  bus.publish({
    kind: 'rate-limit',
    ...(userId ? { userId } : {}),
    data: {
      method: request.method,
      path: request.path,
      status: error.status,
      code: error.code,
      message: error.message,
    },
  });
}

/** Publishes the faults injected into one request, if any. */
export function publishFault(
  bus: EventBus,
  method: string,
  path: string,
  decision: FaultDecision,
): void {
  if (decision.latencyMs === 0 && !decision.terminal) return;
  const terminal = decision.terminal;
  bus.publish({
    kind: 'fault',
    ...idsInPath(path),
    data: {
      method,
      path,
      latencyMs: decision.latencyMs,
      ...(terminal ? { type: terminal.type } : { type: 'latency' }),
      ...(terminal?.type === 'status' ? { status: terminal.status } : {}),
    },
  });
}

/** Publishes one callback attempt with what the app answered. */
export function publishCallback(
  bus: EventBus,
  record: CallbackRecord,
  responseText: string | undefined,
): void {
  const body = record.body;
  const callId = typeof body.callId === 'string' ? body.callId : undefined;
  const messageId = typeof body.messageId === 'string' ? body.messageId : undefined;
  const numbers = [body.from, body.to].filter(
    (value): value is string => typeof value === 'string',
  );
  bus.publish({
    kind: 'callback',
    userId: record.userId,
    ...(callId ? { callId } : {}),
    ...(messageId ? { messageId } : {}),
    ...(numbers.length > 0 ? { numbers } : {}),
    // A finished attempt's record and event body do not change any more.
    data: callbackData,
    fields: { record, responseText },
  });
}

function callbackData({
  record,
  responseText,
}: {
  record: CallbackRecord;
  responseText: string | undefined;
}) {
  return {
    callbackId: record.id,
    url: redactUrlPasswords(record.url),
    method: record.method,
    attempt: record.attempt,
    eventType: record.body.eventType,
    status: record.status,
    durationMs: record.durationMs,
    ...(record.error ? { error: record.error } : {}),
    request: redactValue(record.body),
    ...(responseText !== undefined ? { response: responseText.slice(0, MAX_TEXT) } : {}),
  };
}

/** Publishes a message's current state (created, sending, sent, delivery receipt). */
export function publishMessage(
  context: EmulatorContext,
  user: UserState,
  message: MessageRecord,
): void {
  // The event keeps the message itself and a reader of it as it is now: what changes later
  // (its state, its receipt's state) picks the reader; the rest never changes once the message
  // is made (its receipt's code and description are set with the receipt's final state). So
  // thousands of messages in flight cost the events no object of their own.
  context.events.publish({
    kind: 'message',
    userId: user.userId,
    messageId: message.id,
    numbers: messageNumbers,
    data: messageReader(message.state, message.deliveryState),
    fields: message,
  });
}

type DeliveryState = NonNullable<MessageRecord['deliveryState']>;
type MessageReader = (message: MessageRecord) => Record<string, unknown>;

/** Readers of a message as it was in a state and a receipt state (`none`: no receipt). */
const messageReaders = new Map<MessageState, Map<DeliveryState | 'none', MessageReader>>();

/** The reader of a message in `state` whose receipt is in `deliveryState` (made once). */
function messageReader(
  state: MessageState,
  deliveryState: DeliveryState | undefined,
): MessageReader {
  let byReceipt = messageReaders.get(state);
  if (byReceipt === undefined) {
    byReceipt = new Map();
    messageReaders.set(state, byReceipt);
  }
  let reader = byReceipt.get(deliveryState ?? 'none');
  if (reader === undefined) {
    const delivered = deliveryState === 'delivered' || deliveryState === 'not-delivered';
    reader = (message) => ({
      from: message.from,
      to: message.to,
      direction: message.direction,
      state,
      text: message.text,
      media: message.media.map(redactUrlPasswords),
      ...(deliveryState ? { deliveryState } : {}),
      ...(delivered && message.deliveryCode !== undefined
        ? { deliveryCode: message.deliveryCode }
        : {}),
      ...(delivered && message.deliveryDescription
        ? { deliveryDescription: message.deliveryDescription }
        : {}),
    });
    byReceipt.set(deliveryState ?? 'none', reader);
  }
  return reader;
}

/** A message event's numbers, read when the event is (they never change). */
function messageNumbers(message: MessageRecord): string[] {
  return [message.from, message.to];
}
