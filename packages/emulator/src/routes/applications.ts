import type { EmulatorContext, RoutePlugin } from '../context';
import { notFound, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';
import type { ApplicationRecord, UserState } from '../state';
import {
  checkCallbackUrl,
  type JsonObject,
  objectBody,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
} from '../validation';

const RESOURCE = 'application';
const STRING_KEYS = [
  'incomingCallUrl',
  'incomingCallFallbackUrl',
  'incomingMessageUrl',
  'incomingMessageFallbackUrl',
] as const;

/** Applications: list, create, get, partial update, delete. */
export const applications: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/applications', async (request, reply) => {
    const user = context.userOf(request);
    return paginate(request, reply, [...user.applications.values()], context.url, {
      resource: RESOURCE,
    });
  });

  app.post('/v1/users/:userId/applications', async (request, reply) => {
    const user = context.userOf(request);
    const body = objectBody(request.body);
    const name = requiredString(body, 'name', RESOURCE);
    const candidate: ApplicationRecord = {
      id: context.ids.next(ID_PREFIXES.application),
      name,
      callbackHttpMethod: 'POST',
      autoAnswer: true,
    };
    applyChanges(candidate, body);
    checkApplication(candidate);
    user.applications.set(candidate.id, candidate);
    return reply
      .status(201)
      .header('Location', locationOf(context, user, candidate.id))
      .send();
  });

  app.get<{ Params: { applicationId: string } }>(
    '/v1/users/:userId/applications/:applicationId',
    async (request) => findApplication(context.userOf(request), request.params.applicationId),
  );

  app.post<{ Params: { applicationId: string } }>(
    '/v1/users/:userId/applications/:applicationId',
    async (request, reply) => {
      const existing = findApplication(context.userOf(request), request.params.applicationId);
      const body = objectBody(request.body, true);
      const candidate: ApplicationRecord = { ...existing };
      if (body.name !== undefined) candidate.name = requiredString(body, 'name', RESOURCE);
      applyChanges(candidate, body);
      checkApplication(candidate);
      Object.assign(existing, candidate);
      for (const key of STRING_KEYS) if (candidate[key] === undefined) delete existing[key];
      return reply.status(200).send();
    },
  );

  app.delete<{ Params: { applicationId: string } }>(
    '/v1/users/:userId/applications/:applicationId',
    async (request, reply) => {
      const user = context.userOf(request);
      const existing = findApplication(user, request.params.applicationId);
      user.applications.delete(existing.id);
      for (const phoneNumber of user.phoneNumbers.values()) {
        if (phoneNumber.applicationId === existing.id) delete phoneNumber.applicationId;
      }
      for (const endpoint of user.endpoints.values()) {
        if (endpoint.applicationId === existing.id) delete endpoint.applicationId;
      }
      return reply.status(200).send();
    },
  );
};

/** The user's application `applicationId`; 404 `application-not-found` otherwise. */
export function findApplication(user: UserState, applicationId: string): ApplicationRecord {
  const application = user.applications.get(applicationId);
  if (!application) throw notFound('application-not-found', 'application', applicationId);
  return application;
}

function locationOf(context: EmulatorContext, user: UserState, id: string): string {
  return absoluteUrl(context, userPath(user.userId, 'applications', id));
}

function applyChanges(application: ApplicationRecord, body: JsonObject): void {
  for (const key of STRING_KEYS) {
    if (!(key in body)) continue;
    const value = optionalString(body, key, RESOURCE);
    // An empty primary URL removes it; an empty fallback URL is rejected by the checks.
    if (value === undefined || (value === '' && !key.includes('Fallback'))) delete application[key];
    else application[key] = value;
  }
  for (const key of [
    'incomingCallUrlCallbackTimeout',
    'incomingMessageUrlCallbackTimeout',
  ] as const) {
    const value = optionalInteger(body, key, RESOURCE);
    if (value !== undefined) application[key] = value;
  }
  const method = optionalString(body, 'callbackHttpMethod', RESOURCE);
  if (method !== undefined) {
    application.callbackHttpMethod = oneOf(method, ['GET', 'POST'], RESOURCE, 'callbackHttpMethod');
  }
  const autoAnswer = optionalBoolean(body, 'autoAnswer', RESOURCE);
  if (autoAnswer !== undefined) application.autoAnswer = autoAnswer;
}

/** The §1.2 rules, with the reference's messages. */
function checkApplication(application: ApplicationRecord): void {
  if (!application.incomingCallUrl && !application.incomingMessageUrl) {
    throw validationError('Your application must have a least one callback URL.');
  }
  if (application.incomingCallFallbackUrl !== undefined) {
    if (application.incomingCallFallbackUrl.trim() === '') {
      throw validationError('Your application call fallback URL may not be blank/empty.');
    }
    if (!application.incomingCallUrl) {
      throw validationError(
        'Your application must have a call callback URL in order to have a fallback URL.',
      );
    }
  }
  if (application.incomingMessageFallbackUrl !== undefined) {
    if (application.incomingMessageFallbackUrl.trim() === '') {
      throw validationError('Your application sms fallback URL may not be blank/empty.');
    }
    if (!application.incomingMessageUrl) {
      throw validationError(
        'Your application must have a sms callback URL in order to have a fallback URL.',
      );
    }
  }
  checkTimeout(application.incomingCallUrlCallbackTimeout, 'Incoming Call');
  checkTimeout(application.incomingMessageUrlCallbackTimeout, 'Incoming SMS');
  for (const key of STRING_KEYS) {
    const value = application[key];
    if (value) checkCallbackUrl(value);
  }
}

function checkTimeout(value: number | undefined, label: string): void {
  if (value === undefined) return;
  if (value <= 0) throw validationError(`${label} callback timeout must be greater than 0`);
  if (value > 10_000) throw validationError(`${label} callback timeout must not surpass 10000`);
}
