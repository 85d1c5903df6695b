/**
 * How the far end of an outbound call behaves when nobody drives it through the control API:
 * `{ afterMs }` answers after that many simulated milliseconds of ringing; `'never'` lets it
 * ring until its `callTimeout` (→ `timeout` event, then `hangup` with `NO_ANSWER`).
 */
export type AutoAnswerPolicy = { afterMs: number } | 'never';

/** The policy when none is configured: the far end answers after two seconds of ringing. */
export const DEFAULT_AUTO_ANSWER: Readonly<{ afterMs: number }> = Object.freeze({ afterMs: 2000 });

/** Checks a policy; throws `TypeError` on anything else. */
export function validateAutoAnswer(policy: unknown): AutoAnswerPolicy {
  if (policy === 'never') return 'never';
  const afterMs = (policy as { afterMs?: unknown } | null)?.afterMs;
  if (
    policy !== null &&
    typeof policy === 'object' &&
    typeof afterMs === 'number' &&
    Number.isFinite(afterMs) &&
    afterMs >= 0
  ) {
    return { afterMs };
  }
  throw new TypeError('autoAnswer must be "never" or { afterMs: number ≥ 0 }');
}
