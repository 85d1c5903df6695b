import { userPath } from '../location';
import type {
  BridgeRecord,
  CallRecord,
  ConferenceRecord,
  GatherRecord,
  MemberRecord,
  RecordingRecord,
  TranscriptionRecord,
} from './voice-state';

// How the REST API shows each voice resource. `origin` is the emulator's own origin
// (`context.url`: its address or the `publicUrl` option), so the URLs inside point back at it.

/** Longest `text` in a transcription resource (the full text is at `textUrl`). */
export const TRANSCRIPTION_TEXT_LIMIT = 1000;

/** A call as `GET /calls[/{callId}]` shows it. */
export function renderCall(
  call: CallRecord,
  origin: string,
  chargeableDuration: number,
): Record<string, unknown> {
  const base = `${origin}${userPath(call.userId, 'calls', call.id)}`;
  const rendered: Record<string, unknown> = {
    id: call.id,
    direction: call.direction,
    from: call.from,
    to: call.to,
    state: call.state,
    startTime: call.startTime,
  };
  if (call.activeTime !== undefined) rendered.activeTime = call.activeTime;
  if (call.endTime !== undefined) rendered.endTime = call.endTime;
  if (call.endTime !== undefined) rendered.chargeableDuration = chargeableDuration;
  rendered.callTimeout = call.callTimeout;
  if (call.callbackUrl !== undefined) rendered.callbackUrl = call.callbackUrl;
  rendered.callbackHttpMethod = call.callbackHttpMethod;
  if (call.callbackTimeout !== undefined) rendered.callbackTimeout = call.callbackTimeout;
  if (call.fallbackUrl !== undefined) rendered.fallbackUrl = call.fallbackUrl;
  if (call.bridgeId !== undefined) {
    rendered.bridgeId = call.bridgeId;
    rendered.bridge = `${origin}${userPath(call.userId, 'bridges', call.bridgeId)}`;
  }
  if (call.conferenceId !== undefined) {
    rendered.conferenceId = call.conferenceId;
    rendered.conference = `${origin}${userPath(call.userId, 'conferences', call.conferenceId)}`;
  }
  rendered.recordingEnabled = call.recordingEnabled;
  rendered.recordingFileFormat = call.recordingFileFormat;
  rendered.recordingMaxDuration = call.recordingMaxDuration;
  rendered.transcriptionEnabled = call.transcriptionEnabled;
  if (call.tag !== undefined) rendered.tag = call.tag;
  if (call.sipHeaders !== undefined) rendered.sipHeaders = { ...call.sipHeaders };
  if (call.applicationId !== undefined) rendered.applicationId = call.applicationId;
  rendered.events = `${base}/events`;
  rendered.recordings = `${base}/recordings`;
  rendered.transcriptions = `${base}/transcriptions`;
  return rendered;
}

/** A gather as `GET /calls/{callId}/gather/{gatherId}` shows it. */
export function renderGather(
  gather: GatherRecord,
  userId: string,
  origin: string,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: gather.id,
    state: gather.state,
    createdTime: gather.createdTime,
    call: `${origin}${userPath(userId, 'calls', gather.callId)}`,
    digits: gather.digits,
  };
  if (gather.reason !== undefined) rendered.reason = gather.reason;
  if (gather.completedTime !== undefined) rendered.completedTime = gather.completedTime;
  if (gather.tag !== undefined) rendered.tag = gather.tag;
  return rendered;
}

/** A recording as `GET /recordings[/{recordingId}]` shows it. */
export function renderRecording(
  recording: RecordingRecord,
  userId: string,
  origin: string,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: recording.id,
    startTime: recording.startTime,
    call: `${origin}${userPath(userId, 'calls', recording.callId)}`,
    media: `${origin}${userPath(userId, 'media', recording.mediaName)}`,
    state: recording.state,
  };
  if (recording.endTime !== undefined) rendered.endTime = recording.endTime;
  return rendered;
}

/** A transcription as `GET …/transcriptions[/{transcriptionId}]` shows it. */
export function renderTranscription(
  transcription: TranscriptionRecord,
  userId: string,
  origin: string,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: transcription.id,
    state: transcription.state,
    time: transcription.time,
  };
  if (transcription.text !== undefined) {
    rendered.text = transcription.text.slice(0, TRANSCRIPTION_TEXT_LIMIT);
  }
  if (transcription.chargeableDuration !== undefined) {
    rendered.chargeableDuration = transcription.chargeableDuration;
  }
  if (transcription.textSize !== undefined) rendered.textSize = transcription.textSize;
  if (transcription.state === 'completed') {
    rendered.textUrl = `${origin}${userPath(userId, 'media', transcription.id)}`;
  }
  return rendered;
}

/** A bridge as `GET /bridges[/{bridgeId}]` shows it. */
export function renderBridge(
  bridge: BridgeRecord,
  userId: string,
  origin: string,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: bridge.id,
    state: bridge.state,
    bridgeAudio: bridge.bridgeAudio,
    calls: `${origin}${userPath(userId, 'bridges', bridge.id, 'calls')}`,
    callIds: [...bridge.callIds],
    createdTime: bridge.createdTime,
  };
  if (bridge.activatedTime !== undefined) rendered.activatedTime = bridge.activatedTime;
  if (bridge.completedTime !== undefined) rendered.completedTime = bridge.completedTime;
  return rendered;
}

/** A conference as `GET /conferences/{conferenceId}` shows it. */
export function renderConference(
  conference: ConferenceRecord,
  activeMembers: number,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: conference.id,
    state: conference.state,
    from: conference.from,
    createdTime: conference.createdTime,
    activeMembers,
    hold: conference.hold,
    mute: conference.mute,
    profile: conference.profile,
    callbackHttpMethod: conference.callbackHttpMethod,
  };
  if (conference.completedTime !== undefined) rendered.completedTime = conference.completedTime;
  if (conference.callbackUrl !== undefined) rendered.callbackUrl = conference.callbackUrl;
  if (conference.callbackTimeout !== undefined) {
    rendered.callbackTimeout = conference.callbackTimeout;
  }
  if (conference.fallbackUrl !== undefined) rendered.fallbackUrl = conference.fallbackUrl;
  if (conference.tag !== undefined) rendered.tag = conference.tag;
  return rendered;
}

/** A conference member as `GET …/members[/{memberId}]` shows it. */
export function renderMember(
  member: MemberRecord,
  userId: string,
  origin: string,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    id: member.id,
    state: member.state,
    mute: member.mute,
    hold: member.hold,
    joinTone: member.joinTone,
    leavingTone: member.leavingTone,
    addedTime: member.addedTime,
    call: `${origin}${userPath(userId, 'calls', member.callId)}`,
  };
  if (member.removedTime !== undefined) rendered.removedTime = member.removedTime;
  return rendered;
}
