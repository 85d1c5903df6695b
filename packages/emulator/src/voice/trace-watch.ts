import { ChangeWaiters } from '../change-waiters';
import type { CallRecord, TraceEntry } from './voice-state';

/** A call's trace version (bumped by every new or changed entry) and who waits for the next. */
interface Watch {
  version: number;
  waiters: ChangeWaiters;
}

const watches = new WeakMap<CallRecord, Watch>();
const owners = new WeakMap<TraceEntry, CallRecord>();

function watchOf(call: CallRecord): Watch {
  let watch = watches.get(call);
  if (!watch) {
    watch = { version: 0, waiters: new ChangeWaiters() };
    watches.set(call, watch);
  }
  return watch;
}

/** The call's trace version: 0 for an empty trace, then one more for every change. */
export function traceVersion(call: CallRecord): number {
  return watchOf(call).version;
}

/** Records that `entry` was added to `call`'s trace. */
export function entryAdded(call: CallRecord, entry: TraceEntry): void {
  owners.set(entry, call);
  traceChanged(call);
}

/** Records that an entry already in a trace changed (a verb ended, got a result). */
export function entryChanged(entry: TraceEntry): void {
  const call = owners.get(entry);
  if (call) traceChanged(call);
}

function traceChanged(call: CallRecord): void {
  const watch = watchOf(call);
  watch.version += 1;
  watch.waiters.wake();
}

/**
 * Resolves once `call`'s trace version is past `after`, `timeoutMs` has passed or `signal`
 * aborted, whichever comes first (long polling for `GET /_emulator/calls/{id}/trace?wait=`).
 */
export function traceChangeAfter(
  call: CallRecord,
  after: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const watch = watchOf(call);
  return watch.version > after ? Promise.resolve() : watch.waiters.next(timeoutMs, signal);
}
