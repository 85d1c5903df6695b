import type { EmulatorContext, RoutePlugin } from '../context';
import { apiError, notFound, validationError } from '../errors';
import { ID_PREFIXES } from '../ids';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';
import type { DomainRecord, UserState } from '../state';
import { objectBody, requiredString } from '../validation';

const RESOURCE = 'domain';
/** Domains per account. */
export const MAX_DOMAINS = 100;

/** Domains: list (size ≤ 100), create, get, delete (with its endpoints). */
export const domains: RoutePlugin = (app, context) => {
  app.get('/v1/users/:userId/domains', async (request, reply) => {
    const user = context.userOf(request);
    return paginate(request, reply, [...user.domains.values()], context.url, {
      resource: RESOURCE,
      maxSize: MAX_DOMAINS,
    }).map((domain) => render(context, user, domain));
  });

  app.post('/v1/users/:userId/domains', async (request, reply) => {
    const user = context.userOf(request);
    const body = objectBody(request.body);
    const name = requiredString(body, 'name', RESOURCE);
    const description = requiredString(body, 'description', RESOURCE);
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(name)) {
      throw validationError(
        `The '${RESOURCE}' resource property 'name' must be a DNS label (letters, digits and hyphens, at most 63)`,
      );
    }
    if (user.domains.size >= MAX_DOMAINS) {
      throw validationError(`The '${RESOURCE}' resource count exceeds the limit of ${MAX_DOMAINS}`);
    }
    for (const user of context.store.users.values()) {
      for (const existing of user.domains.values()) {
        if (existing.name.toLowerCase() === name.toLowerCase()) {
          throw apiError(
            409,
            'conflict',
            'duplicate-domain',
            `The domain name ${name} is already in use`,
          );
        }
      }
    }
    const domain: DomainRecord = { id: context.ids.next(ID_PREFIXES.domain), name, description };
    user.domains.set(domain.id, domain);
    return reply
      .status(201)
      .header('Location', absoluteUrl(context, userPath(user.userId, 'domains', domain.id)))
      .send();
  });

  app.get<{ Params: { domainId: string } }>(
    '/v1/users/:userId/domains/:domainId',
    async (request) => {
      const user = context.userOf(request);
      return render(context, user, findDomain(user, request.params.domainId));
    },
  );

  app.delete<{ Params: { domainId: string } }>(
    '/v1/users/:userId/domains/:domainId',
    async (request, reply) => {
      const user = context.userOf(request);
      const domain = findDomain(user, request.params.domainId);
      user.domains.delete(domain.id);
      for (const endpoint of [...user.endpoints.values()]) {
        if (endpoint.domainId === domain.id) user.endpoints.delete(endpoint.id);
      }
      return reply.status(200).send();
    },
  );
};

/** The user's domain; 404 `domain-not-found` otherwise. */
export function findDomain(user: UserState, domainId: string): DomainRecord {
  const domain = user.domains.get(domainId);
  if (!domain) throw notFound('domain-not-found', 'domain', domainId);
  return domain;
}

function render(
  context: EmulatorContext,
  user: UserState,
  domain: DomainRecord,
): Record<string, unknown> {
  return {
    ...domain,
    endpoints: absoluteUrl(context, userPath(user.userId, 'domains', domain.id, 'endpoints')),
  };
}
