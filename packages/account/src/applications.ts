import {
  type CallbackHttpMethod,
  type PagedIterable,
  type RequestOptions,
  requireId,
  requireKeys,
  type SizeOptions,
  type Transport,
} from '@bw/core/internal';

/** Body of `createApplication`; the API requires at least one `incoming*Url`. */
export interface CreateApplicationOptions {
  /** Required. */
  name: string;
  incomingCallUrl?: string;
  /** Milliseconds; API default and maximum 10000. */
  incomingCallUrlCallbackTimeout?: number;
  incomingCallFallbackUrl?: string;
  incomingMessageUrl?: string;
  /** Milliseconds; API default and maximum 10000. */
  incomingMessageUrlCallbackTimeout?: number;
  incomingMessageFallbackUrl?: string;
  /** API default `POST`. */
  callbackHttpMethod?: CallbackHttpMethod;
  /** API default `true`. */
  autoAnswer?: boolean;
}

/** Body of `updateApplication`: a partial update, keys not sent stay unchanged. */
export type UpdateApplicationOptions = Partial<CreateApplicationOptions>;

/**
 * An application: where the API sends events of inbound calls and messages. The fields of
 * `CreateApplicationOptions`, each optional, plus its `id`; `callbackHttpMethod` as the API
 * reports it.
 */
export interface Application extends Omit<UpdateApplicationOptions, 'callbackHttpMethod'> {
  id: string;
  callbackHttpMethod?: string;
}

/** Application methods of `AccountClient`. */
export abstract class ApplicationMethods {
  declare protected readonly transport: Transport;

  /** Lists applications, lazily across pages. `GET ~/applications`. */
  listApplications(
    opts?: SizeOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<Application> {
    return this.transport.paged<Application>(
      { method: 'GET', path: this.transport.userPath('applications'), query: opts },
      requestOptions,
    );
  }

  /** Creates an application and resolves with its id. `POST ~/applications`; `name` is required. */
  async createApplication(
    opts: CreateApplicationOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    requireKeys('application', opts, ['name']);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('applications'), json: opts },
      requestOptions,
    );
  }

  /** Reads one application. `GET ~/applications/{applicationId}`. */
  async getApplication(
    applicationId: string,
    requestOptions?: RequestOptions,
  ): Promise<Application> {
    return this.transport.json<Application>(
      { method: 'GET', path: applicationPath(this.transport, applicationId) },
      requestOptions,
    );
  }

  /** Changes the keys given and leaves the rest. `POST ~/applications/{applicationId}`. */
  async updateApplication(
    applicationId: string,
    opts: UpdateApplicationOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: applicationPath(this.transport, applicationId), json: opts },
      requestOptions,
    );
  }

  /** Deletes an application. `DELETE ~/applications/{applicationId}`. */
  async deleteApplication(applicationId: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      { method: 'DELETE', path: applicationPath(this.transport, applicationId) },
      requestOptions,
    );
  }
}

function applicationPath(transport: Transport, applicationId: string): string {
  return transport.userPath('applications', requireId('applicationId', applicationId));
}
