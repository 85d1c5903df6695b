import { Fifo } from './fifo';
import { turns } from './turns';

/** Rejection reason of a {@link Clock.sleep} that was cut short by reset or close. */
export class ClockCancelledError extends Error {
  override readonly name = 'ClockCancelledError';
  constructor() {
    super('Emulator timers were cancelled (reset or close)');
  }
}

/**
 * The reason the emulator aborts its own signals with (a call's lifetime, a playback, a
 * gather's prompts): `abort()` without a reason makes a new `DOMException`, stack trace and
 * all, for every call, playback and gather. Nothing reads the reason.
 */
export const STOPPED: Error = Object.freeze(new Error('Stopped by the emulator'));

/** A pending simulated timer; `cancel()` is idempotent. */
export interface ClockTimer {
  cancel(): void;
}

/** Not waiting: new, run, or cancelled. */
const DONE = -1;
/** Due, waiting for its turn (see {@link turns}). */
const READY = -2;
/** Due, then cancelled before its turn came: its turn only takes it off the ready queue. */
const READY_CANCELLED = -3;
/** Waiting in its {@link Lane} until it is due. */
const WAITING = -4;

/**
 * Something waiting on the clock. It is its own {@link ClockTimer} and its own turn task, so a
 * timer costs one object: a message's state changes and a call's prompts schedule thousands.
 * Extended by what steps on the clock again and again (a message's state changes):
 * {@link Clock.start} schedules the same object once more after it ran, where
 * {@link Clock.schedule} makes a timer, and its caller a closure, for every step.
 */
export abstract class ClockEntry implements ClockTimer {
  /** {@link WAITING}, {@link READY}, {@link READY_CANCELLED} or {@link DONE}. */
  index = DONE;
  /** The lane it waits in (while {@link WAITING}). */
  lane: Lane | undefined = undefined;
  /** `performance.now()` at which it is due. */
  due = 0;
  /** Scheduling order: the tie-breaker between equal `due`s. */
  order = 0;

  constructor(readonly clock: Clock) {}

  cancel(): void {
    this.clock.take(this);
  }

  /** Its turn came: runs it unless it was cancelled meanwhile. */
  takeTurn(): void {
    if (this.clock.leaveReady(this)) this.fire();
  }

  /** Runs it (once due and its turn came). */
  abstract fire(): void;

  /** Tells it that reset or close cancelled it. */
  cancelled(): void {}
}

/** A {@link Clock.schedule}: runs its task. */
class Pending extends ClockEntry {
  constructor(
    clock: Clock,
    readonly task: () => void,
  ) {
    super(clock);
  }

  override fire(): void {
    this.task();
  }
}

/** A {@link Clock.sleep}: settles its promise, and listens to its signal itself. */
class Sleep extends ClockEntry {
  constructor(
    clock: Clock,
    readonly resolve: () => void,
    readonly reject: (reason: unknown) => void,
    readonly signal: AbortSignal | undefined,
  ) {
    super(clock);
  }

  override fire(): void {
    this.signal?.removeEventListener('abort', this);
    this.resolve();
  }

  override cancelled(): void {
    this.signal?.removeEventListener('abort', this);
    this.reject(new ClockCancelledError());
  }

  /** The signal aborted (it is this sleep's `abort` listener). */
  handleEvent(): void {
    if (this.clock.take(this)) this.reject(this.signal?.reason);
  }
}

/**
 * The timers waiting with one same delay (real ms), in the order they were scheduled: each is
 * due no sooner than the one before it (`performance.now()` never goes back) and was scheduled
 * after it, so the first is the next due of them all. The clock orders lanes by their first.
 */
class Lane {
  readonly entries = new Fifo<ClockEntry>();
  /** Its place in the clock's heap of lanes (-1 when empty, and out of the heap). */
  index = -1;

  get first(): ClockEntry {
    return this.entries.peek() as ClockEntry;
  }
}

/** True when lane `a`'s first timer is due before lane `b`'s. */
function before(a: Lane, b: Lane): boolean {
  const first = a.first;
  const other = b.first;
  return first.due < other.due || (first.due === other.due && first.order < other.order);
}

/** Empty lanes kept for reuse before the clock lets go of them. */
const EMPTY_LANES_KEPT = 64;

