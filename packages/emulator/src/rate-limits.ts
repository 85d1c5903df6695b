import { apiError } from './errors.js';

/** `limit` requests per `windowMs` milliseconds (a fixed window). */
export interface RateLimitWindow {
  limit: number;
  windowMs: number;
}

/** Resources the 429 limits apply to (the first collection of the path, or a nested one). */
export type RateLimitedResource =
  | 'account'
  | 'applications'
  | 'availableNumbers'
  | 'bridges'
  | 'calls'
  | 'conferences'
  | 'domains'
  | 'endpoints'
  | 'errors'
  | 'media'
  | 'messages'
  | 'numberInfo'
  | 'phoneNumbers'
  | 'recordings'
  | 'transcriptions';

/** Limits on sending (messages, calls): answered with 403 `category: limit`. */
export interface SendingLimits {
  /** Per account. */
  perAccount?: RateLimitWindow;
  /** Per sending (`from`) number. */
  perNumber?: RateLimitWindow;
}

/** Rate-limit configuration; everything is off unless set. */
export interface RateLimitConfig {
  /** 429 limits per user and resource. */
  resources?: Partial<Record<RateLimitedResource, RateLimitWindow>>;
  /** 429 limit for every resource not listed in `resources`. */
  default?: RateLimitWindow;
  /** 403 `message-rate-limit` / `message-rate-limit-per-tn` on `POST /messages`. */
  messages?: SendingLimits;
  /** 403 `call-rate-limit` on `POST /calls`. */
  calls?: SendingLimits;
}

/** The limits the reference documents (resources 1 req/s; sending 1/s averaged over 10 s). */
export const DOCUMENTED_RATE_LIMITS: Readonly<RateLimitConfig> = Object.freeze({
  default: { limit: 1, windowMs: 1000 },
  resources: {
    availableNumbers: { limit: 100, windowMs: 60_000 },
    phoneNumbers: { limit: 2000, windowMs: 1000 },
  },
  messages: {
    perAccount: { limit: 10, windowMs: 10_000 },
    perNumber: { limit: 10, windowMs: 10_000 },
  },
  calls: {
    perAccount: { limit: 10, windowMs: 10_000 },
    perNumber: { limit: 10, windowMs: 10_000 },
  },
});

const RESOURCES = new Set<string>([
  'account',
  'applications',
  'availableNumbers',
  'bridges',
  'calls',
  'conferences',
  'domains',
  'endpoints',
  'errors',
  'media',
  'messages',
  'numberInfo',
  'phoneNumbers',
  'recordings',
  'transcriptions',
]);

/**
 * The rate-limited resource of a REST path: `/v1/users/u/domains/d/endpoints` → `endpoints`,
 * `/v1/phoneNumbers/numberInfo/+1…` → `numberInfo`, `/v1/availableNumbers/local` →
 * `availableNumbers`. The deepest known collection wins.
 */
export function resourceOfPath(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] !== 'v1') return undefined;
  if (segments[1] === 'availableNumbers') return 'availableNumbers';
  if (segments[1] === 'phoneNumbers' && segments[2] === 'numberInfo') return 'numberInfo';
  if (segments[1] !== 'users') return undefined;
  let resource: string | undefined;
  for (let index = 3; index < segments.length; index += 2) {
    const segment = segments[index] as string;
    if (RESOURCES.has(segment)) resource = segment;
    else if (index === 3) resource = segment;
  }
  return resource;
}

interface WindowCounter {
  start: number;
  count: number;
}

/** Checks a configuration; throws `TypeError` on errors. */
export function validateRateLimits(config: unknown): RateLimitConfig {
  if (!config || typeof config !== 'object') throw new TypeError('rate limits must be an object');
  const candidate = config as Record<string, unknown>;
  const checkWindow = (value: unknown, where: string) => {
    if (value === undefined) return;
    const window = value as Record<string, unknown> | null;
    if (
      !window ||
      !(Number.isInteger(window.limit) && (window.limit as number) >= 0) ||
      !(typeof window.windowMs === 'number' && window.windowMs > 0)
    ) {
      throw new TypeError(`${where} must be { limit: integer ≥ 0, windowMs: number > 0 }`);
    }
  };
  checkWindow(candidate.default, 'rateLimits.default');
  const resources = (candidate.resources ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(resources)) {
    if (!RESOURCES.has(key)) throw new TypeError(`rateLimits.resources.${key} is not a resource`);
    checkWindow(value, `rateLimits.resources.${key}`);
  }
  for (const kind of ['messages', 'calls'] as const) {
    const limits = (candidate[kind] ?? {}) as Record<string, unknown>;
    checkWindow(limits.perAccount, `rateLimits.${kind}.perAccount`);
    checkWindow(limits.perNumber, `rateLimits.${kind}.perNumber`);
  }
  return structuredClone(config) as RateLimitConfig;
}

