import type { EmulatorContext } from '../context';
import { validationError } from '../errors';
import type { UserState } from '../state';
import { type AudioRequest, playOnCall } from './audio';
import { logCallEvent, traceCall } from './events';
import { awaitAnswer, awaitEnd, createOutboundCall, endCall, hasEnded } from './lifecycle';
import type { CallRecord } from './voice-state';

/** A checked transfer request (`POST /calls/{callId}` with `state: transferring`). */
export interface TransferInput {
  transferTo: string;
  transferCallerId?: string;
  /** Played to the new leg once it answers, before the legs are connected. */
  whisperAudio?: AudioRequest;
  /** Where the new leg's events go. */
  callbackUrl?: string;
  diversionTreatment?: 'none' | 'propagate' | 'stack';
  diversionReason?: string;
}

/**
 * Checks `transferCallerId`: `private`, an owned number, or — for an inbound call — its
 * caller's number (400 `validation-error` otherwise).
 */
export function checkTransferCallerId(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  callerId: string,
): void {
  if (callerId === 'private') return;
  if (call.direction === 'in' && callerId === call.from) return;
  if (context.store.ownerOf(callerId)?.user === user) return;
  throw validationError(
    `The callerId ${callerId} is not allowed: it must be private, an owned number${call.direction === 'in' ? ' or the incoming caller' : ''}`,
  );
}

/**
 * Transfers an active call: it turns `transferring` and a new outbound leg to `transferTo`
 * rings (its events go to the `callbackUrl` given with the transfer). When the leg answers,
 * `whisperAudio` plays to it, then both calls are connected and the original is `active`
 * again; when either hangs up, the other is hung up too. If the leg is not answered, the
 * original stays up (`active`). Returns the new leg.
 */
export function transferCall(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  input: TransferInput,
): CallRecord {
  call.state = 'transferring';
  const leg = createOutboundCall(context, user, {
    from: input.transferCallerId ?? call.from,
    to: input.transferTo,
    callbackHttpMethod: call.callbackHttpMethod,
    transferredFrom: call.id,
    ...(input.callbackUrl !== undefined ? { callbackUrl: input.callbackUrl } : {}),
  });
  call.transferLegs.push(leg.id);
  logCallEvent(context, call, 'transfer', leg.id);
  traceCall(context, call, 'transfer', {
    to: input.transferTo,
    legId: leg.id,
    ...(input.diversionTreatment ? { diversionTreatment: input.diversionTreatment } : {}),
    ...(input.diversionReason ? { diversionReason: input.diversionReason } : {}),
  });
  void completeTransfer(context, call, leg, input.whisperAudio);
  return leg;
}

async function completeTransfer(
  context: EmulatorContext,
  call: CallRecord,
  leg: CallRecord,
  whisper: AudioRequest | undefined,
): Promise<void> {
  const outcome = await Promise.race([
    awaitAnswer(context, leg),
    awaitEnd(context, call).then(() => 'caller-gone' as const),
  ]);
  if (outcome === 'caller-gone') {
    endCall(context, leg, 'ORIGINATOR_CANCEL');
    return;
  }
  if (outcome !== 'answered') {
    restore(context, call, leg, outcome);
    return;
  }
  if (whisper?.action === 'play') {
    await playOnCall(context, leg, whisper.media, { source: 'whisper' }).outcome;
  }
  if (hasEnded(call)) {
    endCall(context, leg, 'NORMAL_CLEARING');
    return;
  }
  if (hasEnded(leg)) {
    restore(context, call, leg, 'hung-up');
    return;
  }
  if (call.state === 'transferring') call.state = 'active';
  const first = await connectCalls(context, call, leg);
  endCall(context, first === call ? leg : call, 'NORMAL_CLEARING');
}

function restore(
  context: EmulatorContext,
  call: CallRecord,
  leg: CallRecord,
  outcome: string,
): void {
  if (call.state === 'transferring') call.state = 'active';
  traceCall(context, call, 'transfer-failed', { legId: leg.id, outcome });
}

/**
 * Connects two calls' audio ("bridge two calls") until one of them ends; resolves with the
 * call that ended first. Both traces record the connection. The caller decides what happens
 * to the other call.
 */
export async function connectCalls(
  context: EmulatorContext,
  first: CallRecord,
  second: CallRecord,
): Promise<CallRecord> {
  traceCall(context, first, 'connected', { callId: second.id });
  traceCall(context, second, 'connected', { callId: first.id });
  const ended = await Promise.race([
    awaitEnd(context, first).then(() => first),
    awaitEnd(context, second).then(() => second),
  ]);
  const other = ended === first ? second : first;
  traceCall(context, other, 'disconnected', { callId: ended.id });
  return ended;
}