/**
 * Simulated time. Every simulated duration (message state changes, audio, ringing) goes
 * through here so that `speed` scales all of them, and so that reset/close can cancel
 * everything that is still pending.
 *
 * Timers share one real timer. Those scheduled with the same delay wait in a lane, in order
 * (a FIFO: thousands of messages in flight wait in three lanes, and scheduling a timer or taking
 * a due one works on a heap of a few lanes, not of thousands of timers), and the lanes are kept
 * in a heap by the due time of their first timer: the next due of all is always a lane's first.
 * Timers that are due run in due order, however late the event loop is (Node's own timers run
 * grouped by duration, so a long timer can run before a short one that was due first), and only
 * after two poll phases of the event loop: one accepts a new connection, the next reads what it
 * sent. Without them an expired timer runs before a request already waiting in a socket when the
 * loop lags (timers run before I/O), and a fast `speed` turns load into wrong outcomes: a pressed
 * digit loses to a Gather's timeout. Simulated time never runs ahead of requests the emulator has
 * not read. Due timers run as the process's {@link turns} allow: a burst of them is spread over
 * several turns of the loop, in order, so requests are read and answered between them.
 */
export class Clock {
  #speed: number;
  /** Lanes by delay, empty ones too (up to {@link EMPTY_LANES_KEPT} of them). */
  readonly #lanes = new Map<number, Lane>();
  /** The lanes with a timer, by the due time of their first. */
  readonly #heap: Lane[] = [];
  /** Timers waiting in lanes. */
  #waiting = 0;
  /**
   * Due timers waiting for their turn, in the order their turns come (cancelled ones stay until
   * theirs); `#readyCount` of them not cancelled.
   */
  readonly #ready = new Fifo<ClockEntry>();
  #readyCount = 0;
  #order = 0;
  #timer: NodeJS.Timeout | undefined;
  /** When `#timer` fires (`Infinity` when none is set). */
  #timerDue = Number.POSITIVE_INFINITY;
  /** Between a real timer firing and the due timers being queued: do not set another. */
  #collecting = false;

  constructor(speed: number) {
    this.#speed = speed;
  }

  /** 1 = real time; 100 = a hundred times faster. */
  get speed(): number {
    return this.#speed;
  }

