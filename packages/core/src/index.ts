/**
 * @packageDocumentation
 * The shared transport of the `@bw` SDK, as applications see it: `BaseClient` (every client's base),
 * the error classes and option types (the list in `@bw/core/shared`), the defaults and `VERSION`.
 * The transport itself and its helpers are in `@bw/core/internal`, for `@bw` packages only.
 */
export type { RetryPolicy } from '@bw/core/internal';
export {
  BaseClient,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT,
  defaultRetryPolicy,
  REDACTED,
  VERSION,
} from '@bw/core/internal';
export * from './shared';
