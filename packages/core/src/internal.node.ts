/**
 * @packageDocumentation The `node` build of `@bw/core/internal`: everything the default build
 * exports, with clients sending through ky over undici's dispatcher API by default (a client's
 * `fetch` option still wins). undici loads in the background once the first request has been
 * answered; until then the same fetch sends over `node:http`. Every entry of `@bw/core` takes
 * its implementation from here under `node`, so whichever entry a package imports, the fetch is
 * installed once.
 */
import { nodePlatformFetch } from './platform-fetch';
import { setPlatformFetch } from './transport';

setPlatformFetch(nodePlatformFetch());

export * from './internal';
export type { RequestDispatcher, UndiciFetchOptions } from './undici-fetch';
export { createUndiciFetch } from './undici-fetch';
