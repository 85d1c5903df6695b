import { CallbackError } from '@bw/core';
import { type CallbackInput, readCallbackPayload } from '@bw/core/callbacks';
import type { VoiceEvent, VoiceEventMap } from './events';

/** Options of {@link parseVoiceEvent}. */
export interface ParseVoiceEventOptions {
  /** Largest JSON body accepted from a `Request`, in bytes (core's default: 1 MiB). */
  maxBodyBytes?: number;
}

// Ids each known event type is typed to carry; an event without them is malformed.
const requiredIds: { readonly [T in keyof VoiceEventMap]: readonly string[] } = {
  incomingcall: ['callId'],
  answer: ['callId'],
  hangup: ['callId'],
  timeout: ['callId'],
  playback: ['callId'],
  speak: ['callId'],
  dtmf: ['callId'],
  gather: ['callId'],
  recording: ['callId', 'recordingId'],
  transcription: ['transcriptionId'],
  conference: ['conferenceId'],
  'conference-member': ['conferenceId', 'memberId'],
  'conference-playback': ['conferenceId'],
  'conference-speak': ['conferenceId'],
  redirect: ['callId'],
  transferComplete: ['callId'],
};

const invalid = Symbol('invalid');

// The GET (BXML) form carries every value as a string; these fields are typed otherwise.
const coercions: ReadonlyArray<readonly [string, (value: unknown) => unknown]> = [
  ['withholdCallerNumber', toBoolean],
  ['withholdCallerName', toBoolean],
  ['hold', toBoolean],
  ['mute', toBoolean],
  ['activeMembers', toNumber],
  ['textSize', toNumber],
  ['diversion', toJsonObject],
];

function isKnownEventType(eventType: string): eventType is keyof VoiceEventMap {
  return Object.hasOwn(requiredIds, eventType);
}

/**
 * Reads a voice callback into a typed {@link VoiceEvent}. Accepts a JSON body (object or string),
 * the GET form (a query string, with or without `?`, or `URLSearchParams`), or a Fetch `Request`
 * (JSON body for POST, query for GET). In the GET form, `withholdCallerNumber`,
 * `withholdCallerName`, `hold` and `mute` become booleans, `activeMembers` and `textSize` numbers,
 * and `diversion` is decoded from JSON. An unknown `eventType` gives an `UnknownVoiceEvent`.
 *
 * @throws {CallbackError} (status 400) on malformed input; 413 for an oversize body.
 *
 * @example
 * ```ts
 * const event = await parseVoiceEvent(new URL(req.url, 'http://x').searchParams);
 * if (event.eventType === 'gather') console.log(event.digits);
 * ```
 */
export async function parseVoiceEvent(
  input: CallbackInput,
  options?: ParseVoiceEventOptions,
): Promise<VoiceEvent> {
  return voiceEventFromPayload(await readCallbackPayload(input, options));
}

/**
 * The synchronous core of {@link parseVoiceEvent}, for a payload already read into an object
 * (e.g. `req.body` parsed by a framework, or `Object.fromEntries(searchParams)`). The result is a
 * fresh object; `payload` is not modified.
 *
 * @throws {CallbackError} (status 400) when the payload is not a voice event.
 */
export function voiceEventFromPayload(payload: Record<string, unknown>): VoiceEvent {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new CallbackError('Voice callback payload must be an object');
  }
  const { eventType } = payload;
  if (typeof eventType !== 'string' || eventType === '') {
    throw new CallbackError('Voice callback payload has no eventType');
  }
  const known = isKnownEventType(eventType);
  const fields: Record<string, unknown> = { ...payload };
  for (const [name, convert] of coercions) {
    if (!Object.hasOwn(fields, name)) continue;
    const value = fields[name];
    // An empty GET parameter means "not given".
    if (value === undefined || value === null || value === '') {
      delete fields[name];
      continue;
    }
    const converted = convert(value);
    if (converted !== invalid) fields[name] = converted;
    // A known event is typed, so a value of the wrong kind makes it malformed; an unknown event
    // promises nothing about its fields and keeps the value as sent.
    else if (known) throw new CallbackError(`Voice event "${eventType}" has an invalid ${name}`);
  }

  if (!known) return { ...fields, eventType: 'unknown', rawEventType: eventType };
  for (const name of requiredIds[eventType]) {
    const value = fields[name];
    if (typeof value !== 'string' || value === '') {
      throw new CallbackError(`Voice event "${eventType}" has no ${name}`);
    }
  }
  // The checks above establish what the event interfaces promise.
  return fields as unknown as VoiceEvent;
}

function toBoolean(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return invalid;
}

function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : invalid;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : invalid;
  }
  return invalid;
}

function toJsonObject(value: unknown): unknown {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return invalid;
    }
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : invalid;
}
