import { describe, expect, it } from 'vitest';
import { Sequence } from '../src/sequence';
import { type MessageRecord, sortKeyOf } from '../src/state';

const keyOf = (place: { millis: number; sequence: number }) =>
  sortKeyOf({ createdAt: place.millis, sortSequence: place.sequence } as MessageRecord);

describe("an emulator's creation counters", () => {
  it('numbers records within their millisecond, and starts again at the next', () => {
    const sequence = new Sequence();
    expect(sequence.place(1_000)).toEqual({ millis: 1_000, sequence: 0 });
    expect(sequence.place(1_000)).toEqual({ millis: 1_000, sequence: 1 });
    expect(sequence.place(1_001)).toEqual({ millis: 1_001, sequence: 0 });
    expect(keyOf({ millis: 1_001, sequence: 2 })).toBe(1_001_000_002n);
  });

  it('files a record under the last millisecond when the wall clock steps back: keys keep increasing', () => {
    const sequence = new Sequence();
    const keys = [5_000, 5_002, 4_990, 4_995, 5_002, 5_003].map((now) =>
      keyOf(sequence.place(now)),
    );
    expect(keys).toEqual([
      5_000_000_000n,
      5_002_000_000n,
      5_002_000_001n,
      5_002_000_002n,
      5_002_000_003n,
      5_003_000_000n,
    ]);
    sequence.restart();
    expect(sequence.place(4_990)).toEqual({ millis: 4_990, sequence: 0 });
  });
});
