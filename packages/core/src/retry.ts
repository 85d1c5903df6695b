import {
  AbortError,
  ApiError,
  type BandwidthError,
  ConnectionError,
  RateLimitError,
  resetTimeFrom,
  TimeoutError,
} from './errors';
import type { RetryOptions } from './types';

/** A retry policy with every field settled. */
export type RetryPolicy = Required<RetryOptions>;

/** Defaults: two retries, backoff from 500 ms, never waiting more than 30 s. */
export const defaultRetryPolicy: RetryPolicy = { limit: 2, baseDelay: 500, maxDelay: 30_000 };

/** Settles the policy for one call: per-call options over per-client options over the defaults. */
export function resolveRetryPolicy(
  client: RetryOptions | false | undefined,
  call: RetryOptions | false | undefined,
): RetryPolicy {
  if (call === false || (call === undefined && client === false)) {
    return { ...defaultRetryPolicy, limit: 0 };
  }
  const pick = (key: keyof RetryOptions): number =>
    (call ? call[key] : undefined) ?? (client ? client[key] : undefined) ?? defaultRetryPolicy[key];
  return { limit: pick('limit'), baseDelay: pick('baseDelay'), maxDelay: pick('maxDelay') };
}

const idempotentMethods = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);
const transientStatuses = new Set([408, 500, 502, 503, 504]);

/**
 * Whether repeating the request cannot duplicate a side effect: a rejected request (rate limit)
 * or a refused connection never reached the API; anything else only for idempotent methods.
 */
export function isRetryable(method: string, error: BandwidthError): boolean {
  if (error instanceof RateLimitError) return true;
  const idempotent = idempotentMethods.has(method);
  if (error instanceof ConnectionError) return idempotent || error.code === 'ECONNREFUSED';
  if (error instanceof TimeoutError) return idempotent;
  return idempotent && error instanceof ApiError && transientStatuses.has(error.status);
}

/**
 * Milliseconds to wait before retry number `retryCount` (1-based), or `undefined` to give up:
 * the error is not retryable, the limit is reached, or the server asked to wait longer than
 * `maxDelay`. A server hint (`Retry-After`, `X-RateLimit-Reset`) wins over backoff; backoff uses
 * full jitter, a uniform draw in `[0, min(maxDelay, baseDelay·2^(retryCount-1))]`.
 */
export function retryDelay(
  policy: RetryPolicy,
  method: string,
  error: BandwidthError,
  retryCount: number,
  now = Date.now(),
): number | undefined {
  if (retryCount > policy.limit || !isRetryable(method, error)) return undefined;
  const resetAt =
    error instanceof RateLimitError
      ? error.resetAt
      : error instanceof ApiError
        ? resetTimeFrom(new Headers(error.headers), now)
        : undefined;
  if (resetAt) {
    const wait = Math.max(0, resetAt.getTime() - now);
    return wait > policy.maxDelay ? undefined : wait;
  }
  return Math.random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** (retryCount - 1));
}

/** Waits `ms`, rejecting with `AbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
