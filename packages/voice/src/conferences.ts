import {
  type RequestOptions,
  requireBoolean,
  requireKeys,
  type Transport,
} from '@bw/core/internal';
import { conferencePath } from './paths';
import type { Conference, CreateConferenceOptions, UpdateConferenceOptions } from './types';

/** Conferences (`~/conferences`). The API has no endpoint that lists them. */
export abstract class ConferenceMethods {
  declare protected readonly transport: Transport;

  /**
   * Creates a conference hosted by the number `from` (required).
   * @returns the conference's id.
   */
  async createConference(
    opts: CreateConferenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    requireKeys('createConference options', opts, ['from']);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('conferences'), json: opts },
      requestOptions,
    );
  }

  /** Fetches one conference. */
  async getConference(conferenceId: string, requestOptions?: RequestOptions): Promise<Conference> {
    return this.transport.json<Conference>(
      { method: 'GET', path: conferencePath(this.transport, conferenceId) },
      requestOptions,
    );
  }

  /** Changes a conference: terminate, hold, mute, callback settings, tag. */
  async updateConference(
    conferenceId: string,
    opts: UpdateConferenceOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: conferencePath(this.transport, conferenceId), json: opts },
      requestOptions,
    );
  }

  /** Ends a conference (`state: 'completed'`). */
  async terminateConference(conferenceId: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      {
        method: 'POST',
        path: conferencePath(this.transport, conferenceId),
        json: { state: 'completed' },
      },
      requestOptions,
    );
  }

  /** Mutes (`true`) or unmutes (`false`) every member of a conference. */
  async muteConference(
    conferenceId: string,
    mute: boolean,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId);
    const json = { mute: requireBoolean('mute', mute) };
    return this.transport.noContent({ method: 'POST', path, json }, requestOptions);
  }

  /** Puts every member of a conference on hold (`true`) or takes them off it (`false`). */
  async holdConference(
    conferenceId: string,
    hold: boolean,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    const path = conferencePath(this.transport, conferenceId);
    const json = { hold: requireBoolean('hold', hold) };
    return this.transport.noContent({ method: 'POST', path, json }, requestOptions);
  }
}
