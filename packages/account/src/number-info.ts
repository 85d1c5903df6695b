import { type RequestOptions, requireId, type Transport } from '@bw/core/internal';

/** Caller-name (CNAM) information of a number. */
export interface NumberInfo {
  number: string;
  name?: string;
  created?: string;
  updated?: string;
}

/** Number info method of `AccountClient`. */
export abstract class NumberInfoMethods {
  declare protected readonly transport: Transport;

  /** Looks up the caller name of a number. `GET /phoneNumbers/numberInfo/{number}` (no user segment). */
  async getNumberInfo(number: string, requestOptions?: RequestOptions): Promise<NumberInfo> {
    return this.transport.json<NumberInfo>(
      {
        method: 'GET',
        path: this.transport.rootPath('phoneNumbers', 'numberInfo', requireId('number', number)),
      },
      requestOptions,
    );
  }
}
