import type { EmulatorContext, RoutePlugin } from '../context';
import { apiError, missingProperty, notFound, validationError } from '../errors';
import { absoluteUrl, userPath } from '../location';
import { provisionNumber } from '../numbers/provision';
import { paginate, queryValue } from '../pagination';
import { isE164, isNanpNumber } from '../phone';
import type { PhoneNumberRecord, UserState } from '../state';
import { type JsonObject, objectBody, optionalString, requiredString } from '../validation';
import { findApplication } from './applications';

const RESOURCE = 'phoneNumber';

/** Phone numbers: list, order/import, get (by id or E.164), update, delete (release). */
export const phoneNumbers: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/phoneNumbers', async (request, reply) => {
    const user = context.userOf(request);
    const query = request.query;
    const filters: Array<[keyof PhoneNumberRecord, string | undefined]> = [
      ['applicationId', queryValue(query, 'applicationId')],
      ['state', queryValue(query, 'state')],
      ['name', queryValue(query, 'name')],
      ['city', queryValue(query, 'city')],
      ['numberState', queryValue(query, 'numberState')],
    ];
    const matching = [...user.phoneNumbers.values()].filter((record) =>
      filters.every(
        ([key, wanted]) =>
          wanted === undefined || String(record[key] ?? '').toLowerCase() === wanted.toLowerCase(),
      ),
    );
    return paginate(request, reply, matching, context.url, { resource: RESOURCE }).map((record) =>
      render(context, user, record),
    );
  });

  app.post('/v1/users/:userId/phoneNumbers', async (request, reply) => {
    const user = context.userOf(request);
    const body = objectBody(request.body);
    const number = requiredString(body, 'number', RESOURCE);
    if (!isE164(number) || !isNanpNumber(number)) throw validationError('Invalid phone number');
    if (body.provider !== undefined) checkProvider(body.provider);
    const name = optionalString(body, 'name', RESOURCE);
    const applicationId = optionalString(body, 'applicationId', RESOURCE);
    if (applicationId) findApplication(user, applicationId);
    const fallbackNumber = optionalString(body, 'fallbackNumber', RESOURCE);
    if (fallbackNumber && !isE164(fallbackNumber)) throw validationError('Invalid phone number');
    const owner = context.store.ownerOf(number);
    if (owner) {
      throw apiError(
        409,
        'conflict',
        'duplicate-number',
        owner.user === user
          ? `Cannot create another instance of number resource ${owner.phoneNumber.id} for number ${number}`
          : `The number ${number} is not available`,
      );
    }
    const extras: Parameters<typeof provisionNumber>[3] = {};
    if (name !== undefined) extras.name = name;
    if (applicationId) extras.applicationId = applicationId;
    if (fallbackNumber) extras.fallbackNumber = fallbackNumber;
    const record = provisionNumber(context, user, number, extras);
    return reply
      .status(201)
      .header('Location', absoluteUrl(context, userPath(user.userId, 'phoneNumbers', record.id)))
      .send();
  });

  app.get<{ Params: { numberId: string } }>(
    '/v1/users/:userId/phoneNumbers/:numberId',
    async (request) => {
      const user = context.userOf(request);
      return render(context, user, findPhoneNumber(user, request.params.numberId));
    },
  );

  app.post<{ Params: { numberId: string } }>(
    '/v1/users/:userId/phoneNumbers/:numberId',
    async (request, reply) => {
      const user = context.userOf(request);
      const record = findPhoneNumber(user, request.params.numberId);
      const body = objectBody(request.body, true);
      const applicationId = optionalString(body, 'applicationId', RESOURCE);
      if (applicationId) findApplication(user, applicationId);
      const fallbackNumber = optionalString(body, 'fallbackNumber', RESOURCE);
      if (fallbackNumber && !isE164(fallbackNumber)) throw validationError('Invalid phone number');
      const name = optionalString(body, 'name', RESOURCE);
      if (applicationId === '') delete record.applicationId;
      else if (applicationId !== undefined) record.applicationId = applicationId;
      if (fallbackNumber === '') delete record.fallbackNumber;
      else if (fallbackNumber !== undefined) record.fallbackNumber = fallbackNumber;
      if (name !== undefined) record.name = name;
      return reply.status(200).send();
    },
  );

  app.delete<{ Params: { numberId: string } }>(
    '/v1/users/:userId/phoneNumbers/:numberId',
    async (request, reply) => {
      const user = context.userOf(request);
      const record = findPhoneNumber(user, request.params.numberId);
      context.store.releaseNumber(record);
      return reply.status(200).send();
    },
  );
};

/** The user's number by id or E.164 (enabled first); 404 `number-not-found` otherwise. */
export function findPhoneNumber(user: UserState, numberId: string): PhoneNumberRecord {
  const byId = user.phoneNumbers.get(numberId);
  if (byId) return byId;
  let released: PhoneNumberRecord | undefined;
  for (const record of user.phoneNumbers.values()) {
    if (record.number !== numberId) continue;
    if (record.numberState === 'enabled') return record;
    released = record;
  }
  if (released) return released;
  throw notFound('number-not-found', 'number', numberId);
}

function render(
  context: EmulatorContext,
  user: UserState,
  record: PhoneNumberRecord,
): Record<string, unknown> {
  const rendered: Record<string, unknown> = { ...record };
  if (record.applicationId) {
    rendered.application = absoluteUrl(
      context,
      userPath(user.userId, 'applications', record.applicationId),
    );
  }
  return rendered;
}

function checkProvider(provider: unknown): void {
  const body = objectBody(provider) as JsonObject;
  const providerName = requiredString(body, 'providerName', 'provider');
  if (providerName !== 'bandwidth-dashboard') {
    throw validationError(
      "The 'provider' resource property 'providerName' must be one of the following values: bandwidth-dashboard",
    );
  }
  if (body.properties === undefined) throw missingProperty('provider', 'properties');
  const properties = objectBody(body.properties);
  for (const key of ['accountId', 'userName', 'password']) {
    requiredString(properties, key, 'provider');
  }
}
