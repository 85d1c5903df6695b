/** Rejection reason of a {@link Clock.sleep} that was cut short by reset or close. */
export class ClockCancelledError extends Error {
  override readonly name = 'ClockCancelledError';
  constructor() {
    super('Emulator timers were cancelled (reset or close)');
  }
}

/** A pending simulated timer; `cancel()` is idempotent. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Runs `task` once the requests that reached the process before now have been read: two
 * `setImmediate` hops leave two poll phases of the event loop in between (one accepts a new
 * connection, the next reads what it sent). Without them an expired timer runs before a
 * request already waiting in a socket when the loop lags (timers run before I/O), and a
 * fast `speed` turns load into wrong outcomes: a pressed digit loses to a Gather's timeout.
 */
function afterPendingInput(task: () => void): void {
  setImmediate(() => setImmediate(task));
}

/**
 * Simulated time. Every simulated duration (message state changes, audio, ringing) goes
 * through here so that `speed` scales all of them, and so that reset/close can cancel
 * everything that is still pending. Simulated time never runs ahead of requests the
 * emulator has not read yet (see {@link afterPendingInput}).
 */
export class Clock {
  #speed: number;
  readonly #timers = new Map<NodeJS.Timeout, () => void>();

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
    // The handle stays pending until the task runs, so a cancel in between still wins.
    const handle = setTimeout(() => {
      afterPendingInput(() => {
        if (this.#timers.delete(handle)) task();
      });
    }, this.scale(simulatedMs));
    this.#timers.set(handle, () => {});
    return {
      cancel: () => {
        if (this.#timers.delete(handle)) clearTimeout(handle);
      },
    };
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
      const onAbort = () => {
        if (this.#timers.delete(handle)) clearTimeout(handle);
        reject(signal?.reason);
      };
      const handle = setTimeout(() => {
        afterPendingInput(() => {
          if (!this.#timers.delete(handle)) return;
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      }, this.scale(simulatedMs));
      this.#timers.set(handle, () => {
        signal?.removeEventListener('abort', onAbort);
        reject(new ClockCancelledError());
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Number of timers still pending (for tests and diagnostics). */
  get pending(): number {
    return this.#timers.size;
  }

  /** Cancels every pending timer and sleep. */
  cancelAll(): void {
    const timers = [...this.#timers];
    this.#timers.clear();
    for (const [handle, onCancel] of timers) {
      clearTimeout(handle);
      onCancel();
    }
  }
}
