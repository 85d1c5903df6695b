/**
 * Long polling's other half: requests that wait for the next change of something (a new
 * callback record, a call's trace) park here until it happens, their wait is over or the client
 * goes away.
 */
export class ChangeWaiters {
  readonly #waiters = new Set<() => void>();

  /** Releases every waiting request. */
  wake(): void {
    if (this.#waiters.size === 0) return;
    for (const waiter of [...this.#waiters]) waiter();
  }

  /** Resolves at the next `wake()`, after `timeoutMs`, or when `signal` aborts (at once if it has). */
  next(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (timeoutMs <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(finish);
        signal?.removeEventListener('abort', finish);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.#waiters.add(finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }
}
