import {
  type Open,
  type PagedIterable,
  type RequestOptions,
  requireId,
  requireKeys,
  type Transport,
} from '@bw/core/internal';

/** A number the account owns. */
export interface PhoneNumber {
  id: string;
  number?: string;
  nationalNumber?: string;
  name?: string;
  city?: string;
  state?: string;
  /** The application that receives this number's inbound call and message events. */
  applicationId?: string;
  /** URL of the application. */
  application?: string;
  /** Takes inbound calls when neither callback nor fallback URL can be reached. */
  fallbackNumber?: string;
  price?: string;
  createdTime?: string;
  numberState?: Open<'enabled' | 'released'>;
}

/** Filters of `listPhoneNumbers`, sent as query parameters. */
export interface ListPhoneNumbersOptions {
  applicationId?: string;
  state?: string;
  name?: string;
  city?: string;
  numberState?: 'enabled' | 'released';
  /** Page size: API default 25, at most 1000. */
  size?: number;
}

/** Body of `orderPhoneNumber`: order an available number, or import one with `provider`. */
export interface OrderPhoneNumberOptions {
  /** An available E.164 number. Required. */
  number: string;
  name?: string;
  applicationId?: string;
  fallbackNumber?: string;
  /** Imports the number from a Bandwidth Dashboard account; `properties.password` is never logged. */
  provider?: {
    providerName: 'bandwidth-dashboard';
    properties: { accountId: string; userName: string; password: string };
  };
}

/** Body of `updatePhoneNumber`: a partial update. */
export interface UpdatePhoneNumberOptions {
  name?: string;
  /** `""` detaches the number from its application. */
  applicationId?: string;
  fallbackNumber?: string;
}

/** Phone number methods of `AccountClient`. */
export abstract class PhoneNumberMethods {
  declare protected readonly transport: Transport;

  /** Lists the account's numbers, lazily across pages. `GET ~/phoneNumbers`. */
  listPhoneNumbers(
    opts?: ListPhoneNumbersOptions,
    requestOptions?: RequestOptions,
  ): PagedIterable<PhoneNumber> {
    return this.transport.paged<PhoneNumber>(
      { method: 'GET', path: this.transport.userPath('phoneNumbers'), query: opts },
      requestOptions,
    );
  }

  /** Orders (or imports) a number and resolves with its id. `POST ~/phoneNumbers`. */
  async orderPhoneNumber(
    opts: OrderPhoneNumberOptions,
    requestOptions?: RequestOptions,
  ): Promise<string> {
    requireKeys('phoneNumber', opts, ['number']);
    return this.transport.locationId(
      { method: 'POST', path: this.transport.userPath('phoneNumbers'), json: opts },
      requestOptions,
    );
  }

  /** Reads one number; `numberId` may be the id or the E.164 number. `GET ~/phoneNumbers/{numberId}`. */
  async getPhoneNumber(numberId: string, requestOptions?: RequestOptions): Promise<PhoneNumber> {
    return this.transport.json<PhoneNumber>(
      { method: 'GET', path: phoneNumberPath(this.transport, numberId) },
      requestOptions,
    );
  }

  /** Changes the keys given. `POST ~/phoneNumbers/{numberId}`. */
  async updatePhoneNumber(
    numberId: string,
    opts: UpdatePhoneNumberOptions,
    requestOptions?: RequestOptions,
  ): Promise<void> {
    return this.transport.noContent(
      { method: 'POST', path: phoneNumberPath(this.transport, numberId), json: opts },
      requestOptions,
    );
  }

  /** Releases a number permanently. `DELETE ~/phoneNumbers/{numberId}`. */
  async deletePhoneNumber(numberId: string, requestOptions?: RequestOptions): Promise<void> {
    return this.transport.noContent(
      { method: 'DELETE', path: phoneNumberPath(this.transport, numberId) },
      requestOptions,
    );
  }
}

function phoneNumberPath(transport: Transport, numberId: string): string {
  return transport.userPath('phoneNumbers', requireId('numberId', numberId));
}
