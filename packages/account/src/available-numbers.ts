import {
  InvalidResponseError,
  idFromLocation,
  type RequestOptions,
  type Transport,
} from '@bw/core/internal';

/** A number that can be ordered, as found by a search. */
export interface AvailableNumber {
  number: string;
  nationalNumber?: string;
  patternMatch?: string;
  city?: string;
  lata?: string;
  rateCenter?: string;
  state?: string;
  price?: string;
}

/** A number the account now owns, as returned by a search-and-order. */
export interface OrderedNumber {
  number: string;
  nationalNumber?: string;
  price?: string;
  /** URL of the new phone number resource, `…/phoneNumbers/{numberId}`. */
  location: string;
}

/** An ordered number with its phone number id (the last segment of `location`). */
export type OrderedNumberWithId = OrderedNumber & { id: string };

/**
 * Criteria of a local number search, sent as query parameters. The API requires exactly one of
 * `state`, `zip` and `areaCode`.
 */
export interface SearchLocalNumbersOptions {
  /** Needs `state`. */
  city?: string;
  state?: string;
  zip?: string;
  areaCode?: string;
  /** At least 3 digits; needs `areaCode`. */
  localNumber?: string;
  /** API default `false`; only with `localNumber`. */
  inLocalCallingArea?: boolean;
  /** API default 10, at most 5000. */
  quantity?: number;
  /** `?` matches one digit, `*` any number of digits. */
  pattern?: string;
}

/** Criteria of a local search-and-order; `quantity` is at most 10 here. */
export type OrderLocalNumbersOptions = Omit<SearchLocalNumbersOptions, 'pattern'>;

/** Criteria of a toll-free number search. */
export interface SearchTollFreeNumbersOptions {
  /** API default 10, at most 5000. */
  quantity?: number;
  /** `?` matches one digit, `*` any number of digits. */
  pattern?: string;
}

/** Criteria of a toll-free search-and-order. */
export interface OrderTollFreeNumbersOptions {
  /** API default 1, at most 10. */
  quantity?: number;
}

function asArray<T>(what: string, body: unknown): T[] {
  if (!Array.isArray(body)) {
    throw new InvalidResponseError(`${what}: response is not a JSON array`, body);
  }
  return body as T[];
}

/**
 * Adds each ordered number's id. The numbers are already bought when this runs, so a malformed
 * answer is rejected with the parsed body attached rather than dropped.
 */
function withIds(what: string, body: unknown): OrderedNumberWithId[] {
  return asArray<Partial<OrderedNumber> | null>(what, body).map((item, index) => {
    const location = item?.location;
    if (typeof location !== 'string' || location === '') {
      throw new InvalidResponseError(`${what}: ordered number ${index} has no location`, body);
    }
    return { ...(item as OrderedNumber), id: idFromLocation(location) };
  });
}

/** Available number search and search-and-order methods of `AccountClient` (no user segment). */
export abstract class AvailableNumberMethods {
  declare protected readonly transport: Transport;

  /** Searches local numbers; one answer, never paginated. `GET /availableNumbers/local`. */
  async searchAvailableLocalNumbers(
    opts: SearchLocalNumbersOptions,
    requestOptions?: RequestOptions,
  ): Promise<AvailableNumber[]> {
    const body = await this.transport.json<unknown>(
      { method: 'GET', path: this.transport.rootPath('availableNumbers', 'local'), query: opts },
      requestOptions,
    );
    return asArray('GET /availableNumbers/local', body);
  }

  /** Searches toll-free numbers; one answer, never paginated. `GET /availableNumbers/tollFree`. */
  async searchAvailableTollFreeNumbers(
    opts?: SearchTollFreeNumbersOptions,
    requestOptions?: RequestOptions,
  ): Promise<AvailableNumber[]> {
    const body = await this.transport.json<unknown>(
      { method: 'GET', path: this.transport.rootPath('availableNumbers', 'tollFree'), query: opts },
      requestOptions,
    );
    return asArray('GET /availableNumbers/tollFree', body);
  }

  /**
   * Finds and orders local numbers in one step; the criteria go in the query and no body is sent.
   * `POST /availableNumbers/local`. Resolves with the numbers now owned, each with its `id`.
   */
  async searchAndOrderLocalNumbers(
    opts: OrderLocalNumbersOptions,
    requestOptions?: RequestOptions,
  ): Promise<OrderedNumberWithId[]> {
    const body = await this.transport.json<unknown>(
      { method: 'POST', path: this.transport.rootPath('availableNumbers', 'local'), query: opts },
      requestOptions,
    );
    return withIds('POST /availableNumbers/local', body);
  }

  /**
   * Finds and orders toll-free numbers in one step; no body is sent.
   * `POST /availableNumbers/tollFree`. Resolves with the numbers now owned, each with its `id`.
   */
  async searchAndOrderTollFreeNumbers(
    opts?: OrderTollFreeNumbersOptions,
    requestOptions?: RequestOptions,
  ): Promise<OrderedNumberWithId[]> {
    const body = await this.transport.json<unknown>(
      {
        method: 'POST',
        path: this.transport.rootPath('availableNumbers', 'tollFree'),
        query: opts,
      },
      requestOptions,
    );
    return withIds('POST /availableNumbers/tollFree', body);
  }
}
