/**
 * @packageDocumentation The `node` build of `@bw/core`: everything the default entry exports, with
 * clients sending through undici's dispatcher API by default (a client's `fetch` option still wins).
 */
import { setPlatformFetch } from './transport';
import { createUndiciFetch } from './undici-fetch';

setPlatformFetch(createUndiciFetch());

export * from './index';
export type { UndiciFetchOptions } from './undici-fetch';
export { createUndiciFetch } from './undici-fetch';
