import type { RandomSource } from './random';

/** Which requests a fault applies to. */
export interface FaultMatch {
  /** HTTP method (case-insensitive); any method when absent or `*`. */
  method?: string;
  /**
   * Path pattern matched against the whole path (query excluded): `*` matches within one
   * segment, `**` across segments (`/v1/users/*\/messages/**`). Any path when absent.
   */
  path?: string;
  /** Chance (0–1) that a matching request is affected (default 1). Seeded by `seed`. */
  probability?: number;
  /** Affect at most this many requests, then stay inert. */
  times?: number;
}

/** Wait `ms` real milliseconds before handling the request. */
export interface LatencyFault extends FaultMatch {
  type: 'latency';
  ms: number;
}

/** Answer with `status` and a v1 error body instead of handling the request. */
export interface StatusFault extends FaultMatch {
  type: 'status';
  status: number;
  /** Adds `Retry-After` (seconds, or an HTTP date). */
  retryAfter?: number | string;
  /** Body `category` (default by status, e.g. `unavailable` for 503). */
  category?: string;
  /** Body `code` (default `internal-error` for 5xx, `injected-fault` otherwise). */
  code?: string;
  /** Body `message`. */
  message?: string;
}

/** Destroy the connection before the request is processed: nothing happens. */
export interface DropBeforeFault extends FaultMatch {
  type: 'drop-before';
}

/** Process the request (its state change happens), then destroy the connection unanswered. */
export interface DropAfterFault extends FaultMatch {
  type: 'drop-after';
}

/** A fault-injection rule. */
export type FaultRule = LatencyFault | StatusFault | DropBeforeFault | DropAfterFault;

/** What the matching rules decided for one request. */
export interface FaultDecision {
  /** Total latency to add, ms. */
  latencyMs: number;
  /** The rule that ends the request (status or drop), if any. */
  terminal?: StatusFault | DropBeforeFault | DropAfterFault;
}

interface ActiveRule {
  rule: FaultRule;
  method: string | undefined;
  pattern: RegExp | undefined;
  remaining: number;
}

const TYPES = new Set(['latency', 'status', 'drop-before', 'drop-after']);

/** Checks a list of rules from an option or the control API; throws `TypeError` on errors. */
export function validateFaultRules(rules: unknown): FaultRule[] {
  if (!Array.isArray(rules)) throw new TypeError('faults must be an array of rules');
  return rules.map((rule, index) => {
    const where = `faults[${index}]`;
    if (!rule || typeof rule !== 'object') throw new TypeError(`${where} must be an object`);
    const candidate = rule as Record<string, unknown>;
    if (typeof candidate.type !== 'string' || !TYPES.has(candidate.type)) {
      throw new TypeError(`${where}.type must be one of ${[...TYPES].join(', ')}`);
    }
    for (const key of ['method', 'path'] as const) {
      if (candidate[key] !== undefined && typeof candidate[key] !== 'string') {
        throw new TypeError(`${where}.${key} must be a string`);
      }
    }
    const probability = candidate.probability;
    if (
      probability !== undefined &&
      !(typeof probability === 'number' && probability >= 0 && probability <= 1)
    ) {
      throw new TypeError(`${where}.probability must be a number between 0 and 1`);
    }
    const times = candidate.times;
    if (times !== undefined && !(Number.isInteger(times) && (times as number) >= 0)) {
      throw new TypeError(`${where}.times must be a non-negative integer`);
    }
    if (candidate.type === 'latency' && !(typeof candidate.ms === 'number' && candidate.ms >= 0)) {
      throw new TypeError(`${where}.ms must be a non-negative number`);
    }
    if (
      candidate.type === 'status' &&
      !(
        Number.isInteger(candidate.status) &&
        (candidate.status as number) >= 100 &&
        (candidate.status as number) <= 599
      )
    ) {
      throw new TypeError(`${where}.status must be an HTTP status code`);
    }
    return { ...candidate } as unknown as FaultRule;
  });
}

/** `*` → one segment, `**` → anything; everything else literal. */
export function pathPattern(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] as string;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        source += '.*';
        index++;
      } else {
        source += '[^/]*';
      }
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source.replace(/\/\.\*$/, '(?:/.*)?')}$`);
}

/**
 * The active fault rules. Dice come from a seeded stream, so with a seed the same request
 * sequence meets the same faults.
 */
export class FaultInjector {
  #rules: ActiveRule[] = [];
  readonly #random: () => RandomSource;

  constructor(random: () => RandomSource) {
    this.#random = random;
  }

  /** Replaces the rules (validated). */
  set(rules: FaultRule[]): void {
    this.#rules = validateFaultRules(rules).map((rule) => ({
      rule,
      method: rule.method && rule.method !== '*' ? rule.method.toUpperCase() : undefined,
      pattern: rule.path ? pathPattern(rule.path) : undefined,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
    }));
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /** The rules as configured. */
  list(): FaultRule[] {
    return this.#rules.map((active) => active.rule);
  }

  /** True when no rule is set (the fast path of every request). */
  get empty(): boolean {
    return this.#rules.length === 0;
  }

  /** Decides what happens to a request. Latencies add up; the first terminal rule wins. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    for (const active of this.#rules) {
      if (active.remaining <= 0) continue;
      if (active.method && active.method !== method) continue;
      if (active.pattern && !active.pattern.test(path)) continue;
      const probability = active.rule.probability ?? 1;
      if (probability < 1 && this.#random()() >= probability) continue;
      active.remaining--;
      if (active.rule.type === 'latency') {
        decision.latencyMs += active.rule.ms;
        continue;
      }
      decision.terminal = active.rule;
      break;
    }
    return decision;
  }
}
