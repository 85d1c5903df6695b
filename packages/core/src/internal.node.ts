/**
 * @packageDocumentation The `node` build of `@bw/core/internal`: everything the default build
 * exports, with clients sending through undici's dispatcher API by default (a client's `fetch`
 * option still wins). Every entry of `@bw/core` takes its implementation from here under `node`,
 * so whichever entry a package imports, the undici fetch is installed once.
 */
import { setPlatformFetch } from './transport';
import { createUndiciFetch } from './undici-fetch';

setPlatformFetch(createUndiciFetch());

export * from './internal';
export type { UndiciFetchOptions } from './undici-fetch';
export { createUndiciFetch } from './undici-fetch';
