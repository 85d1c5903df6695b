import { CallbackError } from '@bw/core';
import {
  type CallbackFieldType,
  type CallbackInput,
  readCallbackPayload,
  typeCallbackFields,
} from '@bw/core/callbacks';
import type { UnknownVoiceEvent, VoiceEvent, VoiceEventMap } from './events';

/** Options of {@link parseVoiceEvent}. */
export interface ParseVoiceEventOptions {
  /** Largest JSON body accepted from a `Request`, in bytes (core's default: 1 MiB). */
  maxBodyBytes?: number;
}

// The declared fields of each event interface in `events.ts`, with their types: a known event
// whose field has another type is malformed. Ids the interface requires are listed apart.
type Fields = { readonly [field: string]: CallbackFieldType };

const callScoped = { callId: 'string', callUri: 'string', time: 'string', tag: 'string' } as const;
const parties = { from: 'string', to: 'string', callState: 'string' } as const;
const diversion = {
  origTo: 'string',
  reason: 'string',
  screen: 'string',
  privacy: 'string',
  counter: 'number',
  limit: 'number',
  Limit: 'number',
} as const;
const caller = {
  ...parties,
  diversion,
  displayName: 'string',
  withholdCallerNumber: 'boolean',
  withholdCallerName: 'boolean',
} as const;
const media = { ...callScoped, status: 'string' } as const;
const conferenceScoped = { conferenceId: 'string', conferenceUri: 'string' } as const;
const conferenceMedia = { ...conferenceScoped, status: 'string', time: 'string' } as const;

export const eventFields: { readonly [T in keyof VoiceEventMap]: Fields } = {
  incomingcall: { ...callScoped, ...caller, applicationId: 'string' },
  answer: { ...callScoped, ...caller },
  hangup: { ...callScoped, ...parties, cause: 'string' },
  timeout: { ...callScoped, from: 'string', to: 'string' },
  playback: media,
  speak: { ...media, state: 'string' },
  dtmf: { ...callScoped, dtmfDigit: 'string' },
  gather: {
    ...callScoped,
    state: 'string',
    digits: 'string',
    reason: 'string',
    gatherId: 'string',
    terminatingDigit: 'string',
  },
  recording: {
    ...callScoped,
    recordingId: 'string',
    recordingUri: 'string',
    state: 'string',
    status: 'string',
    startTime: 'string',
    endTime: 'string',
  },
  transcription: {
    transcriptionId: 'string',
    transcriptionUri: 'string',
    recordingId: 'string',
    state: 'string',
    status: 'string',
    textSize: 'number',
    text: 'string',
    textUrl: 'string',
  },
  conference: {
    ...conferenceScoped,
    status: 'string',
    createdTime: 'string',
    completedTime: 'string',
  },
  'conference-member': {
    ...conferenceScoped,
    memberId: 'string',
    memberUri: 'string',
    callId: 'string',
    state: 'string',
    activeMembers: 'number',
    hold: 'boolean',
    mute: 'boolean',
    time: 'string',
  },
  'conference-playback': conferenceMedia,
  'conference-speak': conferenceMedia,
  redirect: { ...callScoped, ...parties },
  transferComplete: { ...callScoped, ...parties },
};

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

function isKnownEventType(eventType: string): eventType is keyof VoiceEventMap {
  return Object.hasOwn(requiredIds, eventType);
}

/**
 * Reads a voice callback into a typed {@link VoiceEvent}. Accepts a JSON body (object or string),
 * the GET form (a query string, with or without `?`, or `URLSearchParams`), or a Fetch `Request`
 * (JSON body for POST, query for GET). In the GET form, `withholdCallerNumber`,
 * `withholdCallerName`, `hold` and `mute` become booleans, `activeMembers` and `textSize` numbers,
 * and `diversion` is decoded from JSON. Every declared field of a known event is checked against
 * its type (a `digits: 5` or `from: ['a']` is malformed); undeclared fields pass through. An
 * unknown `eventType` gives an `UnknownVoiceEvent` with every field as sent.
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
  // An unknown event promises nothing about its fields and keeps every value as sent.
  if (!isKnownEventType(eventType)) {
    const fields = typeCallbackFields(payload, {}, { invalid: 'omit', subject: 'Voice event' });
    return { ...fields, eventType: 'unknown', rawEventType: eventType } as UnknownVoiceEvent;
  }
  const fields = typeCallbackFields(payload, eventFields[eventType], {
    invalid: 'reject',
    subject: `Voice event "${eventType}"`,
  });
  for (const name of requiredIds[eventType]) {
    const value = fields[name];
    if (typeof value !== 'string' || value === '') {
      throw new CallbackError(`Voice event "${eventType}" has no ${name}`);
    }
  }
  // The checks above establish what the event interfaces promise.
  return fields as unknown as VoiceEvent;
}
