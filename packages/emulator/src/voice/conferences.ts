import type { EmulatorContext } from '../context';
import { apiError } from '../errors';
import { ID_PREFIXES } from '../ids';
import { userPath } from '../location';
import type { UserState } from '../state';
import { stopConferenceAudio } from './conference-audio';
import { activeMembers, checkConferenceOpen, MAX_CONFERENCE_MEMBERS } from './conference-lookup';
import { conferenceUri, emitConferenceEvent, logCallEvent, traceCall } from './events';
import { MEDIA_TIMING } from './timing';
import type { CallRecord, ConferenceRecord, MemberRecord } from './voice-state';
import { voiceState } from './voice-state';

/** The settings of a new conference (checked by the route). */
export interface ConferenceInput {
  from: string;
  callbackUrl?: string;
  callbackHttpMethod: 'GET' | 'POST';
  callbackTimeout?: number;
  fallbackUrl?: string;
  profile: 'interpret_digits' | 'passthru_digits';
  tag?: string;
}

/** Member settings (create or update). */
export interface MemberInput {
  joinTone?: boolean;
  leavingTone?: boolean;
  mute?: boolean;
  hold?: boolean;
}

/** Creates a conference (state `created`, no members) and sends its `conference` event. */
export function createConference(
  context: EmulatorContext,
  user: UserState,
  input: ConferenceInput,
): ConferenceRecord {
  const conference: ConferenceRecord = {
    id: context.ids.next(ID_PREFIXES.conference),
    state: 'created',
    from: input.from,
    createdTime: new Date().toISOString(),
    hold: false,
    mute: false,
    profile: input.profile,
    callbackHttpMethod: input.callbackHttpMethod,
    memberIds: [],
  };
  if (input.callbackUrl !== undefined) conference.callbackUrl = input.callbackUrl;
  if (input.callbackTimeout !== undefined) conference.callbackTimeout = input.callbackTimeout;
  if (input.fallbackUrl !== undefined) conference.fallbackUrl = input.fallbackUrl;
  if (input.tag !== undefined) conference.tag = input.tag;
  user.slot(voiceState).conferences.set(conference.id, conference);
  emitConferenceEvent(
    context,
    user.userId,
    conference,
    conferenceEventBody(context, user, conference),
  );
  return conference;
}

/**
 * Adds an active call, created with this `conferenceId`, as a member: 403
 * `invalid-call-conference-id` for another conference's call, `call-invalid-state` for a call
 * that is not active, `conference-max-members` beyond 20, 409 for a call already in it.
 */
export function addMember(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  call: CallRecord,
  input: MemberInput,
): MemberRecord {
  checkConferenceOpen(conference);
  if (call.conferenceId !== conference.id) {
    throw apiError(
      403,
      'forbidden',
      'invalid-call-conference-id',
      `The call ${call.id} was not created for conference ${conference.id}`,
    );
  }
  if (call.state !== 'active') {
    throw apiError(
      403,
      'forbidden',
      'call-invalid-state',
      `Unable to add call ${call.id} to conference ${conference.id}. Invalid call state ${call.state}`,
    );
  }
  const current = activeMembers(user, conference);
  if (current.some((member) => member.callId === call.id)) {
    throw apiError(
      409,
      'conflict',
      'conference-member-update-conflict',
      `The call ${call.id} is already a member of conference ${conference.id}`,
    );
  }
  if (current.length >= MAX_CONFERENCE_MEMBERS) {
    throw apiError(
      403,
      'limit',
      'conference-max-members',
      `The conference ${conference.id} already has the maximum of ${MAX_CONFERENCE_MEMBERS} members`,
    );
  }
  const member: MemberRecord = {
    id: context.ids.next(ID_PREFIXES.member),
    conferenceId: conference.id,
    callId: call.id,
    state: 'active',
    mute: input.mute ?? false,
    hold: input.hold ?? false,
    joinTone: input.joinTone ?? false,
    leavingTone: input.leavingTone ?? false,
    addedTime: new Date().toISOString(),
  };
  user.slot(voiceState).members.set(member.id, member);
  conference.memberIds.push(member.id);
  conference.state = 'active';
  logCallEvent(context, call, 'conference', conference.id);
  traceCall(context, call, 'conference-joined', {
    conferenceId: conference.id,
    memberId: member.id,
  });
  if (member.joinTone) playTone(context, user, conference, 'join', member);
  emitMemberEvent(context, user, conference, member);
  if (conference.profile === 'interpret_digits')
    listenForKeys(context, user, conference, member, call);
  return member;
}

