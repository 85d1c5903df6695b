/** Options of {@link Inbox.next}. */
export interface NextOptions {
  /** Give up after this many ms (real time). */
  timeoutMs: number;
  /** What is awaited, for the timeout error: `"the answer event of call c-1"`. */
  what: string;
}

/** Thrown by {@link Inbox.next} when nothing matching arrived in time. */
export class InboxTimeoutError extends Error {
  static {
    InboxTimeoutError.prototype.name = 'InboxTimeoutError';
  }
}

interface Waiter<T> {
  matches: (item: T) => boolean;
  resolve: (item: T) => void;
}

/**
 * Items that arrive in order (callback events), and a way to await the next one of a kind.
 * A callback handler pushes each event and answers at once; the flow that drives a call or a
 * message awaits what it needs next. Events are kept, so one that arrives before anyone waits
 * for it is not lost.
 */
export class Inbox<T> {
  readonly #items: T[] = [];
  #cursor = 0;
  #waiter: Waiter<T> | undefined;

  /** Every item received so far, oldest first. */
  get received(): readonly T[] {
    return this.#items;
  }

  /** Adds an item; wakes the waiting {@link next} if the item is what it waits for. */
  push(item: T): void {
    this.#items.push(item);
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    const index = this.#find(waiter.matches);
    if (index === -1) return;
    this.#waiter = undefined;
    this.#cursor = index + 1;
    waiter.resolve(this.#items[index] as T);
  }

  /**
   * Resolves with the first item after the last one taken that satisfies `matches`, waiting
   * for it if needed; the items skipped on the way are not offered again. Rejects with
   * {@link InboxTimeoutError} after `timeoutMs`. One `next` at a time.
   */
  next<U extends T>(matches: (item: T) => item is U, options: NextOptions): Promise<U>;
  next(matches: (item: T) => boolean, options: NextOptions): Promise<T>;
  next(matches: (item: T) => boolean, options: NextOptions): Promise<T> {
    if (this.#waiter !== undefined) {
      return Promise.reject(new Error('Inbox.next is already waiting'));
    }
    const index = this.#find(matches);
    if (index !== -1) {
      this.#cursor = index + 1;
      return Promise.resolve(this.#items[index] as T);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(
          new InboxTimeoutError(
            `Timed out after ${options.timeoutMs} ms waiting for ${options.what}`,
          ),
        );
      }, options.timeoutMs);
      this.#waiter = {
        matches,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
    });
  }

  #find(matches: (item: T) => boolean): number {
    for (let index = this.#cursor; index < this.#items.length; index += 1) {
      if (matches(this.#items[index] as T)) return index;
    }
    return -1;
  }
}
