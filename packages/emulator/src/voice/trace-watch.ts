import { ChangeWaiters } from '../change-waiters';
import type { CallRecord, TraceEntry } from './voice-state';

/**
 * How a trace entry just changed: `added` to the trace, `ended` (a verb's end, duration and
 * outcome set; once per verb) or otherwise `changed` (a verb's result grew).
 */
export type TraceChange = 'added' | 'ended' | 'changed';

/** Told of a trace entry of `call` that was just added or changed, and how. */
export type TraceObserver = (call: CallRecord, entry: TraceEntry, change: TraceChange) => void;

/** A call's trace version (bumped by every new or changed entry) and who waits for the next. */
interface Watch {
  version: number;
  waiters: ChangeWaiters;
}

/**
 * Versions of the calls' traces, for long polling (`GET /_emulator/calls/{id}/trace?wait=`) and
 * the console. One per emulator, on `context.callRuntimes.traces`; keyed weakly, so a call's
 * watch goes with the call.
 */
export class TraceWatches {
  readonly #watches = new WeakMap<CallRecord, Watch>();
  readonly #observers = new Set<TraceObserver>();

  /**
   * Calls `observer` with every new or changed entry, as it happens (the console's timeline);
   * the returned function stops it.
   */
  observe(observer: TraceObserver): () => void {
    this.#observers.add(observer);
    return () => {
      this.#observers.delete(observer);
    };
  }

  #watchOf(call: CallRecord): Watch {
    let watch = this.#watches.get(call);
    if (!watch) {
      watch = { version: 0, waiters: new ChangeWaiters() };
      this.#watches.set(call, watch);
    }
    return watch;
  }

  /** The call's trace version: 0 for an empty trace, then one more for every change. */
  version(call: CallRecord): number {
    return this.#watchOf(call).version;
  }

  /** Records that `entry` was added to `call`'s trace. */
  added(call: CallRecord, entry: TraceEntry): void {
    this.#changed(call, entry, 'added');
  }

  /** Records that the verb of `entry`, in `call`'s trace, ended. */
  ended(call: CallRecord, entry: TraceEntry): void {
    this.#changed(call, entry, 'ended');
  }

  /** Records that an entry of `call`'s trace changed otherwise (a verb got a result). */
  changed(call: CallRecord, entry: TraceEntry): void {
    this.#changed(call, entry, 'changed');
  }

  #changed(call: CallRecord, entry: TraceEntry, change: TraceChange): void {
    const watch = this.#watchOf(call);
    watch.version += 1;
    watch.waiters.wake();
    for (const observer of this.#observers) observer(call, entry, change);
  }

  /**
   * Resolves once `call`'s trace version is past `after`, `timeoutMs` has passed or `signal`
   * aborted, whichever comes first.
   */
  changeAfter(
    call: CallRecord,
    after: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const watch = this.#watchOf(call);
    return watch.version > after ? Promise.resolve() : watch.waiters.next(timeoutMs, signal);
  }
}
