import { requireOwnedNumber } from '../auth';
import type { RoutePlugin } from '../context';
import { apiError, validationError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';
import { isE164 } from '../phone';
import type { Store, UserState } from '../state';
import {
  checkCallbackUrl,
  type JsonObject,
  objectBody,
  oneOf,
  optionalBoolean,
  optionalString,
  readCallbackDelivery,
  requiredString,
} from '../validation';
import { applyAudioToCall, parseAudio } from '../voice/audio';
import { isConnected } from '../voice/call-update';
import { playToConference } from '../voice/conference-audio';
import { activeMembers, findConference, findMember } from '../voice/conference-lookup';
import {
  addMember,
  type ConferenceInput,
  createConference,
  type MemberInput,
  updateConference,
  updateMember,
} from '../voice/conferences';
import { findCall } from '../voice/lifecycle';
import { renderConference, renderMember } from '../voice/render';
import { voiceState } from '../voice/voice-state';

const RESOURCE = 'conference';

/** Conferences and their members (there is no list of conferences in the API). */
export const conferences: RoutePlugin = (app, context) => {
  app.post('/v1/users/:userId/conferences', async (request, reply) => {
    const user = context.userOf(request);
    const input = parseConference(context.store, user, request.body);
    const conference = createConference(context, user, input);
    return reply
      .status(201)
      .header('Location', absoluteUrl(context, userPath(user.userId, 'conferences', conference.id)))
      .send();
  });

  app.get<{ Params: { conferenceId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId',
    async (request) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      return renderConference(conference, activeMembers(user, conference).length);
    },
  );

  app.post<{ Params: { conferenceId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId',
    async (request, reply) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      const body = objectBody(request.body, true);
      const changes = readCallbackSettings(body);
      const terminate = readCompletedState(body, RESOURCE);
      const hold = optionalBoolean(body, 'hold', RESOURCE);
      const mute = optionalBoolean(body, 'mute', RESOURCE);
      const tag = optionalString(body, 'tag', RESOURCE);
      updateConference(context, user, conference, {
        ...changes,
        ...(hold !== undefined ? { hold } : {}),
        ...(mute !== undefined ? { mute } : {}),
        ...(tag !== undefined ? { tag } : {}),
        terminate,
      });
      return reply.status(200).send();
    },
  );

  app.post<{ Params: { conferenceId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId/audio',
    async (request, reply) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      playToConference(context, user, conference, parseAudio(request.body));
      return reply.status(200).send();
    },
  );

  app.post<{ Params: { conferenceId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId/members',
    async (request, reply) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      const body = objectBody(request.body);
      const callId = requiredString(body, 'callId', 'conferenceMember');
      const settings = readMemberSettings(body);
      const call = findCall(user, callId);
      const member = addMember(context, user, conference, call, settings);
      const path = userPath(user.userId, 'conferences', conference.id, 'members', member.id);
      return reply.status(201).header('Location', absoluteUrl(context, path)).send();
    },
  );

  app.get<{ Params: { conferenceId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId/members',
    async (request, reply) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      const origin = context.url;
      const { members } = user.slot(voiceState);
      const items = conference.memberIds.flatMap((memberId) => {
        const member = members.get(memberId);
        return member ? [renderMember(member, user.userId, origin)] : [];
      });
      return paginate(request, reply, items, context.url, { resource: 'conferenceMember' });
    },
  );

  app.get<{ Params: { conferenceId: string; memberId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId/members/:memberId',
    async (request) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      const member = findMember(user, conference, request.params.memberId);
      return renderMember(member, user.userId, context.url);
    },
  );

  app.post<{ Params: { conferenceId: string; memberId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId/members/:memberId',
    async (request, reply) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      const member = findMember(user, conference, request.params.memberId);
      const body = objectBody(request.body, true);
      const remove = readCompletedState(body, 'conferenceMember');
      updateMember(context, user, conference, member, { ...readMemberSettings(body), remove });
      return reply.status(200).send();
    },
  );

  app.post<{ Params: { conferenceId: string; memberId: string } }>(
    '/v1/users/:userId/conferences/:conferenceId/members/:memberId/audio',
    async (request, reply) => {
      const user = context.userOf(request);
      const conference = findConference(user, request.params.conferenceId);
      const member = findMember(user, conference, request.params.memberId);
      const audio = parseAudio(request.body);
      const call = user.slot(voiceState).calls.get(member.callId);
      if (member.state !== 'active' || !call || !isConnected(call)) {
        throw apiError(
          403,
          'forbidden',
          'call-audio-invalid-state',
          `Audio cannot be played to member ${member.id}: it is no longer in the conference`,
        );
      }
      applyAudioToCall(context, call, audio, 'member');
      return reply.status(200).send();
    },
  );
};

function parseConference(store: Store, user: UserState, raw: unknown): ConferenceInput {
  const body = objectBody(raw);
  const from = requiredString(body, 'from', RESOURCE);
  if (!isE164(from)) {
    throw apiError(400, 'bad-request', 'validation-error', 'Invalid phone number', [
      { name: 'from', value: from },
    ]);
  }
  requireOwnedNumber(store, user, from);
  const profile = optionalString(body, 'profile', RESOURCE);
  const tag = optionalString(body, 'tag', RESOURCE);
  const settings = readCallbackSettings(body);
  return {
    from,
    callbackHttpMethod: settings.callbackHttpMethod ?? 'POST',
    profile:
      profile === undefined
        ? 'interpret_digits'
        : oneOf(profile, ['interpret_digits', 'passthru_digits'] as const, RESOURCE, 'profile'),
    ...(settings.callbackUrl !== undefined ? { callbackUrl: settings.callbackUrl } : {}),
    ...(settings.callbackTimeout !== undefined
      ? { callbackTimeout: settings.callbackTimeout }
      : {}),
    ...(settings.fallbackUrl !== undefined ? { fallbackUrl: settings.fallbackUrl } : {}),
    ...(tag !== undefined ? { tag } : {}),
  };
}

function readCallbackSettings(
  body: JsonObject,
): Partial<
  Pick<ConferenceInput, 'callbackUrl' | 'callbackHttpMethod' | 'callbackTimeout' | 'fallbackUrl'>
> {
  const settings: Partial<
    Pick<ConferenceInput, 'callbackUrl' | 'callbackHttpMethod' | 'callbackTimeout' | 'fallbackUrl'>
  > = {};
  const callbackUrl = optionalString(body, 'callbackUrl', RESOURCE);
  if (callbackUrl) {
    checkCallbackUrl(callbackUrl);
    settings.callbackUrl = callbackUrl;
  }
  const fallbackUrl = optionalString(body, 'fallbackUrl', RESOURCE);
  if (fallbackUrl) {
    checkCallbackUrl(fallbackUrl);
    settings.fallbackUrl = fallbackUrl;
  }
  readCallbackDelivery(body, RESOURCE, settings);
  return settings;
}

function readMemberSettings(body: JsonObject): MemberInput {
  const settings: MemberInput = {};
  for (const key of ['joinTone', 'leavingTone', 'mute', 'hold'] as const) {
    const value = optionalBoolean(body, key, 'conferenceMember');
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

/** `state` may only be `completed` (terminate / remove); returns whether it was given. */
function readCompletedState(body: JsonObject, resource: string): boolean {
  const state = optionalString(body, 'state', resource);
  if (state === undefined) return false;
  if (state !== 'completed') {
    throw validationError(
      `The '${resource}' resource property 'state' must be one of the following values: completed`,
    );
  }
  return true;
}
