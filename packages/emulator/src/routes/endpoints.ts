import type { RoutePlugin } from '../context';
import { apiError, missingProperty, notFound, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';
import type { DomainRecord, EndpointRecord, UserState } from '../state';
import {
  type JsonObject,
  objectBody,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
} from '../validation';
import { findApplication } from './applications';
import { findDomain } from './domains';

const RESOURCE = 'endpoint';
const SIP_SUFFIX = 'bwapp.bwsipp.io';
const DEFAULT_TOKEN_SECONDS = 3600;
const MAX_TOKEN_SECONDS = 86_400;

type EndpointParams = { domainId: string; endpointId: string };

/** Domain endpoints: list, create, get, update, delete, and auth tokens. */
export const endpoints: RoutePlugin = (app, context) => {
  const base = '/v1/users/:userId/domains/:domainId/endpoints';

  app.get<{ Params: { domainId: string } }>(base, async (request, reply) => {
    const user = context.userOf(request);
    const domain = findDomain(user, request.params.domainId);
    const items = [...user.endpoints.values()].filter(
      (endpoint) => endpoint.domainId === domain.id,
    );
    return paginate(request, reply, items, context.url, { resource: RESOURCE }).map(render);
  });

  app.post<{ Params: { domainId: string } }>(base, async (request, reply) => {
    const user = context.userOf(request);
    const domain = findDomain(user, request.params.domainId);
    const body = objectBody(request.body);
    const name = requiredString(body, 'name', RESOURCE);
    if (!/^[A-Za-z0-9._~!$&'()*+,;=-]+$/.test(name)) {
      throw validationError(
        `The '${RESOURCE}' resource property 'name' is not a valid SIP user name`,
      );
    }
    for (const existing of user.endpoints.values()) {
      if (existing.domainId === domain.id && existing.name.toLowerCase() === name.toLowerCase()) {
        throw apiError(
          409,
          'conflict',
          'duplicate-endpoint',
          `An endpoint named ${name} already exists in domain ${domain.id}`,
        );
      }
    }
    if (body.credentials === undefined || body.credentials === null) {
      throw missingProperty(RESOURCE, 'credentials');
    }
    const password = readPassword(body.credentials, true) as string;
    const realm = `${domain.name}.${SIP_SUFFIX}`;
    const endpoint: EndpointRecord = {
      id: context.ids.next(ID_PREFIXES.endpoint),
      domainId: domain.id,
      name,
      enabled: true,
      password,
      sipUri: `${name}@${realm}`,
      credentials: { realm, username: name },
    };
    applyChanges(user, endpoint, body);
    user.endpoints.set(endpoint.id, endpoint);
    return reply
      .status(201)
      .header(
        'Location',
        absoluteUrl(context, userPath(user.userId, 'domains', domain.id, 'endpoints', endpoint.id)),
      )
      .send();
  });

  app.get<{ Params: EndpointParams }>(`${base}/:endpointId`, async (request) => {
    const user = context.userOf(request);
    return render(
      findEndpoint(user, findDomain(user, request.params.domainId), request.params.endpointId),
    );
  });

  app.post<{ Params: EndpointParams }>(`${base}/:endpointId`, async (request, reply) => {
    const user = context.userOf(request);
    const endpoint = findEndpoint(
      user,
      findDomain(user, request.params.domainId),
      request.params.endpointId,
    );
    const body = objectBody(request.body, true);
    if (body.name !== undefined && body.name !== endpoint.name) {
      throw validationError(`The '${RESOURCE}' resource property 'name' cannot be changed`);
    }
    const password =
      body.credentials === undefined ? undefined : readPassword(body.credentials, false);
    const updated = { ...endpoint };
    applyChanges(user, updated, body);
    if (password !== undefined) updated.password = password;
    Object.assign(endpoint, updated);
    if (updated.applicationId === undefined) delete endpoint.applicationId;
    return reply.status(200).send();
  });

  app.delete<{ Params: EndpointParams }>(`${base}/:endpointId`, async (request, reply) => {
    const user = context.userOf(request);
    const endpoint = findEndpoint(
      user,
      findDomain(user, request.params.domainId),
      request.params.endpointId,
    );
    user.endpoints.delete(endpoint.id);
    return reply.status(200).send();
  });

  app.post<{ Params: EndpointParams }>(`${base}/:endpointId/tokens`, async (request, reply) => {
    const user = context.userOf(request);
    findEndpoint(user, findDomain(user, request.params.domainId), request.params.endpointId);
    const body = objectBody(request.body, true);
    const expires = optionalInteger(body, 'expires', 'token') ?? DEFAULT_TOKEN_SECONDS;
    if (expires <= 0)
      throw validationError("The 'token' resource property 'expires' must be greater than 0");
    if (expires > MAX_TOKEN_SECONDS) {
      throw validationError(
        `The 'token' resource property 'expires' exceeds the limit of ${MAX_TOKEN_SECONDS}`,
      );
    }
    const token = Buffer.from(context.ids.next(ID_PREFIXES.token) + context.ids.next('')).toString(
      'base64url',
    );
    return reply.status(201).send({ token, expires });
  });
};

function findEndpoint(user: UserState, domain: DomainRecord, endpointId: string): EndpointRecord {
  const endpoint = user.endpoints.get(endpointId);
  if (!endpoint || endpoint.domainId !== domain.id) {
    throw notFound('endpoint-not-found', 'endpoint', endpointId);
  }
  return endpoint;
}

function applyChanges(user: UserState, endpoint: EndpointRecord, body: JsonObject): void {
  const description = optionalString(body, 'description', RESOURCE);
  if (description !== undefined) endpoint.description = description;
  const applicationId = optionalString(body, 'applicationId', RESOURCE);
  if (applicationId === '') delete endpoint.applicationId;
  else if (applicationId !== undefined) {
    findApplication(user, applicationId);
    endpoint.applicationId = applicationId;
  }
  const enabled = optionalBoolean(body, 'enabled', RESOURCE);
  if (enabled !== undefined) endpoint.enabled = enabled;
}

function readPassword(credentials: unknown, required: boolean): string | undefined {
  const body = objectBody(credentials);
  if (body.password === undefined && !required) return undefined;
  const password = requiredString(body, 'password', 'credentials');
  // Latin-1 only, at least 6 characters (the message never repeats the password).
  if (password.length < 6) {
    throw validationError(
      "The 'credentials' resource property 'password' must have at least 6 characters",
    );
  }
  if (!/^[\u0020-\u007e\u00a0-\u00ff]+$/.test(password)) {
    throw validationError(
      "The 'credentials' resource property 'password' must contain Latin-1 characters only",
    );
  }
  return password;
}

/** An endpoint as the API shows it: everything but the password. */
function render(endpoint: EndpointRecord): Omit<EndpointRecord, 'password'> {
  const { password: _password, ...visible } = endpoint;
  return { ...visible, credentials: { ...visible.credentials } };
}
