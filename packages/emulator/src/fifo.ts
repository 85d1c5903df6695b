/**
 * A first-in, first-out queue on an array: taking the oldest item does not move the others
 * (the array is compacted in bulk, once half of it is taken slots), so a queue of thousands
 * drains in linear time.
 */
export class Fifo<T> {
  #items: Array<T | undefined> = [];
  #head = 0;

  /** Items in the queue. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Takes the oldest item out (`undefined` when empty). */
  shift(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    } else if (this.#head >= 4096 && 2 * this.#head >= this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** The oldest item, left in (`undefined` when empty). */
  peek(): T | undefined {
    return this.#head === this.#items.length ? undefined : this.#items[this.#head];
  }

  /** Takes `item` out wherever it is (those after it move up); false when it is not in. */
  remove(item: T): boolean {
    const at = this.#items.indexOf(item, this.#head);
    if (at === -1) return false;
    if (at === this.#head) {
      this.shift();
      return true;
    }
    this.#items.splice(at, 1);
    return true;
  }

  /** Takes every item out, oldest first. */
  drain(): T[] {
    const items = this.#items.slice(this.#head) as T[];
    this.#items = [];
    this.#head = 0;
    return items;
  }
}
