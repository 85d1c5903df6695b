/**
 * An emulator's creation counters: they order records created in the same millisecond.
 * One per emulator (`context.sequence`), restarted on reset, so that two emulators never share
 * a counter and the same seed and script give the same values.
 */
export class Sequence {
  #created = 0;
  #lastSortMillis = 0;
  #sortSequence = 0;

  /** The next creation number (1, 2, …): the order of calls, bridges, recordings … */
  next(): number {
    this.#created += 1;
    return this.#created;
  }

  /**
   * Files a record created at `now` (epoch ms) in creation order: the millisecond it is filed
   * under (`now`, or the last one filed when the wall clock stepped back) and its number within
   * it. Its sort key, millis × 10⁶ + sequence, is unique and increasing, like the API's
   * `sortKeyLT`/`sortKeyGT` values.
   */
  place(now: number): { millis: number; sequence: number } {
    if (now > this.#lastSortMillis) {
      this.#lastSortMillis = now;
      this.#sortSequence = 0;
    } else {
      this.#sortSequence += 1;
    }
    return { millis: this.#lastSortMillis, sequence: this.#sortSequence };
  }

  /** Back to the start (reset). */
  restart(): void {
    this.#created = 0;
    this.#lastSortMillis = 0;
    this.#sortSequence = 0;
  }
}
