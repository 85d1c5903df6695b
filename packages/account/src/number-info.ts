import { type RequestOptions, requireId } from '@bw/core/internal';
import { ErrorMethods } from './errors';

/** Caller-name (CNAM) information of a number. */
export interface NumberInfo {
  number: string;
  name?: string;
  created?: string;
  updated?: string;
}

/** Number info method of `AccountClient`. */
export abstract class NumberInfoMethods extends ErrorMethods {
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
