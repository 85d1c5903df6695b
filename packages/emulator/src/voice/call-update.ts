import type { EmulatorContext } from '../context';
import { apiError } from '../errors';
import type { UserState } from '../state';
import type { CallUpdate } from './call-input';
import { answerCall, endCall, hasEnded, invalidState } from './lifecycle';
import { startRecording } from './recordings';
import { transferCall } from './transfer';
import type { CallRecord } from './voice-state';

/** True while a call is connected (answered and not ended): media and recording can run. */
export function isConnected(call: CallRecord): boolean {
  return call.activeAt !== undefined && !hasEnded(call);
}

/**
 * Applies a checked `POST /calls/{callId}`: every check first (403 `call-invalid-state`, 409
 * `conflicted-recording-values-request`), then recording settings, then the state change.
 * Returns the new leg of a transfer.
 */
export function applyCallUpdate(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  update: CallUpdate,
): CallRecord | undefined {
  if (update.state !== undefined) checkTransition(call, update.state);
  const runtime = context.callRuntimes.runtime(call);
  const recording = runtime.stopRecording !== undefined && update.recordingEnabled !== false;
  const changesFormat =
    update.recordingFileFormat !== undefined &&
    update.recordingFileFormat !== call.recordingFileFormat;
  const changesLimit =
    update.recordingMaxDuration !== undefined &&
    update.recordingMaxDuration !== call.recordingMaxDuration;
  if (recording && (changesFormat || changesLimit)) {
    throw apiError(
      409,
      'conflict',
      'conflicted-recording-values-request',
      'The recording values cannot be changed while recording is been executed',
    );
  }
  if (update.recordingEnabled !== undefined && hasEnded(call)) invalidState(call);

  if (update.recordingFileFormat !== undefined)
    call.recordingFileFormat = update.recordingFileFormat;
  if (update.recordingMaxDuration !== undefined) {
    call.recordingMaxDuration = update.recordingMaxDuration;
  }
  if (update.recordingEnabled !== undefined) {
    call.recordingEnabled = update.recordingEnabled;
    if (!update.recordingEnabled) runtime.stopRecording?.();
    else if (isConnected(call)) startRecording(context, user, call);
  }

  switch (update.state) {
    case 'active':
      answerCall(context, call);
      return undefined;
    case 'rejected':
      endCall(context, call, 'CALL_REJECTED', { state: 'rejected', outcome: 'rejected' });
      return undefined;
    case 'completed':
      endCall(
        context,
        call,
        call.state === 'started' && call.direction === 'out'
          ? 'ORIGINATOR_CANCEL'
          : 'NORMAL_CLEARING',
      );
      return undefined;
    case 'transferring':
      return update.transfer ? transferCall(context, user, call, update.transfer) : undefined;
    default:
      return undefined;
  }
}

/**
 * The REST state changes a call allows: answer/reject an inbound call that rings, hang up any
 * call that has not ended, transfer an active call.
 */
function checkTransition(call: CallRecord, wanted: NonNullable<CallUpdate['state']>): void {
  if (hasEnded(call)) invalidState(call, wanted);
  switch (wanted) {
    case 'active':
    case 'rejected':
      if (call.direction !== 'in' || call.state !== 'started') invalidState(call, wanted);
      return;
    case 'transferring':
      if (call.state !== 'active') invalidState(call, wanted);
      return;
    default:
      return;
  }
}
