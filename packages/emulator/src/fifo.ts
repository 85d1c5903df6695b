/** Slots of a new queue (a power of two, as every capacity it grows to). */
const FIRST_CAPACITY = 16;

/**
 * A first-in, first-out queue on a ring of slots: taking the oldest item moves nothing, and the
 * ring is replaced only when it is full (by one twice its size), so a queue that thousands of
 * items pass through, such as the due timers of messages in flight, makes no garbage once it has
 * grown to its busiest size.
 */
export class Fifo<T> {
  #slots: Array<T | undefined> = emptySlots(FIRST_CAPACITY);
  /** The oldest item's slot. */
  #head = 0;
  #size = 0;

  /** Items in the queue. */
  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    if (this.#size === this.#slots.length) this.#grow();
    this.#slots[this.#slotOf(this.#size)] = item;
    this.#size++;
  }

  /** Takes the oldest item out (`undefined` when empty). */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#slots[this.#head];
    this.#slots[this.#head] = undefined;
    this.#head = this.#slotOf(1);
    this.#size--;
    return item;
  }

  /** The oldest item, left in (`undefined` when empty). */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#slots[this.#head];
  }

  /** Takes `item` out wherever it is (those after it move up); false when it is not in. */
  remove(item: T): boolean {
    const slots = this.#slots;
    for (let place = 0; place < this.#size; place++) {
      if (slots[this.#slotOf(place)] !== item) continue;
      if (place === 0) {
        this.shift();
        return true;
      }
      for (let after = place + 1; after < this.#size; after++) {
        slots[this.#slotOf(after - 1)] = slots[this.#slotOf(after)];
      }
      this.#size--;
      slots[this.#slotOf(this.#size)] = undefined;
      return true;
    }
    return false;
  }

  /** Takes every item out, oldest first. */
  drain(): T[] {
    const items = new Array<T>(this.#size);
    for (let place = 0; place < this.#size; place++) {
      items[place] = this.#slots[this.#slotOf(place)] as T;
    }
    this.#slots = emptySlots(FIRST_CAPACITY);
    this.#head = 0;
    this.#size = 0;
    return items;
  }

  /** The slot of the item `place` places after the oldest. */
  #slotOf(place: number): number {
    return (this.#head + place) & (this.#slots.length - 1);
  }

  #grow(): void {
    const slots = emptySlots<T>(2 * this.#slots.length);
    for (let place = 0; place < this.#size; place++)
      slots[place] = this.#slots[this.#slotOf(place)];
    this.#slots = slots;
    this.#head = 0;
  }
}

/** Filled, not holey: every slot holds an item or `undefined`. */
function emptySlots<T>(capacity: number): Array<T | undefined> {
  return new Array<T | undefined>(capacity).fill(undefined);
}
