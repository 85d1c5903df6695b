import {
  type Open,
  type PagedIterable,
  type RequestOptions,
  requireId,
  type SizeOptions,
  type Transport,
} from '@bw/core/internal';

/** An entry of the account's platform error log (e.g. a callback that could not be delivered). */
export interface PlatformError {
  id: string;
  /** ISO string; some payloads use epoch milliseconds. */
  time?: string | number;
  category?: Open<
    | 'authentication'
    | 'authorization'
    | 'not-found'
    | 'bad-request'
    | 'conflict'
    | 'forbidden'
    | 'unavailable'
    | 'credit'
    | 'limit'
    | 'payment'
    | 'backend'
  >;
  code?: string;
  message?: string;
  details?: Array<{ id?: string; name: string; value: string }>;
}

/** Error log methods of `AccountClient`. */
export abstract class ErrorMethods {
  declare protected readonly transport: Transport;

  /** Lists the account's platform errors, lazily across pages. `GET ~/errors`. */
  listErrors(opts?: SizeOptions, requestOptions?: RequestOptions): PagedIterable<PlatformError> {
    return this.transport.paged<PlatformError>(
      { method: 'GET', path: this.transport.userPath('errors'), query: opts },
      requestOptions,
    );
  }

  /** Reads one platform error. `GET ~/errors/{errorId}`. */
  async getError(errorId: string, requestOptions?: RequestOptions): Promise<PlatformError> {
    return this.transport.json<PlatformError>(
      { method: 'GET', path: this.transport.userPath('errors', requireId('errorId', errorId)) },
      requestOptions,
    );
  }
}
