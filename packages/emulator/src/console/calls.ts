import type { EmulatorContext } from '../context';
import { observeCalls } from '../voice/call-runtimes';
import type { CallRecord, TraceEntry } from '../voice/voice-state';
import { redactValue } from './bus';

/**
 * Publishes every call's changes to the event bus: `call` events for its states, `trace` events
 * for everything in its trace (BXML documents, verbs started and finished, audio, digits …), as
 * each entry is added or changes. Calls created before the last reset (`following` changed)
 * are not followed any more. Changes nothing in the call model.
 */
export function followCalls(context: EmulatorContext, following: () => AbortSignal): void {
  const followed = new WeakMap<CallRecord, AbortSignal>();
  const seen = new WeakSet<TraceEntry>();
  const finished = new WeakSet<TraceEntry>();
  observeCalls(context, {
    created(_context, call) {
      const signal = following();
      if (signal.aborted) return;
      followed.set(call, signal);
      // Entries traced before the call was announced.
      for (const entry of call.trace) publishEntry(context, call, entry, seen, finished);
    },
  });
  context.callRuntimes.traces.observe((call, entry) => {
    const signal = followed.get(call);
    if (signal && !signal.aborted) publishEntry(context, call, entry, seen, finished);
  });
}

function publishEntry(
  context: EmulatorContext,
  call: CallRecord,
  entry: TraceEntry,
  seen: WeakSet<TraceEntry>,
  finished: WeakSet<TraceEntry>,
): void {
  const fresh = !seen.has(entry);
  const ends = entry.type === 'verb' && entry.endedAt !== undefined && !finished.has(entry);
  // Most changes to an entry already published (a verb's result growing) publish nothing.
  if (!fresh && !ends) return;
  const { userId, id: callId } = call;
  const numbers = [call.from, call.to];
  // A shallow copy now: a verb's entry changes later (its end, its result), but what it holds
  // is replaced rather than changed, so the copy's redaction can wait until someone reads it.
  const { time: _time, ...fields } = entry;
  if (fresh) {
    seen.add(entry);
    if (entry.type === 'state') {
      const stateFields = { fields, call };
      context.events.publish({
        kind: 'call',
        userId,
        callId,
        numbers,
        data: stateData,
        fields: stateFields,
      });
    } else {
      context.events.publish({ kind: 'trace', userId, callId, numbers, data: traceData, fields });
    }
  }
  if (ends) {
    finished.add(entry);
    context.events.publish({ kind: 'trace', userId, callId, numbers, data: verbEndData, fields });
  }
}

/** A trace entry's fields, copied when published (its `time` left out: the event has one). */
type EntryFields = Record<string, unknown>;

/** A `call` event: the state entry with the call's numbers and direction (which never change). */
function stateData({ fields, call }: { fields: EntryFields; call: CallRecord }) {
  const { from, to, direction } = call;
  return { ...(redactValue(fields) as EntryFields), from, to, direction };
}

function traceData(fields: EntryFields) {
  return redactValue(fields) as EntryFields;
}

function verbEndData(fields: EntryFields) {
  return { ...(redactValue(fields) as EntryFields), type: 'verb-end' };
}
