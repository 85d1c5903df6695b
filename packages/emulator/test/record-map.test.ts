import { describe, expect, it } from 'vitest';
import { IdGenerator } from '../src/ids';
import { seededRandom } from '../src/random';
import { CHUNK_SIZE, RecordMap } from '../src/record-map';

interface Item {
  id: string;
  n: number;
}

function filled(count: number, chunkSize?: number): RecordMap<Item> {
  const records = new RecordMap<Item>(chunkSize);
  for (let n = 0; n < count; n++) records.add(`r-${n}`, { id: `r-${n}`, n });
  return records;
}

describe('RecordMap', () => {
  it('finds every record by id and lists them oldest first, across chunks', () => {
    const records = filled(11, 3);
    expect(records.size).toBe(11);
    // Three full chunks of 3 and the last with the 2 left.
    expect(records.chunks).toBe(4);
    for (let n = 0; n < 11; n++) expect(records.get(`r-${n}`)).toEqual({ id: `r-${n}`, n });
    expect(records.get('r-11')).toBeUndefined();
    expect([...records.values()].map((item) => item.n)).toEqual([...Array(11).keys()]);
  });

  it('begins a chunk only when the last one is full', () => {
    const records = new RecordMap<Item>(2);
    expect(records.chunks).toBe(1);
    expect([...records.values()]).toEqual([]);
    records.add('a', { id: 'a', n: 0 });
    records.add('b', { id: 'b', n: 1 });
    expect(records.chunks).toBe(1);
    records.add('c', { id: 'c', n: 2 });
    expect(records.chunks).toBe(2);
    expect(records.size).toBe(3);
  });

  it('tells apart ids that differ in any character, short and empty ones too', () => {
    const records = new RecordMap<Item>();
    const ids = ['', 'a', 'b', 'ab', 'ba', 'm-aaaa', 'm-aaab', 'm-baaa', 'x-aaaa'];
    for (const [n, id] of ids.entries()) records.add(id, { id, n });
    for (const [n, id] of ids.entries()) expect(records.get(id)).toEqual({ id, n });
    expect(records.get('m-aaac')).toBeUndefined();
    expect([...records.values()].map((item) => item.id)).toEqual(ids);
  });

  it('keeps chunks of 4,096 records by default', () => {
    const records = filled(CHUNK_SIZE * 2 + 1);
    expect(CHUNK_SIZE).toBe(4096);
    expect(records.chunks).toBe(3);
    expect(records.get('r-0')?.n).toBe(0);
    expect(records.get(`r-${CHUNK_SIZE * 2}`)?.n).toBe(CHUNK_SIZE * 2);
    expect([...records.values()][CHUNK_SIZE]?.n).toBe(CHUNK_SIZE);
  });

  it('spreads the emulator ids over its id maps, making each at its first id', () => {
    const records = new RecordMap<Item>();
    expect(records.shards).toBe(0);
    const random = seededRandom(3);
    const ids = new IdGenerator(() => random);
    const made: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const id = ids.next('m-');
      made.push(id);
      records.add(id, { id, n });
    }
    // 2,000 random ids over 256 maps leave very few of them unused.
    expect(records.shards).toBeGreaterThan(240);
    for (const [n, id] of made.entries()) expect(records.get(id)?.n).toBe(n);
  });

  it('refuses a chunk size that is not a whole number from 1', () => {
    for (const size of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new RecordMap(size)).toThrow(RangeError);
    }
  });
});
