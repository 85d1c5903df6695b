/**
 * What the far end of a call presses by itself when a gather (REST or BXML `<Gather>`) starts
 * listening: `{ digits, afterMs }` presses `digits` that many simulated milliseconds after each
 * gather starts, on the emulator's own clock, so the press lands inside the gather's window
 * however busy the process is; `'never'` (the default) presses nothing.
 */
export type AutoPressPolicy = { digits: string; afterMs: number } | 'never';

/** The policy when none is configured: the far end presses nothing by itself. */
export const DEFAULT_AUTO_PRESS: AutoPressPolicy = 'never';

const FAR_END_DIGITS = /^[0-9A-D#*]+$/;

/** Checks a policy; throws `TypeError` on anything else. */
export function validateAutoPress(policy: unknown): AutoPressPolicy {
  if (policy === 'never') return 'never';
  if (policy !== null && typeof policy === 'object' && !Array.isArray(policy)) {
    const { digits, afterMs } = policy as { digits?: unknown; afterMs?: unknown };
    if (
      typeof digits === 'string' &&
      FAR_END_DIGITS.test(digits) &&
      typeof afterMs === 'number' &&
      Number.isFinite(afterMs) &&
      afterMs >= 0
    ) {
      return { digits, afterMs };
    }
  }
  throw new TypeError(
    'autoPress must be "never" or { digits: one or more of 0-9, A-D, * and #, afterMs: number ≥ 0 }',
  );
}
