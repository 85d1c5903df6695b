import {
  type PagedIterable,
  type RequestOptions,
  requireId,
  requireKeys,
  type SizeOptions,
  type Transport,
} from '@bw/core/internal';

/** A SIP endpoint (a SIP user) of a domain. The password is never returned. */
export interface Endpoint {
  id: string;
  name?: string;
  description?: string;
  domainId?: string;
  applicationId?: string;
  enabled?: boolean;
  sipUri?: string;
  credentials?: { realm?: string; username?: string };
}

/** Body of `createDomainEndpoint`; `name` and `credentials.password` are required. */
export interface CreateDomainEndpointOptions {
  /** The SIP user part; unique in the domain and immutable. */
  name: string;
  description?: string;
  /** The application that receives this endpoint's call events. */
  applicationId?: string;
  /** API default `true`. */
  enabled?: boolean;
  /** `password`: at least 6 Latin-1 characters. Never logged. */
  credentials: { password: string };
}

/** Body of `updateDomainEndpoint`: only the keys given are sent. */
export interface UpdateDomainEndpointOptions {
  description?: string;
  applicationId?: string;
  enabled?: boolean;
  credentials?: { password: string };
}

/** Body of `createDomainEndpointAuthToken`. */
export interface CreateAuthTokenOptions {
  /** Lifetime in seconds; the server default applies when left out. */
  expires?: number;
}

/** A SIP auth token of an endpoint. */
export interface AuthToken {
  token: string;
  /** Seconds. */
  expires?: number;
}

/** Domain endpoint methods of `AccountClient`. */
export abstract class EndpointMethods {
  declare protected readonly transport: Transport;

  /** Lists a domain's endpoints, lazily across pages. `GET ~/domains/{domainId}/endpoints`. */
  listDomainEndpoints(
    domainId: string,
    opts?: SizeOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<Endpoint> {
    return this.transport.paged<Endpoint>(
      () => ({ method: 'GET', path: endpointsPath(this.transport, domainId), query: opts }),
      requestOptions,
    );
  }

  /** Creates an endpoint and resolves with its id. `POST ~/domains/{domainId}/endpoints`. */
  async createDomainEndpoint(
    domainId: string,
    opts: CreateDomainEndpointOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    const path = endpointsPath(this.transport, domainId);
    requireKeys('endpoint', opts, ['name', 'credentials']);
    requireKeys('endpoint.credentials', opts.credentials, ['password']);
    return this.transport.locationId({ method: 'POST', path, json: opts }, requestOptions);
  }

  /** Reads one endpoint. `GET ~/domains/{domainId}/endpoints/{endpointId}`. */
  async getDomainEndpoint(
    domainId: string,
    endpointId: string,
    requestOptions?: RequestOptions,
  ): Promise<Endpoint> {
    return this.transport.json<Endpoint>(
      { method: 'GET', path: endpointPath(this.transport, domainId, endpointId) },
      requestOptions,
    );
  }

  /** Changes the keys given. `POST ~/domains/{domainId}/endpoints/{endpointId}`. */
  async updateDomainEndpoint(
    domainId: string,
    endpointId: string,
    opts: UpdateDomainEndpointOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: endpointPath(this.transport, domainId, endpointId), json: opts },
      requestOptions,
    );
  }

  /** Deletes an endpoint. `DELETE ~/domains/{domainId}/endpoints/{endpointId}`. */
  async deleteDomainEndpoint(
    domainId: string,
    endpointId: string,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'DELETE', path: endpointPath(this.transport, domainId, endpointId) },
      requestOptions,
    );
  }

  /**
   * Creates a SIP auth token for an endpoint and resolves with the API's `{ token, expires }`.
   * `POST ~/domains/{domainId}/endpoints/{endpointId}/tokens`; the body is `{}` unless `expires` is
   * given.
   */
  async createDomainEndpointAuthToken(
    domainId: string,
    endpointId: string,
    opts?: CreateAuthTokenOptions,
    requestOptions?: RequestOptions,
  ): Promise<AuthToken> {
    return this.transport.json<AuthToken>(
      {
        method: 'POST',
        path: endpointPath(this.transport, domainId, endpointId, 'tokens'),
        json: opts ?? {},
      },
      requestOptions,
    );
  }
}

function endpointsPath(transport: Transport, domainId: string): string {
  return transport.userPath('domains', requireId('domainId', domainId), 'endpoints');
}

function endpointPath(
  transport: Transport,
  domainId: string,
  endpointId: string,
  ...rest: string[]
): string {
  return transport.userPath(
    'domains',
    requireId('domainId', domainId),
    'endpoints',
    requireId('endpointId', endpointId),
    ...rest,
  );
}
