import { charge } from '../billing';
import { STOPPED } from '../clock';
import type { EmulatorContext } from '../context';
import { apiError, notFound } from '../errors';
import { ID_PREFIXES } from '../ids';
import type { UserState } from '../state';
import { findBridge, joinBridge, refreshBridgeOfCall } from './bridges';
import { type AnswerOutcome, ownerOfCall } from './call-runtimes';
import { conferenceCallEnded } from './conferences';
import { callEventBody, emitCallEvent, logCallEvent, traceCall } from './events';
import { startRecording } from './recordings';
import { type CallRecord, type HangupCause, type RecordingFormat, voiceState } from './voice-state';

/** Seconds an outbound call rings before `timeout` when `callTimeout` is not given. */
export const DEFAULT_CALL_TIMEOUT = 60;
/** Default `recordingMaxDuration`, seconds. */
export const DEFAULT_RECORDING_MAX_DURATION = 3600;

/** What an outbound call (or transfer leg) is created with; checked by the caller. */
export interface OutboundCallInput {
  from: string;
  to: string;
  callTimeout?: number;
  callbackUrl?: string;
  callbackHttpMethod?: 'GET' | 'POST';
  callbackTimeout?: number;
  fallbackUrl?: string;
  bridgeId?: string;
  conferenceId?: string;
  recordingEnabled?: boolean;
  recordingFileFormat?: RecordingFormat;
  recordingMaxDuration?: number;
  transcriptionEnabled?: boolean;
  tag?: string;
  sipHeaders?: Record<string, string>;
  /** The call this leg was transferred from. */
  transferredFrom?: string;
}

/** The user's call; 404 `call-not-found` otherwise. */
export function findCall(user: UserState, callId: string): CallRecord {
  const call = user.slot(voiceState).calls.get(callId);
  if (!call) throw notFound('call-not-found', 'call', callId);
  return call;
}

/** A call of any user (for the control API); 404 `call-not-found` otherwise. */
export function findAnyCall(
  context: EmulatorContext,
  callId: string,
): { user: UserState; call: CallRecord } {
  for (const user of context.store.users.values()) {
    const call = user.slot(voiceState).calls.get(callId);
    if (call) return { user, call };
  }
  throw notFound('call-not-found', 'call', callId);
}

/** True once a call has ended (`completed` or `rejected`). */
export function hasEnded(call: CallRecord): boolean {
  return call.state === 'completed' || call.state === 'rejected';
}

/** 403 `call-invalid-state` for a state change the call's state does not allow. */
export function invalidState(call: CallRecord, wanted?: string): never {
  const message = hasEnded(call)
    ? `You can't update the call's state after being set to ${call.state}`
    : `Unable to update call ${call.id}${wanted ? ` to ${wanted}` : ''}. Invalid call state ${call.state}`;
  throw apiError(403, 'forbidden', 'call-invalid-state', message);
}

/** Stores a new `started` call (no ringing, no observers); the creators below use it. */
export function newCall(
  context: EmulatorContext,
  user: UserState,
  direction: 'in' | 'out',
  input: OutboundCallInput,
): CallRecord {
  const now = Date.now();
  // Every field, set or not, in one order: all calls share one shape, which keeps the code that
  // reads them (events, traces, callbacks, rendering) from seeing a different shape per mix of
  // options. What is not set stays undefined, as an absent field reads.
  const call: CallRecord = {
    id: context.ids.next(ID_PREFIXES.call),
    userId: user.userId,
    direction,
    from: input.from,
    to: input.to,
    state: 'started',
    startTime: new Date(now).toISOString(),
    activeTime: undefined,
    endTime: undefined,
    createdAt: now,
    activeAt: undefined,
    endedAt: undefined,
    sequence: context.sequence.next(),
    callTimeout: input.callTimeout ?? DEFAULT_CALL_TIMEOUT,
    callbackUrl: input.callbackUrl,
    callbackHttpMethod: input.callbackHttpMethod ?? 'POST',
    callbackTimeout: input.callbackTimeout,
    fallbackUrl: input.fallbackUrl,
    bridgeId: undefined,
    conferenceId: input.conferenceId,
    recordingEnabled: input.recordingEnabled ?? false,
    recordingFileFormat: input.recordingFileFormat ?? 'wav',
    recordingMaxDuration: input.recordingMaxDuration ?? DEFAULT_RECORDING_MAX_DURATION,
    transcriptionEnabled: input.transcriptionEnabled ?? false,
    tag: input.tag,
    sipHeaders: input.sipHeaders,
    applicationId: undefined,
    cause: undefined,
    transferredFrom: input.transferredFrom,
    transferLegs: [],
    recordingIds: [],
    events: [],
    trace: [],
  };
  user.slot(voiceState).calls.add(call.id, call);
  logCallEvent(context, call, 'create', direction);
  traceCall(context, call, 'state', { state: 'started', direction, from: call.from, to: call.to });
  return call;
}

