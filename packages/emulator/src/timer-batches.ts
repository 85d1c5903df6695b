import type { Clock, ClockTimer } from './clock';

/**
 * How far past now an entry may be due and still run in the batch being run (ms). Node keeps
 * timer times in whole milliseconds of a loop time read once per turn, so a plain timer can
 * fire up to about this much before its exact due time too.
 */
const SAME_MOMENT_MS = 1;

/** Entries already run stay in the array until this many have piled up at its head. */
const COMPACT_AFTER = 1024;

interface Entry {
  /** `performance.now()` at which the task is due. */
  due: number;
  task: () => void;
}

/** The entries of one real duration: queued in due order, so only the head needs a timer. */
interface Lane {
  realMs: number;
  entries: Array<Entry | undefined>;
  head: number;
  timer: ClockTimer | undefined;
  running: boolean;
}

/**
 * Many tasks on few clock timers. A task scheduled for the same simulated duration as earlier
 * ones is due after them, so each duration keeps a first-in-first-out lane with one clock timer
 * for its head; when it fires, every entry due by then runs, in the order scheduled. A burst of
 * thousands of messages then costs a timer per millisecond rather than one per message and step.
 * Lanes start their runs in due order (the clock's), but a run takes every entry of its lane due
 * by then: after a stall, a later entry of one lane may run before an earlier one of another. The
 * message steps it serves only need their own order (each schedules the next).
 * Durations are scaled by the speed in force when a task is scheduled (as {@link Clock.schedule}
 * does); clock timers are cancelled by reset and close, so call {@link TimerBatches.clear} after
 * {@link Clock.cancelAll}.
 */
export class TimerBatches {
  readonly #clock: Clock;
  readonly #lanes = new Map<number, Lane>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Runs `task` after `simulatedMs` of simulated time, after every task already due before it. */
  schedule(simulatedMs: number, task: () => void): void {
    const realMs = this.#clock.scale(simulatedMs);
    let lane = this.#lanes.get(realMs);
    if (!lane) {
      lane = { realMs, entries: [], head: 0, timer: undefined, running: false };
      this.#lanes.set(realMs, lane);
    }
    lane.entries.push({ due: performance.now() + realMs, task });
    if (!lane.timer && !lane.running) this.#arm(lane);
  }

  /** Number of tasks still to run (for tests and diagnostics). */
  get pending(): number {
    let count = 0;
    for (const lane of this.#lanes.values()) count += lane.entries.length - lane.head;
    return count;
  }

  /** Drops every task not yet run and cancels the lanes' timers. */
  clear(): void {
    for (const lane of this.#lanes.values()) {
      lane.timer?.cancel();
      // Ends a run in progress (a task that resets the emulator) after that task.
      lane.entries.length = 0;
      lane.head = 0;
    }
    this.#lanes.clear();
  }

  #arm(lane: Lane): void {
    const head = lane.entries[lane.head] as Entry;
    const waitMs = Math.max(0, head.due - performance.now());
    // The clock scales by its current speed; handing it waitMs × speed asks for waitMs of real time.
    lane.timer = this.#clock.schedule(waitMs * this.#clock.speed, () => this.#run(lane));
  }

  #run(lane: Lane): void {
    lane.timer = undefined;
    lane.running = true;
    const until = performance.now() + SAME_MOMENT_MS;
    const { entries } = lane;
    try {
      while (lane.head < entries.length && (entries[lane.head] as Entry).due <= until) {
        const entry = entries[lane.head] as Entry;
        entries[lane.head] = undefined;
        lane.head += 1;
        entry.task();
      }
    } finally {
      lane.running = false;
      // A task may have reset the emulator, which drops every lane (this one included).
      if (this.#lanes.get(lane.realMs) === lane) this.#settle(lane);
    }
  }

  /** After a run: forgets an empty lane, or arms the timer of the next entry. */
  #settle(lane: Lane): void {
    if (lane.head === lane.entries.length) {
      this.#lanes.delete(lane.realMs);
      return;
    }
    if (lane.head > COMPACT_AFTER && lane.head * 2 > lane.entries.length) {
      lane.entries.splice(0, lane.head);
      lane.head = 0;
    }
    this.#arm(lane);
  }
}
