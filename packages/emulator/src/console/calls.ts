import type { EmulatorContext } from '../context';
import { observeCalls } from '../voice/call-runtimes';
import { hasEnded } from '../voice/lifecycle';
import type { CallRecord, TraceEntry } from '../voice/voice-state';
import { redactValue } from './bus';

/** How long a call is followed after it ended (recordings and transcriptions come late), ms. */
const FOLLOW_AFTER_END_MS = 30_000;
const WAIT_SLICE_MS = 15_000;

/**
 * Publishes every call's changes to the event bus: `call` events for its states, `trace` events
 * for everything in its trace (BXML documents, verbs started and finished, audio, digits …).
 * Reads the call model's trace as the control API's long polling does; changes nothing in it.
 */
export function followCalls(context: EmulatorContext, signal: () => AbortSignal): void {
  observeCalls(context, {
    created(_context, call) {
      void follow(context, call, signal());
    },
  });
}

async function follow(context: EmulatorContext, call: CallRecord, signal: AbortSignal) {
  const seen = new WeakSet<TraceEntry>();
  const finished = new WeakSet<TraceEntry>();
  let version = -1;
  let endedAt: number | undefined;
  while (!signal.aborted) {
    if (context.callRuntimes.traces.version(call) !== version) {
      version = context.callRuntimes.traces.version(call);
      for (const entry of [...call.trace]) publishEntry(context, call, entry, seen, finished);
    }
    if (hasEnded(call)) {
      endedAt ??= Date.now();
      if (Date.now() - endedAt > FOLLOW_AFTER_END_MS) return;
    }
    await context.callRuntimes.traces.changeAfter(call, version, WAIT_SLICE_MS, signal);
  }
}

function publishEntry(
  context: EmulatorContext,
  call: CallRecord,
  entry: TraceEntry,
  seen: WeakSet<TraceEntry>,
  finished: WeakSet<TraceEntry>,
): void {
  const base = {
    userId: call.userId,
    callId: call.id,
    numbers: [call.from, call.to],
  };
  const { time: _time, ...fields } = entry;
  if (!seen.has(entry)) {
    seen.add(entry);
    if (entry.type === 'state') {
      context.events.publish({
        kind: 'call',
        ...base,
        data: {
          ...(redactValue(fields) as Record<string, unknown>),
          from: call.from,
          to: call.to,
          direction: call.direction,
        },
      });
    } else {
      context.events.publish({
        kind: 'trace',
        ...base,
        data: redactValue(fields) as Record<string, unknown>,
      });
    }
  }
  if (entry.type === 'verb' && entry.endedAt !== undefined && !finished.has(entry)) {
    finished.add(entry);
    context.events.publish({
      kind: 'trace',
      ...base,
      data: { ...(redactValue(fields) as Record<string, unknown>), type: 'verb-end' },
    });
  }
}
