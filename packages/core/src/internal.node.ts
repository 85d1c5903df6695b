/**
 * @packageDocumentation The `node` build of `@bw/core/internal`: everything the default build
 * exports, with clients sending through ky over undici's dispatcher API by default (a client's
 * `fetch` option still wins); undici is loaded before the first attempt starts its timeout. Every
 * entry of `@bw/core` takes its implementation from here under `node`, so whichever entry a
 * package imports, the undici fetch is installed once.
 */
import { kyAfter } from './ky-sender';
import { setPlatform } from './transport';
import { createUndiciFetch } from './undici-fetch';

setPlatform(
  kyAfter(() => import('undici')),
  createUndiciFetch(),
);

export * from './internal';
export type { UndiciFetchOptions } from './undici-fetch';
export { createUndiciFetch } from './undici-fetch';
