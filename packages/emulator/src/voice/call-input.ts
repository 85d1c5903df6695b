import { requireOwnedNumber } from '../auth';
import type { EmulatorContext } from '../context';
import { apiError, validationError } from '../errors';
import { isE164, isSipUri } from '../phone';
import type { UserState } from '../state';
import {
  checkCallbackUrl,
  type JsonObject,
  objectBody,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  readCallbackDelivery,
  requiredString,
} from '../validation';
import { parseAudio } from './audio';
import { checkBridgeHasRoom, findBridge } from './bridges';
import { checkConferenceOpen, findConference } from './conference-lookup';
import type { OutboundCallInput } from './lifecycle';
import { checkTransferCallerId, type TransferInput } from './transfer';
import type { CallRecord, CallState, RecordingFormat } from './voice-state';

const RESOURCE = 'call';
/** Longest `callTimeout`, seconds. */
export const MAX_CALL_TIMEOUT = 300;
/** Longest `recordingMaxDuration`, seconds. */
export const MAX_RECORDING_DURATION = 3600;
/** Most SIP headers on a call, and the longest value. */
export const SIP_HEADER_LIMITS = Object.freeze({ count: 5, length: 256 });
const DIVERSION_REASONS = [
  'unknown',
  'user-busy',
  'no-answer',
  'unavailable',
  'unconditional',
  'time-of-day',
  'do-not-disturb',
  'deflection',
  'follow-me',
  'out-of-service',
  'away',
] as const;

/** Checks a `POST /calls` body (reference §1.5.2); throws its 400/403/404s. */
export function parseCreateCall(
  context: EmulatorContext,
  user: UserState,
  raw: unknown,
): OutboundCallInput {
  const body = objectBody(raw);
  const from = requiredString(body, 'from', RESOURCE);
  const to = requiredString(body, 'to', RESOURCE);
  if (!isE164(from)) throw invalidNumber('from', from);
  checkDestination(to, 'to');
  const input: OutboundCallInput = { from, to };
  const callTimeout = optionalInteger(body, 'callTimeout', RESOURCE);
  if (callTimeout !== undefined) {
    checkRange(callTimeout, 'callTimeout', 1, MAX_CALL_TIMEOUT);
    input.callTimeout = callTimeout;
  }
  readCallbackSettings(body, input);
  readRecordingSettings(body, input);
  const transcriptionEnabled = optionalBoolean(body, 'transcriptionEnabled', RESOURCE);
  if (transcriptionEnabled !== undefined) input.transcriptionEnabled = transcriptionEnabled;
  const tag = optionalString(body, 'tag', RESOURCE);
  if (tag !== undefined) input.tag = tag;
  const sipHeaders = readSipHeaders(body);
  if (sipHeaders) input.sipHeaders = sipHeaders;
  const bridgeId = optionalString(body, 'bridgeId', RESOURCE);
  if (bridgeId) {
    checkBridgeHasRoom(findBridge(user, bridgeId));
    input.bridgeId = bridgeId;
  }
  const conferenceId = optionalString(body, 'conferenceId', RESOURCE);
  if (conferenceId) {
    checkConferenceOpen(findConference(user, conferenceId));
    input.conferenceId = conferenceId;
  }
  requireOwnedNumber(context.store, user, from);
  return input;
}

/** A checked `POST /calls/{callId}` body. */
export interface CallUpdate {
  state?: CallState;
  recordingEnabled?: boolean;
  recordingFileFormat?: RecordingFormat;
  recordingMaxDuration?: number;
  transfer?: TransferInput;
}

/** Checks a `POST /calls/{callId}` body (reference §1.5.3); throws its 400s. */
export function parseCallUpdate(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  raw: unknown,
): CallUpdate {
  const body = objectBody(raw, true);
  const update: CallUpdate = {};
  const state = optionalString(body, 'state', RESOURCE);
  if (state !== undefined) {
    update.state = oneOf(
      state,
      ['active', 'rejected', 'completed', 'transferring'] as const,
      RESOURCE,
      'state',
    );
  }
  const recording = readRecordingSettings(body, {});
  if (recording.recordingEnabled !== undefined)
    update.recordingEnabled = recording.recordingEnabled;
  if (recording.recordingFileFormat !== undefined) {
    update.recordingFileFormat = recording.recordingFileFormat;
  }
  if (recording.recordingMaxDuration !== undefined) {
    update.recordingMaxDuration = recording.recordingMaxDuration;
  }
  if (update.state === 'transferring') update.transfer = readTransfer(context, user, call, body);
  return update;
}

