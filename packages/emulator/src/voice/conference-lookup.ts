import { apiError, notFound } from '../errors';
import type { UserState } from '../state';
import { type ConferenceRecord, type MemberRecord, voiceState } from './voice-state';

/** Most active members of one conference. */
export const MAX_CONFERENCE_MEMBERS = 20;

/** The user's conference; 404 `conference-not-found` otherwise. */
export function findConference(user: UserState, conferenceId: string): ConferenceRecord {
  const conference = user.slot(voiceState).conferences.get(conferenceId);
  if (!conference) throw notFound('conference-not-found', 'conference', conferenceId);
  return conference;
}

/** A member of the conference; 404 `conference-member-not-found` otherwise. */
export function findMember(
  user: UserState,
  conference: ConferenceRecord,
  memberId: string,
): MemberRecord {
  const member = user.slot(voiceState).members.get(memberId);
  if (!member || member.conferenceId !== conference.id) {
    throw notFound('conference-member-not-found', 'conference member', memberId);
  }
  return member;
}

/** 403 `conference-error` for a completed conference: it cannot be reused. */
export function checkConferenceOpen(conference: ConferenceRecord): void {
  if (conference.state === 'completed') {
    throw apiError(
      403,
      'forbidden',
      'conference-error',
      `The conference ${conference.id} is completed and cannot be reused`,
    );
  }
}

/** Active members of a conference, in joining order. */
export function activeMembers(user: UserState, conference: ConferenceRecord): MemberRecord[] {
  const { members } = user.slot(voiceState);
  return conference.memberIds.flatMap((memberId) => {
    const member = members.get(memberId);
    return member?.state === 'active' ? [member] : [];
  });
}