/**
 * Fixed-window counters per user and resource (429) and per user/number for sending
 * (403 `limit`). Windows run in real time; `X-RateLimit-Reset` is the window's end in epoch ms.
 */
export class RateLimiter {
  #config: RateLimitConfig = {};
  readonly #counters = new Map<string, WindowCounter>();

  /** Replaces the configuration and forgets every counter. */
  set(config: RateLimitConfig): void {
    this.#config = validateRateLimits(config);
    this.#counters.clear();
  }

  /** The configuration in force. */
  get config(): RateLimitConfig {
    return this.#config;
  }

  /** True when no resource limit is configured (the fast path). */
  get resourcesOff(): boolean {
    return !this.#config.default && !this.#config.resources;
  }

  /**
   * Counts a REST request; throws the 429 error when over the limit. `POST /messages` and
   * `POST /calls` are not counted here: their limits answer 403 (see {@link checkSending}).
   */
  checkResource(userId: string, method: string, path: string): void {
    if (this.resourcesOff) return;
    const resource = resourceOfPath(path);
    if (!resource) return;
    if (method === 'POST' && /^\/v1\/users\/[^/]+\/(messages|calls)\/?$/.test(path)) return;
    const window =
      this.#config.resources?.[resource as RateLimitedResource] ?? this.#config.default;
    if (!window) return;
    const verdict = this.#count(`r:${userId}:${resource}`, window, 1);
    if (verdict.allowed) return;
    const reset = String(verdict.resetAt);
    throw apiError(
      429,
      'too-many-requests',
      'rate-limit-reached',
      undefined,
      [{ name: 'rateLimitResetTime', value: reset }],
      { 'X-RateLimit-Reset': reset },
    );
  }

  /**
   * Counts `count` outbound messages or calls from `fromNumber`; throws 403 `limit`
   * (`message-rate-limit`, `message-rate-limit-per-tn`, `call-rate-limit`) when over.
   */
  checkSending(kind: 'messages' | 'calls', userId: string, fromNumber: string, count = 1): void {
    const limits = this.#config[kind];
    if (!limits) return;
    const noun = kind === 'messages' ? 'messages' : 'calls';
    const verb = kind === 'messages' ? 'send' : 'create';
    if (limits.perNumber) {
      const verdict = this.#count(`n:${kind}:${userId}:${fromNumber}`, limits.perNumber, count);
      if (!verdict.allowed) {
        const seconds = limits.perNumber.windowMs / 1000;
        throw apiError(
          403,
          'limit',
          kind === 'messages' ? 'message-rate-limit-per-tn' : 'call-rate-limit',
          `You can ${verb} ${limits.perNumber.limit} ${noun} per ${seconds} seconds per telephone number calculated as the average over ${seconds} seconds. Your rate is: ${verdict.rate} for telephone number ${fromNumber}`,
          [{ name: 'rateLimitResetTime', value: String(verdict.resetAt) }],
        );
      }
    }
    if (limits.perAccount) {
      const verdict = this.#count(`a:${kind}:${userId}`, limits.perAccount, count);
      if (!verdict.allowed) {
        const seconds = limits.perAccount.windowMs / 1000;
        throw apiError(
          403,
          'limit',
          kind === 'messages' ? 'message-rate-limit' : 'call-rate-limit',
          `You can ${verb} ${limits.perAccount.limit} ${noun} per ${seconds} seconds calculated as the average over ${seconds} seconds. Your rate is: ${verdict.rate}`,
          [{ name: 'rateLimitResetTime', value: String(verdict.resetAt) }],
        );
      }
    }
  }

  /** Forgets every counter (reset). */
  resetCounters(): void {
    this.#counters.clear();
  }

  #count(
    key: string,
    window: RateLimitWindow,
    count: number,
  ): { allowed: boolean; resetAt: number; rate: number } {
    const now = Date.now();
    let counter = this.#counters.get(key);
    if (!counter || now >= counter.start + window.windowMs) {
      counter = { start: now, count: 0 };
      this.#counters.set(key, counter);
    }
    const resetAt = counter.start + window.windowMs;
    const wanted = counter.count + count;
    const rate = Math.round((wanted / (window.windowMs / 1000)) * 10) / 10;
    if (wanted > window.limit) return { allowed: false, resetAt, rate };
    counter.count = wanted;
    return { allowed: true, resetAt, rate };
  }
}