/** What the keys of a member do under the `interpret_digits` profile (reference §1.6). */
const KEY_ACTIONS: Readonly<Record<string, string>> = Object.freeze({
  '1': 'talk-volume-down',
  '2': 'talk-volume-reset',
  '3': 'talk-volume-up',
  '4': 'receive-volume-down',
  '5': 'receive-volume-reset',
  '6': 'receive-volume-up',
  '7': 'mic-sensitivity-up',
  '8': 'mic-sensitivity-reset',
  '9': 'mic-sensitivity-down',
  '0': 'toggle-mute',
  '*': 'toggle-deaf-mute',
  '#': 'leave',
});

/**
 * Under `interpret_digits`, the member's own keys act on it: `0` toggles mute, `*` toggles
 * deaf (hold) and mute together, `#` leaves; volume and sensitivity keys are traced only.
 */
function listenForKeys(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  member: MemberRecord,
  call: CallRecord,
): void {
  const listener = (digit: string) => {
    const action = KEY_ACTIONS[digit];
    if (!action || member.state !== 'active') return;
    traceCall(context, call, 'conference-key', { digit, action, conferenceId: conference.id });
    if (digit === '#') {
      removeMember(context, user, conference, member);
    } else if (digit === '0') {
      updateMember(context, user, conference, member, { mute: !member.mute });
    } else if (digit === '*') {
      const deafAndMute = !(member.mute && member.hold);
      updateMember(context, user, conference, member, { mute: deafAndMute, hold: deafAndMute });
    }
  };
  context.callRuntimes.memberKeys.set(member, listener);
  context.callRuntimes.runtime(call).digitListeners.add(listener);
}

/** Applies member settings; a `state: completed` removes the member. */
export function updateMember(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  member: MemberRecord,
  input: MemberInput & { remove?: boolean },
): void {
  if (member.state === 'completed') {
    throw apiError(
      403,
      'forbidden',
      'conference-error',
      `The member ${member.id} has left conference ${conference.id}`,
    );
  }
  if (input.joinTone !== undefined) member.joinTone = input.joinTone;
  if (input.leavingTone !== undefined) member.leavingTone = input.leavingTone;
  const changed =
    (input.mute !== undefined && input.mute !== member.mute) ||
    (input.hold !== undefined && input.hold !== member.hold);
  if (input.mute !== undefined) member.mute = input.mute;
  if (input.hold !== undefined) member.hold = input.hold;
  if (input.remove) {
    removeMember(context, user, conference, member);
    return;
  }
  if (changed) emitMemberEvent(context, user, conference, member);
}

/** Applies conference settings (`hold`, `mute`, callback settings, `tag`) or terminates it. */
export function updateConference(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  changes: Partial<Omit<ConferenceInput, 'from' | 'profile'>> & {
    hold?: boolean;
    mute?: boolean;
    terminate?: boolean;
  },
): void {
  checkConferenceOpen(conference);
  if (changes.callbackUrl !== undefined) conference.callbackUrl = changes.callbackUrl;
  if (changes.callbackHttpMethod !== undefined) {
    conference.callbackHttpMethod = changes.callbackHttpMethod;
  }
  if (changes.callbackTimeout !== undefined) conference.callbackTimeout = changes.callbackTimeout;
  if (changes.fallbackUrl !== undefined) conference.fallbackUrl = changes.fallbackUrl;
  if (changes.tag !== undefined) conference.tag = changes.tag;
  if (changes.hold !== undefined) conference.hold = changes.hold;
  if (changes.mute !== undefined) conference.mute = changes.mute;
  if (!changes.terminate) return;
  for (const member of activeMembers(user, conference)) {
    removeMember(context, user, conference, member, false);
  }
  completeConference(context, user, conference);
}

