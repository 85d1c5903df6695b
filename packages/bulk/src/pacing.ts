import type { PaceLimit, Pacing } from './backend';
import type { SendLimit, SendLimits } from './types';
import { DOCUMENTED_SEND_LIMITS } from './types';

/**
 * A limit as the queue keeps it: `limit` per `windowMs`, sends spaced `(windowMs + marginMs) /
 * limit` apart.
 */
export function paceLimitOf(
  limit: SendLimit | false | undefined,
  marginMs: number,
): PaceLimit | undefined {
  if (!limit) return undefined;
  if (limit.limit <= 0) throw new RangeError('a send limit must allow at least one send');
  return {
    limit: limit.limit,
    windowMs: limit.windowMs,
    intervalMs: (limit.windowMs + marginMs) / limit.limit,
  };
}

/** The pacing of a sender's limits (documented defaults where not given). */
export function pacingOf(
  limits: SendLimits | undefined,
  marginMs: number,
  inFlightMs: number,
): Pacing {
  return {
    perNumber: paceLimitOf(limits?.perNumber ?? DOCUMENTED_SEND_LIMITS.perNumber, marginMs),
    perAccount: paceLimitOf(limits?.perAccount ?? DOCUMENTED_SEND_LIMITS.perAccount, marginMs),
    marginMs,
    inFlightMs,
  };
}

/** One send in a {@link Pace}'s log: an upper bound of the time the API counted it. */
interface LoggedSend {
  id: number;
  bound: number;
}

/**
 * The pace of one number or of the account, in memory: the next free time, and the log of the
 * last sends, each with an upper bound of the time the API counted it. The rule is the one the
 * BullMQ queue runs in Redis (`TAKE_TURN` in `bullmq.ts`):
 *
 * - a send may start at the next free time, which each send moves on by the interval;
 * - and no earlier than `windowMs + marginMs` after the bound of the `limit`-th latest send;
 * - a send taken is logged at `turn + inFlightMs` (the longest it can be in flight); its answer
 *   (or failure) lowers that to the time it arrived, since the API counted it by then.
 *
 * So send k + limit cannot reach the API within one window of send k, however late k was counted.
 */
export class Pace {
  readonly limit: PaceLimit;
  /** The next free time (epoch ms). */
  next = 0;
  /** Highest bound first. */
  #log: LoggedSend[] = [];

  constructor(limit: PaceLimit) {
    this.limit = limit;
  }

  /**
   * The earliest a send may start; `pending` when the log's `limit`-th latest send is still in
   * flight (its bound can only come down): `at` is then a guess, for when to look again.
   */
  earliest(now: number, marginMs: number, inFlightMs: number): { at: number; pending: boolean } {
    let at = Math.max(now, this.next);
    const decisive = this.#log[this.limit.limit - 1];
    if (!decisive) return { at, pending: false };
    const pending = decisive.bound > now;
    const bound = pending ? Math.max(now, decisive.bound - inFlightMs) : decisive.bound;
    at = Math.max(at, bound + this.limit.windowMs + marginMs);
    return { at, pending };
  }

  /**
   * Takes the turn at `at`: moves the next free time on (from itself, not from a turn the log
   * held back, so one slow answer does not hold back every later send) and logs the send as in
   * flight.
   */
  take(id: number, at: number, now: number, inFlightMs: number): void {
    this.next = Math.max(now, this.next) + this.limit.intervalMs;
    this.#insert({ id, bound: at + inFlightMs });
    // A send of bound under the `limit`-th highest never decides again once its bound is in the
    // past (no later bound comes under it); a send in flight may still come down, so it stays.
    const decisive = this.#log[this.limit.limit - 1];
    if (decisive) {
      const floor = Math.min(decisive.bound, now);
      this.#log = this.#log.filter((send) => send.bound >= floor);
    }
  }

  /** The answer (or failure) of send `id` arrived at `now`: the API counted it by then. */
  over(id: number, now: number): void {
    const index = this.#log.findIndex((send) => send.id === id);
    const send = this.#log[index];
    if (!send || send.bound <= now) return;
    this.#log.splice(index, 1);
    this.#insert({ id, bound: now });
  }

  /** Nothing until `until` (the API said so). */
  pause(until: number): void {
    this.next = Math.max(this.next, until);
  }

  #insert(send: LoggedSend): void {
    let index = this.#log.findIndex((other) => other.bound < send.bound);
    if (index < 0) index = this.#log.length;
    this.#log.splice(index, 0, send);
  }
}

let lastTurnId = 0;

/**
 * Takes a turn in every one of `paces` at once (the latest time all allow), or, when a send still
 * in flight decides it, says when to look again. `id` names the turn for {@link Pace.over}.
 */
export function takeTurn(
  paces: readonly Pace[],
  now: number,
  marginMs: number,
  inFlightMs: number,
): { id: number | undefined; at: number } {
  let at = now;
  let pending = false;
  for (const pace of paces) {
    const earliest = pace.earliest(now, marginMs, inFlightMs);
    at = Math.max(at, earliest.at);
    pending ||= earliest.pending;
  }
  if (pending) return { id: undefined, at };
  lastTurnId += 1;
  for (const pace of paces) pace.take(lastTurnId, at, now, inFlightMs);
  return { id: lastTurnId, at };
}