  /** Changes the speed for durations scheduled from now on (running timers keep theirs). */
  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0)
      throw new RangeError('speed must be a number above 0');
    this.#speed = speed;
  }

  /** Wall-clock time in epoch ms (timestamps are always real). */
  now(): number {
    return Date.now();
  }

  /** ISO-8601 UTC timestamp of now. */
  isoNow(): string {
    return new Date().toISOString();
  }

  /** Real milliseconds that `simulatedMs` take at the current speed. */
  scale(simulatedMs: number): number {
    return Math.max(0, simulatedMs / this.speed);
  }

  /** Runs `task` after `simulatedMs` of simulated time, unless cancelled first. */
  schedule(simulatedMs: number, task: () => void): ClockTimer {
    const pending = new Pending(this, task);
    this.start(pending, simulatedMs);
    return pending;
  }

  /**
   * Schedules `entry` to fire after `simulatedMs` of simulated time: a new one, or one that ran
   * or was cancelled (from its own `fire`, for its next step). Throws when it is waiting already:
   * on the clock, or due and waiting for its turn (cancelled there too, until that turn passes).
   */
  start(entry: ClockEntry, simulatedMs: number): void {
    if (entry.index !== DONE) throw new Error('This clock entry is waiting already');
    const delay = this.scale(simulatedMs);
    entry.due = performance.now() + delay;
    entry.order = this.#order++;
    const lane = this.#laneOf(delay);
    entry.index = WAITING;
    entry.lane = lane;
    lane.entries.push(entry);
    this.#waiting++;
    if (lane.entries.size === 1) {
      lane.index = this.#heap.length;
      this.#heap.push(lane);
      this.#up(lane.index);
      if (lane.index === 0) this.#setTimer();
    }
  }

  /**
   * Resolves after `simulatedMs` of simulated time; rejects with {@link ClockCancelledError}
   * when the emulator is reset or closed, or with the signal's reason when it aborts.
   */
  sleep(simulatedMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const sleep = new Sleep(this, resolve, reject, signal);
      this.start(sleep, simulatedMs);
      signal?.addEventListener('abort', sleep, { once: true });
    });
  }

  /** Number of timers still pending (for tests and diagnostics). */
  get pending(): number {
    return this.#waiting + this.#readyCount;
  }

  /** Cancels every pending timer and sleep. */
  cancelAll(): void {
    const all: ClockEntry[] = [];
    for (const lane of this.#heap) {
      for (const waiting of lane.entries.drain()) all.push(waiting);
      lane.index = -1;
    }
    for (const ready of this.#ready.drain()) {
      if (ready.index === READY) all.push(ready);
      // Its turn, still queued, finds it done.
      ready.index = DONE;
    }
    this.#heap.length = 0;
    this.#waiting = 0;
    this.#readyCount = 0;
    for (const pending of all) {
      pending.index = DONE;
      pending.lane = undefined;
    }
    this.#setTimer();
    for (const pending of all) pending.cancelled();
  }

  /**
   * Takes a timer out before it ran (its `cancel`); false when it ran or was taken out
   * already.
   */
  take(pending: ClockEntry): boolean {
    const state = pending.index;
    if (state === READY) {
      pending.index = READY_CANCELLED;
      this.#readyCount--;
      return true;
    }
    if (state !== WAITING) return false;
    const lane = pending.lane as Lane;
    const wasFirst = lane.first === pending;
    lane.entries.remove(pending);
    pending.index = DONE;
    pending.lane = undefined;
    this.#waiting--;
    if (wasFirst) this.#firstLeft(lane);
    return true;
  }

  /**
   * A ready timer's turn came (it is the first in the ready queue): takes it off the queue;
   * true when it is to run (not cancelled, and not dropped by a reset).
   */
  leaveReady(pending: ClockEntry): boolean {
    const state = pending.index;
    if (state !== READY && state !== READY_CANCELLED) return false;
    pending.index = DONE;
    this.#ready.shift();
    if (state === READY_CANCELLED) return false;
    this.#readyCount--;
    return true;
  }

  /** The lane of timers waiting `delay` real ms. */
  #laneOf(delay: number): Lane {
    let lane = this.#lanes.get(delay);
    if (lane === undefined) {
      if (this.#lanes.size >= EMPTY_LANES_KEPT + this.#heap.length) {
        for (const [kept, empty] of this.#lanes) {
          if (empty.index === -1) this.#lanes.delete(kept);
        }
      }
      lane = new Lane();
      this.#lanes.set(delay, lane);
    }
    return lane;
  }

  /** `lane`'s first timer left it (due, or cancelled): its place in the heap follows its next. */
  #firstLeft(lane: Lane): void {
    const index = lane.index;
    if (lane.entries.size > 0) {
      this.#down(index);
    } else {
      lane.index = -1;
      const last = this.#heap.pop() as Lane;
      if (last !== lane) {
        this.#heap[index] = last;
        last.index = index;
        this.#down(index);
        this.#up(last.index);
      }
    }
    if (index === 0) this.#setTimer();
  }

  /** Sets the real timer for the earliest pending timer (or none). */
  #setTimer(): void {
    if (this.#collecting) return;
    const first = this.#heap[0]?.first;
    if (first === undefined) {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#timerDue = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.#timer !== undefined && this.#timerDue <= first.due) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerDue = first.due;
    this.#timer = setTimeout(
      () => this.#onTimer(),
      Math.max(0, Math.ceil(first.due - performance.now())),
    );
  }

  /**
   * The real timer fired: after one poll phase, every timer due by now is queued to run in due
   * order, each after one more poll phase (`setImmediate` callbacks queued by one run in the
   * next turn of the loop).
   */
  #onTimer(): void {
    this.#timer = undefined;
    this.#timerDue = Number.POSITIVE_INFINITY;
    const now = performance.now();
    this.#collecting = true;
    setImmediate(() => {
      this.#collecting = false;
      for (;;) {
        const lane = this.#heap[0];
        if (lane === undefined) break;
        const due = lane.first;
        if (due.due > now) break;
        this.take(due);
        due.index = READY;
        this.#ready.push(due);
        this.#readyCount++;
        turns.run(due);
      }
      this.#setTimer();
    });
  }

  #up(index: number): void {
    const heap = this.#heap;
    const item = heap[index] as Lane;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as Lane;
      if (!before(item, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = item;
    item.index = index;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const item = heap[index] as Lane;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && before(heap[right] as Lane, heap[left] as Lane) ? right : left;
      const smaller = heap[child] as Lane;
      if (!before(smaller, item)) break;
      heap[index] = smaller;
      smaller.index = index;
      index = child;
    }
    heap[index] = item;
    item.index = index;
  }
}
