import {
  type PagedIterable,
  type RequestOptions,
  requireBoolean,
  requireKeys,
  type Transport,
} from '@bw/core/internal';
import { conferencePath, memberPath } from './paths';
import type {
  ConferenceMember,
  CreateConferenceMemberOptions,
  UpdateConferenceMemberOptions,
} from './types';

/** Conference members (`~/conferences/{conferenceId}/members`); audio to one member is in `audio.ts`. */
export abstract class ConferenceMemberMethods {
  declare protected readonly transport: Transport;

  /** Lists a conference's members, completed ones included. Lazy. */
  listConferenceMembers(
    conferenceId: string,
    requestOptions?: RequestOptions,
  ): PagedIterable<ConferenceMember> {
    return this.transport.paged<ConferenceMember>(
      () => ({ method: 'GET', path: conferencePath(this.transport, conferenceId, 'members') }),
      requestOptions,
    );
  }

  /**
   * Adds a call (`callId`, required; an active call created with this `conferenceId`) to a
   * conference of at most 20 members.
   * @returns the member's id.
   */
  async createConferenceMember(
    conferenceId: string,
    opts: CreateConferenceMemberOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    const path = conferencePath(this.transport, conferenceId, 'members');
    requireKeys('createConferenceMember options', opts, ['callId']);
    return this.transport.locationId({ method: 'POST', path, json: opts }, requestOptions);
  }

  /** Fetches one member of a conference. */
  async getConferenceMember(
    conferenceId: string,
    memberId: string,
    requestOptions?: RequestOptions,
  ): Promise<ConferenceMember> {
    return this.transport.json<ConferenceMember>(
      { method: 'GET', path: memberPath(this.transport, conferenceId, memberId) },
      requestOptions,
    );
  }

  /** Changes a member: remove, tones, mute, hold. */
  async updateConferenceMember(
    conferenceId: string,
    memberId: string,
    opts: UpdateConferenceMemberOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: memberPath(this.transport, conferenceId, memberId), json: opts },
      requestOptions,
    );
  }

  /** Removes a member from its conference (`state: 'completed'`). */
  async removeConferenceMember(
    conferenceId: string,
    memberId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      {
        method: 'POST',
        path: memberPath(this.transport, conferenceId, memberId),
        json: { state: 'completed' },
      },
      requestOptions,
    );
  }

  /** Mutes (`true`) or unmutes (`false`) one member. */
  async muteConferenceMember(
    conferenceId: string,
    memberId: string,
    mute: boolean,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = memberPath(this.transport, conferenceId, memberId);
    const json = { mute: requireBoolean('mute', mute) };
    return this.transport.noContent({ method: 'POST', path, json }, requestOptions);
  }

  /** Puts one member on hold (`true`) or takes it off hold (`false`). */
  async holdConferenceMember(
    conferenceId: string,
    memberId: string,
    hold: boolean,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = memberPath(this.transport, conferenceId, memberId);
    const json = { hold: requireBoolean('hold', hold) };
    return this.transport.noContent({ method: 'POST', path, json }, requestOptions);
  }
}