/** A call ended: its active memberships end (and a conference left empty completes). */
export function conferenceCallEnded(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
): void {
  if (!call.conferenceId) return;
  const conference = user.slot(voiceState).conferences.get(call.conferenceId);
  if (!conference || conference.state === 'completed') return;
  for (const member of activeMembers(user, conference)) {
    if (member.callId === call.id) removeMember(context, user, conference, member);
  }
}

function removeMember(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  member: MemberRecord,
  completeWhenEmpty = true,
): void {
  member.state = 'completed';
  member.removedTime = new Date().toISOString();
  const call = user.slot(voiceState).calls.get(member.callId);
  const listener = context.callRuntimes.memberKeys.get(member);
  if (call && listener) context.callRuntimes.runtime(call).digitListeners.delete(listener);
  if (call) {
    logCallEvent(context, call, 'conference-left', conference.id);
    traceCall(context, call, 'conference-left', {
      conferenceId: conference.id,
      memberId: member.id,
    });
  }
  if (member.leavingTone) playTone(context, user, conference, 'leaving', member);
  emitMemberEvent(context, user, conference, member);
  if (completeWhenEmpty && activeMembers(user, conference).length === 0) {
    completeConference(context, user, conference);
  }
}

function completeConference(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
): void {
  conference.state = 'completed';
  conference.completedTime = new Date().toISOString();
  stopConferenceAudio(context, conference);
  emitConferenceEvent(
    context,
    user.userId,
    conference,
    conferenceEventBody(context, user, conference),
  );
}

/**
 * A join or leaving tone: heard by every active member (and the member it is about), so it is
 * recorded in each of their calls' trace and event log (`tone`, data `join`/`leaving`).
 */
function playTone(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  tone: 'join' | 'leaving',
  about: MemberRecord,
): void {
  const { calls } = user.slot(voiceState);
  const listeners = new Set([...activeMembers(user, conference), about].map((m) => m.callId));
  for (const callId of listeners) {
    const call = calls.get(callId);
    if (call?.state !== 'active') continue;
    logCallEvent(context, call, 'tone', tone);
    traceCall(context, call, 'tone', {
      tone,
      conferenceId: conference.id,
      memberId: about.id,
      durationMs: MEDIA_TIMING.toneMs,
    });
  }
}

/** The `conference` event (reference §2.2). */
function conferenceEventBody(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    eventType: 'conference',
    conferenceId: conference.id,
    conferenceUri: conferenceUri(context, user.userId, conference),
    status: conference.state === 'completed' ? 'completed' : 'created',
    createdTime: conference.createdTime,
    time: new Date().toISOString(),
  };
  if (conference.completedTime !== undefined) body.completedTime = conference.completedTime;
  return body;
}

function emitMemberEvent(
  context: EmulatorContext,
  user: UserState,
  conference: ConferenceRecord,
  member: MemberRecord,
): void {
  emitConferenceEvent(context, user.userId, conference, {
    eventType: 'conference-member',
    conferenceId: conference.id,
    callId: member.callId,
    memberId: member.id,
    memberUri: `${context.url}${userPath(user.userId, 'conferences', conference.id, 'members', member.id)}`,
    state: member.state,
    activeMembers: activeMembers(user, conference).length,
    hold: member.hold,
    mute: member.mute,
    time: new Date().toISOString(),
  });
}
