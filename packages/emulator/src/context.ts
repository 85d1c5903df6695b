import type { CallbackEngine } from './callbacks';
import type { Clock } from './clock';
import type { EventBus } from './console/bus';
import type { FaultInjector } from './faults';
import type { HttpRequest, RouteScope } from './http';
import type { IdGenerator } from './ids';
import type { DeliveryFailures } from './messaging/delivery';
import type { ResolvedOptions } from './options';
import type { RandomStreams } from './random';
import type { RateLimiter } from './rate-limits';
import type { Sequence } from './sequence';
import type { Store, UserState } from './state';
import type { CallRuntimes } from './voice/call-runtimes';

/**
 * Everything a route plugin needs, shared by all of them. One instance per emulator, and
 * every piece of per-emulator state lives here (never in module-level tables), so that two
 * emulators in one process share nothing; `reset()` swaps the contents (users, timers,
 * callbacks) but keeps this object.
 */
export interface EmulatorContext {
  /** Options with defaults filled in. */
  readonly options: ResolvedOptions;
  /** Per-user state. */
  readonly store: Store;
  /** Speed-scaled simulated time; cancelled on reset/close. */
  readonly clock: Clock;
  /** Prefixed ids (`m-…`), deterministic under `seed`. */
  readonly ids: IdGenerator;
  /** Seeded random streams (one per purpose). */
  readonly random: RandomStreams;
  /** The callback delivery engine. */
  readonly callbacks: CallbackEngine;
  /** Fault injection. */
  readonly faults: FaultInjector;
  /** Rate limits. */
  readonly rateLimits: RateLimiter;
  /** The event tap the web console streams: publish what a user would want to watch. */
  readonly events: EventBus;
  /** Creation counters (ordering, message `sortKey`s); restarted on reset. */
  readonly sequence: Sequence;
  /** Delivery-failure rules of outbound messages; emptied on reset. */
  readonly deliveryFailures: DeliveryFailures;
  /** Run-time data of calls and conferences, the auto-answer policy, call observers. */
  readonly callRuntimes: CallRuntimes;
  /**
   * `http://host:port` of the listening server, or the `publicUrl` option: the origin of every
   * absolute URL the emulator writes (`Location`, `Link`, bodies, events). Never taken from a
   * request's `Host` header, which a client controls.
   */
  readonly url: string;
  /** The authenticated user of a REST request; throws if the route is not behind auth. */
  userOf(request: HttpRequest): UserState;
  /** Runs `listener` after every reset (state rebuilt), e.g. to clear a module's caches. */
  onReset(listener: () => void): void;
  /**
   * `promise`'s value, or `undefined` once the emulator is reset first (a reset cancels the
   * timers that would settle call-model promises). Any number may wait at once.
   */
  untilReset<T>(promise: Promise<T>): Promise<T | undefined>;
  /** Restores the start state: users and seeded numbers, no timers, no callbacks. */
  reset(): void;
}

/**
 * A route plugin: adds its routes (and what runs when the server closes) to its scope. Add new
 * plugins to the list in `routes/index.ts`.
 */
export type RoutePlugin = (app: RouteScope, context: EmulatorContext) => void;
