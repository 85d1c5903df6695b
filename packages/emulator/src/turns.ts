/**
 * Real milliseconds of the emulator's own work (due timers, answers to its callbacks) that one
 * turn of the event loop runs at most; the rest waits for the next turn, in order. A thousand
 * calls ringing out at once, or a thousand callback answers read in one go, would otherwise hold
 * the loop for as long as all their work takes, and every request and timer behind them waits.
 */
export const TURN_BUDGET_MS = 5;

/**
 * The process's share-out of event-loop turns (one loop, so one queue for every emulator in the
 * process). Tasks run in the order given, each in a `setImmediate` callback of its own, so the
 * promise work it starts has run, and counts, by the time the next one looks at the budget.
 * A callback that finds the turn's budget spent leaves its task at the head of the queue; the
 * next turn arms callbacks for the tasks still waiting. Callbacks carry no task (each takes the
 * head of the queue when it runs), so the order holds however they were armed.
 */
class Turns {
  readonly #tasks: Array<() => void> = [];
  #head = 0;
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
  run(task: () => void): void {
    this.#tasks.push(task);
    if (!this.#spent && this.#armed < this.#tasks.length - this.#head) this.#arm(1);
  }

  /** Tasks waiting (for tests and diagnostics). */
  get waiting(): number {
    return this.#tasks.length - this.#head;
  }

  #arm(count: number): void {
    for (let index = 0; index < count; index++) {
      this.#armed++;
      setImmediate(() => this.#next());
    }
  }

  #next(): void {
    this.#armed--;
    if (this.#spent || this.#head === this.#tasks.length) return;
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
    const task = this.#tasks[this.#head] as () => void;
    this.#tasks[this.#head++] = noop;
    if (this.#head === this.#tasks.length) {
      this.#tasks.length = 0;
      this.#head = 0;
    } else if (this.#head >= 4096 && 2 * this.#head >= this.#tasks.length) {
      this.#tasks.splice(0, this.#head);
      this.#head = 0;
    }
    this.#ran++;
    task();
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

function noop(): void {}

/** The emulator's share of the event loop: see {@link Turns}. */
export const turns = new Turns();
