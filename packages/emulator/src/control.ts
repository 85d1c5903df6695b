import type { EmulatorContext } from './context';
import { apiError, notFound } from './errors';
import { validateFaultRules } from './faults';
import type { RouteScope } from './http';
import { integerQuery, queryValue } from './pagination';
import { validateRateLimits } from './rate-limits';
import { redactStrings } from './redaction';

/** The longest a control request long-polls (`wait=`), ms. */
export const MAX_WAIT_MS = 30_000;

/** Control routes that other modules add (inbound messages, voice controls …). */
export type ControlRoutePlugin = (app: RouteScope, context: EmulatorContext) => void;

/**
 * The `/_emulator` control API (no Basic auth): callbacks sent, faults, rate limits, reset and
 * a state snapshot. Resource-specific controls (inbound messages, calls) live in their own
 * route plugins under the same prefix.
 */
export function controlRoutes(app: RouteScope, context: EmulatorContext): void {
  app.get('/_emulator/health', async () => ({ ok: true }));

  app.get('/_emulator/callbacks', async (request) => {
    const since = queryValue(request.query, 'since');
    const userId = queryValue(request.query, 'userId');
    const wait = Math.min(integerQuery(request.query, 'wait', 'callbacks', 0), MAX_WAIT_MS);
    let records = context.callbacks.records(since, userId);
    if (records.length === 0 && wait > 0) {
      await context.callbacks.waitForRecords(since, wait, request.signal);
      records = context.callbacks.records(since, userId);
    }
    return records;
  });

  app.get('/_emulator/faults', async () => context.faults.list());
  app.post('/_emulator/faults', async (request) => {
    const body = request.body as unknown;
    const rules = Array.isArray(body) ? body : (body as { faults?: unknown } | undefined)?.faults;
    context.faults.set(asValid(() => validateFaultRules(rules)));
    return context.faults.list();
  });
  app.delete('/_emulator/faults', async () => {
    context.faults.clear();
    return [];
  });

  app.get('/_emulator/rate-limits', async () => context.rateLimits.config);
  app.post('/_emulator/rate-limits', async (request) => {
    context.rateLimits.set(asValid(() => validateRateLimits(request.body ?? {})));
    return context.rateLimits.config;
  });
  app.get('/_emulator/rate-limits/refusals', async () => context.rateLimits.refusals);

  app.post('/_emulator/reset', async () => {
    context.reset();
    return { ok: true };
  });

  app.get('/_emulator/state', async (request) => {
    const userId = queryValue(request.query, 'userId') ?? context.options.users[0]?.userId ?? '';
    const user = context.store.users.get(userId);
    if (!user) throw notFound('user-not-found', 'user', userId);
    return redactStrings(user.snapshot());
  });
}

function asValid<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw apiError(400, 'bad-request', 'validation-error', (error as Error).message);
  }
}
