/**
 * @packageDocumentation The `node` build of `@bw/core`: everything the default entry exports, with
 * clients sending through undici's dispatcher API by default (a client's `fetch` option still wins).
 */

export type { RequestDispatcher, UndiciFetchOptions } from '@bw/core/internal';
export { createUndiciFetch } from '@bw/core/internal';
export * from './index';
