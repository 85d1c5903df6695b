import type { EmulatorContext } from '../context';
import { apiError, notFound, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import type { UserState } from '../state';
import { objectBody, optionalInteger, optionalString } from '../validation';
import { type AudioRequest, parseAudio, playOnCall } from './audio';
import { type CollectResult, collectDigits } from './digits';
import { callEventBody, emitCallEvent, logCallEvent, traceCall } from './events';
import type { CallRecord, GatherRecord } from './voice-state';
import { voiceState } from './voice-state';

const RESOURCE = 'gather';
/** Most digits a REST gather collects. */
export const MAX_GATHER_DIGITS = 30;
/** Longest inter-digit timeout, seconds. */
export const MAX_INTER_DIGIT_TIMEOUT = 30;
/** Defaults of a REST gather. */
export const GATHER_DEFAULTS = Object.freeze({
  maxDigits: MAX_GATHER_DIGITS,
  interDigitTimeout: 5,
  terminatingDigits: '#',
});

/** A checked `POST /calls/{callId}/gather` body. */
export interface GatherInput {
  maxDigits: number;
  interDigitTimeout: number;
  terminatingDigits: string;
  tag?: string;
  prompt?: AudioRequest;
}

/** Checks a gather body (reference §1.5.3); throws the 400s. */
export function parseGather(raw: unknown): GatherInput {
  const body = objectBody(raw, true);
  const maxDigits = optionalInteger(body, 'maxDigits', RESOURCE) ?? GATHER_DEFAULTS.maxDigits;
  if (maxDigits < 1 || maxDigits > MAX_GATHER_DIGITS) {
    throw validationError(
      `The '${RESOURCE}' resource property 'maxDigits' must be between 1 and ${MAX_GATHER_DIGITS}`,
    );
  }
  const interDigitTimeout =
    optionalInteger(body, 'interDigitTimeout', RESOURCE) ?? GATHER_DEFAULTS.interDigitTimeout;
  if (interDigitTimeout < 1 || interDigitTimeout > MAX_INTER_DIGIT_TIMEOUT) {
    throw validationError(
      `The '${RESOURCE}' resource property 'interDigitTimeout' must be between 1 and ${MAX_INTER_DIGIT_TIMEOUT}`,
    );
  }
  const terminatingDigits =
    optionalString(body, 'terminatingDigits', RESOURCE) ?? GATHER_DEFAULTS.terminatingDigits;
  if (terminatingDigits === '' || !/^[0-9A-D#*]+$/.test(terminatingDigits)) {
    throw validationError(
      `The '${RESOURCE}' resource property 'terminatingDigits' must be one or more of 0-9, A-D, * and #`,
    );
  }
  const input: GatherInput = { maxDigits, interDigitTimeout, terminatingDigits };
  const tag = optionalString(body, 'tag', RESOURCE);
  if (tag !== undefined) input.tag = tag;
  if (body.prompt !== undefined && body.prompt !== null) {
    const prompt = parseAudio(body.prompt, 'prompt');
    if (prompt.action === 'play') input.prompt = prompt;
  }
  return input;
}

/** The call's gather; 404 `resource-not-found` otherwise. */
export function findGather(user: UserState, call: CallRecord, gatherId: string): GatherRecord {
  const gather = user.slot(voiceState).gathers.get(gatherId);
  if (!gather || gather.callId !== call.id) {
    throw notFound('resource-not-found', 'gather', gatherId);
  }
  return gather;
}

/**
 * Starts a REST gather on an active call (409 `call-duplicate-gather-error` while another is
 * running): the prompt plays (the first digit stops it), and the gather completes on
 * `maxDigits`, a terminating digit, the inter-digit timeout (counted from the end of the
 * prompt) or hang-up, sending the `gather` event.
 */
export function startGather(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  input: GatherInput,
): GatherRecord {
  const current = context.callRuntimes.runtime(call).gatherId;
  if (current !== undefined) {
    throw apiError(
      409,
      'conflict',
      'call-duplicate-gather-error',
      `The call ${call.id} already has a gather in progress (${current})`,
    );
  }
  const gather = createGather(context, user, call, input);
  claimGatherSlot(context, call, gather, () => collection.stop());
  traceCall(context, call, 'gather-start', {
    gatherId: gather.id,
    maxDigits: gather.maxDigits,
    terminatingDigits: gather.terminatingDigits,
    interDigitTimeout: gather.interDigitTimeout,
  });

  const prompt =
    input.prompt?.action === 'play'
      ? playOnCall(context, call, input.prompt.media, {
          loop: input.prompt.loopEnabled,
          source: 'gather-prompt',
          ...(input.prompt.tag !== undefined ? { tag: input.prompt.tag } : {}),
        })
      : undefined;
  const collection = collectDigits(context, call, {
    maxDigits: gather.maxDigits,
    terminatingDigits: gather.terminatingDigits,
    interDigitTimeoutMs: gather.interDigitTimeout * 1000,
    startTimer: prompt === undefined,
    onFirstDigit: () => prompt?.end('stopped'),
    onDone: (result) => {
      prompt?.end(result.reason === 'hung-up' ? 'interrupted' : 'stopped');
      completeRestGather(context, call, gather, result);
    },
  });
  void prompt?.outcome.then(() => collection.startTimer());
  return gather;
}

/** Stops a running gather on request (`POST …/gather/{id}` `{state: completed}`). */
export function stopGather(context: EmulatorContext, call: CallRecord, gather: GatherRecord): void {
  const runtime = context.callRuntimes.runtime(call);
  if (gather.state === 'completed' || runtime.gatherId !== gather.id) return;
  runtime.endGather?.();
}

/** What a gather collects (a REST body's or a BXML `<Gather>`'s settings). */
export interface GatherSettings {
  maxDigits: number;
  interDigitTimeout: number;
  terminatingDigits: string;
  tag?: string;
}

/** A new gather resource on the call (`started`), as REST and BXML gathers both are. */
export function createGather(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  settings: GatherSettings,
): GatherRecord {
  const gather: GatherRecord = {
    id: context.ids.next(ID_PREFIXES.gather),
    callId: call.id,
    state: 'started',
    createdTime: new Date().toISOString(),
    digits: '',
    maxDigits: settings.maxDigits,
    interDigitTimeout: settings.interDigitTimeout,
    terminatingDigits: settings.terminatingDigits,
  };
  if (settings.tag !== undefined) gather.tag = settings.tag;
  user.slot(voiceState).gathers.set(gather.id, gather);
  return gather;
}

/**
 * Makes `gather` the call's current gather — the one `POST …/gather/{id}` `{state: completed}`
 * stops, by calling `stop` — unless another one is; false then.
 */
export function claimGatherSlot(
  context: EmulatorContext,
  call: CallRecord,
  gather: GatherRecord,
  stop: () => void,
): boolean {
  const runtime = context.callRuntimes.runtime(call);
  if (runtime.gatherId !== undefined) return false;
  runtime.gatherId = gather.id;
  runtime.endGather = stop;
  return true;
}

/**
 * Completes a gather with what was collected: frees the call's gather slot if it held it,
 * records digits, reason and time, and logs the `gather` call event.
 */
export function completeGather(
  context: EmulatorContext,
  call: CallRecord,
  gather: GatherRecord,
  result: CollectResult,
): void {
  const runtime = context.callRuntimes.runtime(call);
  if (runtime.gatherId === gather.id) {
    runtime.gatherId = undefined;
    runtime.endGather = undefined;
  }
  gather.state = 'completed';
  gather.digits = result.digits;
  gather.completedTime = new Date().toISOString();
  if (result.reason !== 'stopped') gather.reason = result.reason;
  logCallEvent(context, call, 'gather', `${result.reason}:${result.digits}`);
}

/** A REST gather's end: the trace entry and the `gather` event to the call's callback. */
function completeRestGather(
  context: EmulatorContext,
  call: CallRecord,
  gather: GatherRecord,
  result: CollectResult,
): void {
  completeGather(context, call, gather, result);
  traceCall(context, call, 'gather-end', {
    gatherId: gather.id,
    digits: result.digits,
    reason: result.reason,
  });
  const fields: Record<string, unknown> = {
    state: 'completed',
    digits: result.digits,
    gatherId: gather.id,
  };
  if (gather.reason !== undefined) fields.reason = gather.reason;
  if (result.terminatingDigit !== undefined) fields.terminatingDigit = result.terminatingDigit;
  emitCallEvent(context, call, callEventBody(context, call, 'gather', fields, gather.tag));
}