function readTransfer(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  body: JsonObject,
): TransferInput {
  const transferTo = requiredString(body, 'transferTo', RESOURCE);
  checkDestination(transferTo, 'transferTo');
  const transfer: TransferInput = { transferTo };
  const callerId = optionalString(body, 'transferCallerId', RESOURCE);
  if (callerId !== undefined) {
    checkTransferCallerId(context, user, call, callerId);
    transfer.transferCallerId = callerId;
  }
  if (body.whisperAudio !== undefined && body.whisperAudio !== null) {
    transfer.whisperAudio = parseAudio(body.whisperAudio, 'whisperAudio');
  }
  const callbackUrl = optionalString(body, 'callbackUrl', RESOURCE);
  if (callbackUrl) {
    checkCallbackUrl(callbackUrl);
    transfer.callbackUrl = callbackUrl;
  }
  const treatment = optionalString(body, 'diversionTreatment', RESOURCE);
  if (treatment !== undefined) {
    transfer.diversionTreatment = oneOf(
      treatment,
      ['none', 'propagate', 'stack'] as const,
      RESOURCE,
      'diversionTreatment',
    );
  }
  const reason = optionalString(body, 'diversionReason', RESOURCE);
  if (reason !== undefined) {
    if (transfer.diversionTreatment !== 'stack') {
      throw validationError(
        `The '${RESOURCE}' resource property 'diversionReason' requires 'diversionTreatment' stack`,
      );
    }
    transfer.diversionReason = oneOf(reason, DIVERSION_REASONS, RESOURCE, 'diversionReason');
  }
  return transfer;
}

function readCallbackSettings(body: JsonObject, input: OutboundCallInput): void {
  const callbackUrl = optionalString(body, 'callbackUrl', RESOURCE);
  if (callbackUrl) {
    checkCallbackUrl(callbackUrl);
    input.callbackUrl = callbackUrl;
  }
  const fallbackUrl = optionalString(body, 'fallbackUrl', RESOURCE);
  if (fallbackUrl !== undefined) {
    if (fallbackUrl.trim() === '') {
      throw validationError('Your call fallback URL may not be blank/empty.');
    }
    if (input.callbackUrl === undefined) {
      throw validationError('Your call must have a callback URL in order to have a fallback URL.');
    }
    checkCallbackUrl(fallbackUrl);
    input.fallbackUrl = fallbackUrl;
  }
  readCallbackDelivery(body, RESOURCE, input);
}

function readRecordingSettings(
  body: JsonObject,
  input: Pick<
    OutboundCallInput,
    'recordingEnabled' | 'recordingFileFormat' | 'recordingMaxDuration'
  >,
): typeof input {
  const enabled = optionalBoolean(body, 'recordingEnabled', RESOURCE);
  if (enabled !== undefined) input.recordingEnabled = enabled;
  const format = optionalString(body, 'recordingFileFormat', RESOURCE);
  if (format !== undefined) {
    input.recordingFileFormat = oneOf(
      format,
      ['wav', 'mp3'] as const,
      RESOURCE,
      'recordingFileFormat',
    );
  }
  const maxDuration = optionalInteger(body, 'recordingMaxDuration', RESOURCE);
  if (maxDuration !== undefined) {
    if (maxDuration < 1) {
      throw validationError(
        `The '${RESOURCE}' resource property 'recordingMaxDuration' must be greater than 0`,
      );
    }
    if (maxDuration > MAX_RECORDING_DURATION) {
      throw apiError(
        403,
        'forbidden',
        'maximum-recording-value-request',
        `The recordingMaxDuration ${maxDuration} exceeds the maximum of ${MAX_RECORDING_DURATION} seconds`,
      );
    }
    input.recordingMaxDuration = maxDuration;
  }
  return input;
}

function readSipHeaders(body: JsonObject): Record<string, string> | undefined {
  const value = body.sipHeaders;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw validationError(`The '${RESOURCE}' resource property 'sipHeaders' must be an object`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > SIP_HEADER_LIMITS.count) {
    throw validationError(
      `The '${RESOURCE}' resource property 'sipHeaders' exceeds the limit of ${SIP_HEADER_LIMITS.count} headers`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of entries) {
    if (!/^X-/i.test(name)) {
      throw validationError(`The SIP header ${name} must start with X-`);
    }
    if (typeof header !== 'string' || header.length > SIP_HEADER_LIMITS.length) {
      throw validationError(
        `The SIP header ${name} must be a string of at most ${SIP_HEADER_LIMITS.length} characters`,
      );
    }
    headers[name] = header;
  }
  return headers;
}

function checkDestination(value: string, key: string): void {
  if (/^sips:/i.test(value)) {
    throw apiError(
      403,
      'forbidden',
      'invalid-call-to-number',
      `The ${key} ${value} uses SIPS, which is not supported`,
    );
  }
  if (!isE164(value) && !isSipUri(value)) throw invalidNumber(key, value);
}

function checkRange(value: number, key: string, min: number, max: number): void {
  if (value < min) {
    throw validationError(
      `The '${RESOURCE}' resource property '${key}' must be greater than ${min - 1}`,
    );
  }
  if (value > max) {
    throw validationError(
      `The '${RESOURCE}' resource property '${key}' exceeds the limit of ${max}`,
    );
  }
}

function invalidNumber(key: string, value: string) {
  return apiError(400, 'bad-request', 'validation-error', 'Invalid phone number', [
    { name: key, value },
  ]);
}
