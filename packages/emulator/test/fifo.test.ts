import { describe, expect, it } from 'vitest';
import { Fifo } from '../src/fifo';

describe('the FIFO queue behind turns and due timers', () => {
  it('gives items back oldest first, across bulk compactions, while more arrive', () => {
    const queue = new Fifo<number>();
    const taken: number[] = [];
    let next = 0;
    // Two in, one out: the queue grows past the compaction threshold while it drains.
    for (let round = 0; round < 10_000; round++) {
      queue.push(next++);
      queue.push(next++);
      taken.push(queue.shift() as number);
    }
    expect(queue.size).toBe(10_000);
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) taken.push(item);
    expect(taken).toEqual(Array.from({ length: 20_000 }, (_, index) => index));
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });

  it('shows its oldest without taking it, and takes an item out from anywhere', () => {
    const queue = new Fifo<string>();
    expect(queue.peek()).toBeUndefined();
    for (const item of ['a', 'b', 'c', 'd', 'e']) queue.push(item);
    expect(queue.shift()).toBe('a');
    expect(queue.peek()).toBe('b');
    expect(queue.size).toBe(4);
    expect(queue.remove('d')).toBe(true); // in the middle
    expect(queue.remove('b')).toBe(true); // the oldest
    expect(queue.remove('a')).toBe(false); // taken already
    expect(queue.remove('z')).toBe(false);
    expect(queue.size).toBe(2);
    expect(queue.peek()).toBe('c');
    expect(queue.remove('e')).toBe(true); // the newest
    expect(queue.drain()).toEqual(['c']);
    expect(queue.remove('c')).toBe(false);
    queue.push('f');
    expect(queue.peek()).toBe('f');
  });

  it('keeps the order when its items wrap around the end of its ring, taken out or grown past', () => {
    const queue = new Fifo<number>();
    for (let item = 0; item < 16; item++) queue.push(item);
    for (let item = 0; item < 10; item++) expect(queue.shift()).toBe(item);
    // 10 to 15 at the ring's end, 16 to 23 from its start.
    for (let item = 16; item < 24; item++) queue.push(item);
    expect(queue.remove(14)).toBe(true); // before the wrap: those after it, across it, move up
    expect(queue.remove(17)).toBe(true); // after it
    expect(queue.remove(14)).toBe(false);
    expect(queue.size).toBe(12);
    // Full again, then grown while wrapped.
    for (let item = 24; item < 40; item++) queue.push(item);
    const expected = [
      10,
      11,
      12,
      13,
      15,
      16,
      ...Array.from({ length: 22 }, (_, index) => index + 18),
    ];
    expect(queue.peek()).toBe(10);
    expect(queue.drain()).toEqual(expected);
    expect(queue.shift()).toBeUndefined();
  });

  it('drains what is left, oldest first, and is empty after', () => {
    const queue = new Fifo<string>();
    for (const item of ['a', 'b', 'c', 'd']) queue.push(item);
    expect(queue.shift()).toBe('a');
    expect(queue.drain()).toEqual(['b', 'c', 'd']);
    expect(queue.size).toBe(0);
    queue.push('e');
    expect(queue.shift()).toBe('e');
  });
});
