import type { CallbackResult } from '../callbacks';
import type { EmulatorContext } from '../context';
import { ID_PREFIXES } from '../ids';
import { userPath } from '../location';
import type { CallRecord, ConferenceRecord, TraceEntry } from './voice-state';

/** API URL of a call (`callUri` in events). */
export function callUri(context: EmulatorContext, call: CallRecord): string {
  return `${context.url}${userPath(call.userId, 'calls', call.id)}`;
}

/** API URL of a conference. */
export function conferenceUri(
  context: EmulatorContext,
  userId: string,
  conference: ConferenceRecord,
): string {
  return `${context.url}${userPath(userId, 'conferences', conference.id)}`;
}

/**
 * The fields every event about a call carries: `eventType`, `callId`, `callUri`, `time`, and
 * the call's `tag` unless `tag` overrides it (audio and gather tags) or is `null` (no tag).
 */
export function callEventBody(
  context: EmulatorContext,
  call: CallRecord,
  eventType: string,
  fields: Record<string, unknown> = {},
  tag: string | null | undefined = undefined,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    eventType,
    callId: call.id,
    callUri: callUri(context, call),
    ...fields,
    time: new Date().toISOString(),
  };
  const chosen = tag === undefined ? call.tag : tag;
  if (chosen !== null && chosen !== undefined) body.tag = chosen;
  return body;
}

/**
 * Sends an event to the call's callback URL (the app's `incomingCallUrl` for inbound calls,
 * the `callbackUrl` of outbound calls and transfer legs) with the call's method, timeout and
 * fallback. Events of one call are delivered strictly in the order they are emitted: each
 * waits until the previous one was answered. Resolves with the delivery result (`undefined`
 * when the call has no callback URL); never rejects.
 */
export function emitCallEvent(
  context: EmulatorContext,
  call: CallRecord,
  body: Record<string, unknown>,
): Promise<CallbackResult | undefined> {
  const url = call.callbackUrl;
  if (!url) return Promise.resolve(undefined);
  const runtime = context.callRuntimes.runtime(call);
  const delivery = runtime.chain.then(() =>
    context.callbacks.deliver({
      userId: call.userId,
      url,
      fallbackUrl: call.fallbackUrl || undefined,
      method: call.callbackHttpMethod,
      timeoutMs: call.callbackTimeout || undefined,
      body,
      failure: () => ({
        message: `The ${String(body.eventType)} event of call ${call.id} could not be delivered`,
        details: [{ name: 'callId', value: call.id }],
      }),
    }),
  );
  runtime.chain = delivery.catch(() => undefined);
  return delivery;
}

/**
 * Sends an event to a conference's callback URL, in order with its other events. Resolves
 * with the delivery result, or `undefined` without a callback URL.
 */
export function emitConferenceEvent(
  context: EmulatorContext,
  userId: string,
  conference: ConferenceRecord,
  body: Record<string, unknown>,
): Promise<CallbackResult | undefined> {
  const url = conference.callbackUrl;
  if (!url) return Promise.resolve(undefined);
  if (conference.tag !== undefined && body.tag === undefined) body.tag = conference.tag;
  return context.callbacks.inOrder(conference, () =>
    context.callbacks.deliver({
      userId,
      url,
      fallbackUrl: conference.fallbackUrl || undefined,
      method: conference.callbackHttpMethod,
      timeoutMs: conference.callbackTimeout || undefined,
      body,
      failure: () => ({
        message: `The ${String(body.eventType)} event of conference ${conference.id} could not be delivered`,
        details: [{ name: 'conferenceId', value: conference.id }],
      }),
    }),
  );
}

/** Appends an entry to `GET /calls/{callId}/events`. */
export function logCallEvent(
  context: EmulatorContext,
  call: CallRecord,
  name: string,
  data?: string,
): void {
  const event: { id: string; time: string; name: string; data?: string } = {
    id: context.ids.next(ID_PREFIXES.callEvent),
    time: new Date().toISOString(),
    name,
  };
  if (data !== undefined) event.data = data;
  call.events.push(event);
}

/** Most entries kept in one call's trace (older ones are dropped first). */
export const MAX_TRACE_ENTRIES = 2000;

/** Appends an entry to the call's trace (`GET /_emulator/calls/{callId}/trace`). */
export function traceCall(
  context: EmulatorContext,
  call: CallRecord,
  type: string,
  fields: Record<string, unknown> = {},
): void {
  const entry: TraceEntry = { time: new Date().toISOString(), type, ...fields };
  call.trace.push(entry);
  if (call.trace.length > MAX_TRACE_ENTRIES)
    call.trace.splice(0, call.trace.length - MAX_TRACE_ENTRIES);
  context.callRuntimes.traces.added(call, entry);
}
