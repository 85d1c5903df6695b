/** @packageDocumentation The shared transport of the `@bw` SDK. */
export { omitUndefined, requireId, requireKeys } from './arguments';
export { BaseClient } from './client';
export * from './errors';
export type { LinkValue, Page, PagedIterable } from './pagination';
export { createPagedIterable, nextLink, parseLinkHeader } from './pagination';
export { REDACTED, redactHeaders, redactValue } from './redact';
export type { RetryPolicy } from './retry';
export { defaultRetryPolicy } from './retry';
export type { TransportConfig } from './transport';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT, Transport } from './transport';
export type * from './types';
export { buildQuery, idFromLocation } from './url';
export { VERSION } from './version';
