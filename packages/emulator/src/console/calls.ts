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
  observeCalls(context, {
    created(_context, call) {
      const signal = following();
      if (signal.aborted) return;
      followed.set(call, signal);
      // Entries traced before the call was announced, a verb's end too if it came already.
      for (const entry of call.trace) {
        publishAdded(context, call, entry);
        if (entry.type === 'verb' && entry.endedAt !== undefined) {
          publishEnded(context, call, entry);
        }
      }
    },
  });
  context.callRuntimes.traces.observe((call, entry, change) => {
    // Most changes to an entry already published (a verb's result growing) publish nothing.
    if (change === 'changed') return;
    const signal = followed.get(call);
    if (!signal || signal.aborted) return;
    if (change === 'added') publishAdded(context, call, entry);
    else publishEnded(context, call, entry);
  });
}

/**
 * The entry's fields, a shallow copy made now (its `time` left out: the event has one): a verb's
 * entry changes later (its end, its result), but what it holds is replaced rather than changed,
 * so the copy's redaction can wait until someone reads it.
 */
function fieldsOf(entry: TraceEntry): EntryFields {
  const { time: _time, ...fields } = entry;
  return fields;
}

/** A `call` event for a state entry, a `trace` event for any other. */
function publishAdded(context: EmulatorContext, call: CallRecord, entry: TraceEntry): void {
  const { userId, id: callId } = call;
  const numbers = [call.from, call.to];
  const fields = fieldsOf(entry);
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

/** A `trace` event for a verb's end. */
function publishEnded(context: EmulatorContext, call: CallRecord, entry: TraceEntry): void {
  const { userId, id: callId } = call;
  context.events.publish({
    kind: 'trace',
    userId,
    callId,
    numbers: [call.from, call.to],
    data: verbEndData,
    fields: fieldsOf(entry),
  });
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
