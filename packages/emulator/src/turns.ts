import { Fifo } from './fifo';

/**
 * Real milliseconds of the emulator's own work (due timers, answers to its callbacks) that one
 * turn of the event loop runs at most; the rest waits for the next turn, in order. A thousand
 * calls ringing out at once, or a thousand callback answers read in one go, would otherwise hold
 * the loop for as long as all their work takes, and every request and timer behind them waits.
 */
export const TURN_BUDGET_MS = 5;

/**
 * Work given to {@link turns}: a function, or an object that runs it from a method (one that
 * is queued by the thousand, such as a due timer, then needs no closure of its own).
 */
export type TurnTask = (() => void) | { takeTurn(): void };

/**
 * The process's share-out of event-loop turns (one loop, so one queue for every emulator in the
 * process). Tasks run in the order given, each in a `setImmediate` callback of its own, so the
 * promise work it starts has run, and counts, by the time the next one looks at the budget.
 * A callback that finds the turn's budget spent leaves its task at the head of the queue; the
 * next turn arms callbacks for the tasks still waiting. Callbacks carry no task (each takes the
 * head of the queue when it runs), so the order holds however they were armed.
 */
class Turns {
  readonly #tasks = new Fifo<TurnTask>();
  /** `setImmediate` callbacks armed and not run yet. */
  #armed = 0;
  /** This turn's budget is spent: callbacks are armed again from the next turn. */
  #spent = false;
  /** When this turn's first task ran (-1: none has yet). */
  #started = -1;
  /** Tasks run this turn, and in the last turn that spent its budget: how many to arm. */
  #ran = 0;
  #fit = 16;

  /** Runs `task` in this turn of the event loop or a later one, after the tasks given before. */
  run(task: TurnTask): void {
    this.#tasks.push(task);
    if (!this.#spent && this.#armed < this.#tasks.size) this.#arm(1);
  }

  /** Tasks waiting (for tests and diagnostics). */
  get waiting(): number {
    return this.#tasks.size;
  }

  #arm(count: number): void {
    for (let index = 0; index < count; index++) {
      this.#armed++;
      setImmediate(() => this.#next());
    }
  }

  #next(): void {
    this.#armed--;
    if (this.#spent || this.#tasks.size === 0) return;
    const now = performance.now();
    if (this.#started < 0) {
      this.#started = now;
      this.#ran = 0;
      // Queued from a `setImmediate` callback, this runs first in the next turn's.
      setImmediate(() => {
        this.#started = -1;
      });
    } else if (now - this.#started >= TURN_BUDGET_MS) {
      this.#spent = true;
      this.#fit = Math.max(this.#ran, 1);
      // A timer runs in the next turn before its `setImmediate` callbacks, so the callbacks it
      // arms run in that turn.
      setTimeout(() => this.#resume(), 0);
      return;
    }
    const task = this.#tasks.shift() as TurnTask;
    this.#ran++;
    if (typeof task === 'function') task();
    else task.takeTurn();
    // Every callback armed has run within the budget and tasks are left: more, next turn.
    if (this.#armed === 0 && !this.#spent && this.waiting > 0) {
      this.#arm(Math.min(this.waiting, 2 * this.#fit));
    }
  }

  #resume(): void {
    this.#spent = false;
    // Twice what fitted last time: callbacks beyond the budget cost next to nothing, and too
    // few would leave the turn half used.
    const wanted = Math.min(this.waiting - this.#armed, 2 * this.#fit);
    if (wanted > 0) this.#arm(wanted);
  }
}

/** The emulator's share of the event loop: see {@link Turns}. */
export const turns = new Turns();
