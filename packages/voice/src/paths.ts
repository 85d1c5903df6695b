import { requireId, type Transport } from '@bw/core/internal';

// Path builders for the voice resources. Caller-supplied ids are checked in path order, so the
// `TypeError` names the first bad one; core encodes every segment exactly once.

/** A path segment supplied by the caller, as `[parameterName, value]`. */
export type IdSegment = readonly [name: string, value: unknown];

type Below = ReadonlyArray<string | IdSegment>;

/** `~/seg/…` with the id segments checked. */
export function userPath(transport: Transport, ...segments: Below): string {
  return transport.userPath(
    ...segments.map((segment) =>
      typeof segment === 'string' ? segment : requireId(segment[0], segment[1]),
    ),
  );
}

/** `~/calls/{callId}/…` */
export function callPath(transport: Transport, callId: unknown, ...below: Below): string {
  return userPath(transport, 'calls', ['callId', callId], ...below);
}

/** `~/calls/{callId}/gather/{gatherId}` */
export function gatherPath(transport: Transport, callId: unknown, gatherId: unknown): string {
  return callPath(transport, callId, 'gather', ['gatherId', gatherId]);
}

/** `~/bridges/{bridgeId}/…` */
export function bridgePath(transport: Transport, bridgeId: unknown, ...below: Below): string {
  return userPath(transport, 'bridges', ['bridgeId', bridgeId], ...below);
}

/** `~/conferences/{conferenceId}/…` */
export function conferencePath(
  transport: Transport,
  conferenceId: unknown,
  ...below: Below
): string {
  return userPath(transport, 'conferences', ['conferenceId', conferenceId], ...below);
}

/** `~/conferences/{conferenceId}/members/{memberId}/…` */
export function memberPath(
  transport: Transport,
  conferenceId: unknown,
  memberId: unknown,
  ...below: Below
): string {
  return conferencePath(transport, conferenceId, 'members', ['memberId', memberId], ...below);
}

/** `~/recordings/{recordingId}/…` */
export function recordingPath(transport: Transport, recordingId: unknown, ...below: Below): string {
  return userPath(transport, 'recordings', ['recordingId', recordingId], ...below);
}
