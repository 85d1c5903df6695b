/**
 * @packageDocumentation The `node` build of `@bw/core/internal`: everything the default build
 * exports, with clients sending JSON through `node:http` and everything else through ky over
 * undici's dispatcher API (a client's `fetch` option still wins). Every entry of `@bw/core` takes
 * its implementation from here under `node`, so whichever entry a package imports, the senders
 * are installed once.
 */
import { createNodeSender } from './node-sender';
import { setPlatform } from './transport';
import { createUndiciFetch } from './undici-fetch';

setPlatform(
  createNodeSender(() => import('undici')),
  createUndiciFetch(),
);

export * from './internal';
export type { UndiciFetchOptions } from './undici-fetch';
export { createUndiciFetch } from './undici-fetch';
