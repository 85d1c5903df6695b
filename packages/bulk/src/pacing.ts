import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { Pacing } from './backend';
import { sleep } from './backend';
import type { SendLimit, SendLimits } from './types';
import { DOCUMENTED_SEND_LIMITS } from './types';

/**
 * The least time between two sends that keeps `limit` per `windowMs` true in every window, with
 * `marginMs` of the window kept free for the time a request takes to arrive.
 */
export function intervalOf(
  limit: SendLimit | false | undefined,
  marginMs: number,
): number | undefined {
  if (!limit) return undefined;
  if (limit.limit <= 0) throw new RangeError('a send limit must allow at least one send');
  return (limit.windowMs + marginMs) / limit.limit;
}

/** The pacing of a sender's limits (documented defaults where not given). */
export function pacingOf(limits: SendLimits | undefined, marginMs: number): Pacing {
  const perNumber = limits?.perNumber ?? DOCUMENTED_SEND_LIMITS.perNumber;
  const perAccount = limits?.perAccount ?? DOCUMENTED_SEND_LIMITS.perAccount;
  return {
    numberIntervalMs: intervalOf(perNumber, marginMs),
    accountIntervalMs: intervalOf(perAccount, marginMs),
  };
}

/** Waits until `limiter` grants `key` a point (another worker may hold the turn or a pause). */
export async function turnOf(
  limiter: RateLimiterAbstract,
  key: string,
  closed: () => boolean,
): Promise<void> {
  while (!closed()) {
    try {
      await limiter.consume(key, 1);
      return;
    } catch (rejection) {
      if (rejection instanceof Error) throw rejection;
      await sleep(Math.max(1, (rejection as RateLimiterRes).msBeforeNext));
    }
  }
}