/**
 * Places an outbound call ("create a new leg"): stored `started`, joined to its bridge, then
 * ringing under the auto-answer policy — answered after `afterMs`, or `timeout` after
 * `callTimeout` — unless the control API answers, rejects or busies it first.
 */
export function createOutboundCall(
  context: EmulatorContext,
  user: UserState,
  input: OutboundCallInput,
): CallRecord {
  const bridge = input.bridgeId ? findBridge(user, input.bridgeId) : undefined;
  const call = newCall(context, user, 'out', input);
  if (bridge) joinBridge(context, user, bridge, call);
  const engine = context.callRuntimes;
  engine.notify((observer) => observer.created?.(context, call));
  const runtime = engine.runtime(call);
  runtime.ringTimers.push(
    context.clock.schedule(call.callTimeout * 1000, () => timeoutCall(context, call)),
  );
  const policy = engine.autoAnswer;
  if (policy !== 'never') {
    runtime.ringTimers.push(
      context.clock.schedule(policy.afterMs, () => answerCall(context, call)),
    );
  }
  return call;
}

/**
 * Answers a ringing call ("on answer"): `active`, the `answer` event, recording started when
 * enabled, answer waiters and observers told. False when the call was not `started`.
 */
export function answerCall(context: EmulatorContext, call: CallRecord): boolean {
  if (call.state !== 'started') return false;
  const engine = context.callRuntimes;
  const runtime = engine.runtime(call);
  clearRinging(context, call);
  const now = Date.now();
  call.state = 'active';
  call.activeAt = now;
  call.activeTime = new Date(now).toISOString();
  logCallEvent(context, call, 'answer');
  traceCall(context, call, 'state', { state: 'active' });
  const delivery = emitCallEvent(
    context,
    call,
    callEventBody(context, call, 'answer', { from: call.from, to: call.to, callState: 'active' }),
  );
  const user = ownerOfCall(context, call);
  if (user) {
    refreshBridgeOfCall(user, call);
    if (call.recordingEnabled) startRecording(context, user, call);
  }
  for (const waiter of runtime.answerWaiters.splice(0)) waiter('answered');
  engine.notify((observer) => observer.answered?.(context, call, delivery));
  return true;
}

/** Options of {@link endCall}. */
export interface EndCallOptions {
  /** `completed` (default) or `rejected`. */
  state?: 'completed' | 'rejected';
  /** What answer waiters of a still-ringing call learn (default `hung-up`). */
  outcome?: AnswerOutcome;
}

/**
 * Ends a call ("hang up") with `cause`: audio stops silently, a gather in progress completes
 * (`hung-up`), recording stops (and is saved), the call leaves its bridge and conference,
 * then the `hangup` event; the call is billed per started minute. False if it already ended.
 */
