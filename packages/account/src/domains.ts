import {
  type PagedIterable,
  type RequestOptions,
  requireId,
  requireKeys,
  type SizeOptions,
  type Transport,
} from '@bw/core/internal';

/** A SIP domain: the host part of its endpoints' SIP URIs. */
export interface Domain {
  id: string;
  name?: string;
  description?: string;
  /** URL of the domain's endpoint list. */
  endpoints?: string;
}

/** Body of `createDomain`; both keys are required. At most 100 domains per account. */
export interface CreateDomainOptions {
  /** Unique; used in DNS. */
  name: string;
  description: string;
}

/** Domain methods of `AccountClient`. */
export abstract class DomainMethods {
  declare protected readonly transport: Transport;

  /** Lists domains, lazily across pages. `GET ~/domains` (`size` at most 100). */
  listDomains(opts?: SizeOptions, requestOptions?: RequestOptions): PagedIterable<Domain> {
    return this.transport.paged<Domain>(
      { method: 'GET', path: this.transport.userPath('domains'), query: opts },
      requestOptions,
    );
  }

  /** Creates a domain and resolves with its id. `POST ~/domains`. */
  async createDomain(opts: CreateDomainOptions, requestOptions?: RequestOptions): Promise<string> {
    requireKeys('domain', opts, ['name', 'description']);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('domains'), json: opts },
      requestOptions,
    );
  }

  /** Reads one domain. `GET ~/domains/{domainId}`. */
  async getDomain(domainId: string, requestOptions?: RequestOptions): Promise<Domain> {
    return this.transport.json<Domain>(
      { method: 'GET', path: domainPath(this.transport, domainId) },
      requestOptions,
    );
  }

  /** Deletes a domain. `DELETE ~/domains/{domainId}`. */
  async deleteDomain(domainId: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      { method: 'DELETE', path: domainPath(this.transport, domainId) },
      requestOptions,
    );
  }
}

function domainPath(transport: Transport, domainId: string): string {
  return transport.userPath('domains', requireId('domainId', domainId));
}
