import { requireId, type Transport } from '@bw/core/internal';

// Path builders for the voice resources, written like every other package's: `transport.userPath`
// with each caller-supplied id through core's `requireId`. Ids are checked in path order, so the
// `TypeError` names the first bad one; core encodes every segment exactly once.

/** `~/calls/{callId}/…` */
export function callPath(transport: Transport, callId: unknown, ...below: string[]): string {
  return transport.userPath('calls', requireId('callId', callId), ...below);
}

/** `~/calls/{callId}/gather/{gatherId}` */
export function gatherPath(transport: Transport, callId: unknown, gatherId: unknown): string {
  const call = requireId('callId', callId);
  return transport.userPath('calls', call, 'gather', requireId('gatherId', gatherId));
}

/** `~/calls/{callId}/events/{eventId}` */
export function callEventPath(transport: Transport, callId: unknown, eventId: unknown): string {
  const call = requireId('callId', callId);
  return transport.userPath('calls', call, 'events', requireId('eventId', eventId));
}

/** `~/bridges/{bridgeId}/…` */
export function bridgePath(transport: Transport, bridgeId: unknown, ...below: string[]): string {
  return transport.userPath('bridges', requireId('bridgeId', bridgeId), ...below);
}

/** `~/conferences/{conferenceId}/…` */
export function conferencePath(
  transport: Transport,
  conferenceId: unknown,
  ...below: string[]
): string {
  return transport.userPath('conferences', requireId('conferenceId', conferenceId), ...below);
}

/** `~/conferences/{conferenceId}/members/{memberId}/…` */
export function memberPath(
  transport: Transport,
  conferenceId: unknown,
  memberId: unknown,
  ...below: string[]
): string {
  const conference = requireId('conferenceId', conferenceId);
  return transport.userPath(
    'conferences',
    conference,
    'members',
    requireId('memberId', memberId),
    ...below,
  );
}

/** `~/recordings/{recordingId}/…` */
export function recordingPath(
  transport: Transport,
  recordingId: unknown,
  ...below: string[]
): string {
  return transport.userPath('recordings', requireId('recordingId', recordingId), ...below);
}

/** `~/recordings/{recordingId}/transcriptions/{transcriptionId}` */
export function transcriptionPath(
  transport: Transport,
  recordingId: unknown,
  transcriptionId: unknown,
): string {
  const recording = requireId('recordingId', recordingId);
  const transcription = requireId('transcriptionId', transcriptionId);
  return transport.userPath('recordings', recording, 'transcriptions', transcription);
}