export function endCall(
  context: EmulatorContext,
  call: CallRecord,
  cause: HangupCause,
  options: EndCallOptions = {},
): boolean {
  if (hasEnded(call)) return false;
  const engine = context.callRuntimes;
  const runtime = engine.runtime(call);
  const wasRinging = call.state === 'started';
  clearRinging(context, call);
  const now = Date.now();
  call.state = options.state ?? 'completed';
  call.endedAt = now;
  call.endTime = new Date(now).toISOString();
  call.cause = cause;
  runtime.playback?.stop(true);
  runtime.lifetime.abort(STOPPED);
  runtime.stopRecording?.();
  const user = ownerOfCall(context, call);
  if (user) {
    refreshBridgeOfCall(user, call);
    conferenceCallEnded(context, user, call);
  }
  logCallEvent(context, call, 'hangup', cause);
  traceCall(context, call, 'state', { state: call.state, cause });
  emitCallEvent(
    context,
    call,
    callEventBody(context, call, 'hangup', {
      from: call.from,
      to: call.to,
      callState: 'completed',
      cause,
    }),
  );
  if (wasRinging) {
    for (const waiter of runtime.answerWaiters.splice(0)) waiter(options.outcome ?? 'hung-up');
  }
  for (const waiter of runtime.endWaiters.splice(0)) waiter(cause);
  const seconds = chargeableDuration(context, call);
  if (user && seconds > 0) {
    const sip = call.to.startsWith('sip:') || call.from.startsWith('sip:');
    const inbound = call.direction === 'in';
    charge(context, user, {
      productType: sip
        ? inbound
          ? 'sip-call-in'
          : 'sip-call-out'
        : inbound
          ? 'call-in'
          : 'call-out',
      units: seconds / 60,
      number: call.direction === 'in' ? call.to : call.from,
      resourceId: call.id,
    });
  }
  engine.notify((observer) => observer.ended?.(context, call));
  return true;
}

/** The far end did not answer within `callTimeout`: `timeout`, then `hangup` (`NO_ANSWER`). */
export function timeoutCall(context: EmulatorContext, call: CallRecord): void {
  if (call.state !== 'started') return;
  logCallEvent(context, call, 'timeout');
  emitCallEvent(
    context,
    call,
    callEventBody(context, call, 'timeout', { from: call.from, to: call.to }),
  );
  endCall(context, call, 'NO_ANSWER', { outcome: 'timeout' });
}

/**
 * Resolves how a call's ringing ended ("await answer"): `answered`, or why it never was
 * (`rejected`, `busy`, `timeout`, `hung-up`). At once for a call that is no longer ringing.
 */
export function awaitAnswer(context: EmulatorContext, call: CallRecord): Promise<AnswerOutcome> {
  if (call.state === 'started') {
    return new Promise((resolve) => context.callRuntimes.runtime(call).answerWaiters.push(resolve));
  }
  if (call.activeAt !== undefined) return Promise.resolve('answered');
  switch (call.cause) {
    case 'CALL_REJECTED':
      return Promise.resolve('rejected');
    case 'USER_BUSY':
      return Promise.resolve('busy');
    case 'NO_ANSWER':
      return Promise.resolve('timeout');
    default:
      return Promise.resolve('hung-up');
  }
}

/** Resolves with the hang-up cause once the call ends (at once if it has). */
export function awaitEnd(context: EmulatorContext, call: CallRecord): Promise<HangupCause> {
  if (hasEnded(call)) return Promise.resolve(call.cause ?? 'NORMAL_CLEARING');
  return new Promise((resolve) => context.callRuntimes.runtime(call).endWaiters.push(resolve));
}

/** Seconds billed for a call: its simulated talk time rounded up to whole minutes. */
export function chargeableDuration(context: EmulatorContext, call: CallRecord): number {
  if (call.activeAt === undefined) return 0;
  const end = call.endedAt ?? Date.now();
  const seconds = ((end - call.activeAt) * context.clock.speed) / 1000;
  return Math.max(1, Math.ceil(seconds / 60)) * 60;
}

function clearRinging(context: EmulatorContext, call: CallRecord): void {
  const runtime = context.callRuntimes.runtime(call);
  for (const timer of runtime.ringTimers.splice(0)) timer.cancel();
}
