import { describe, expect, it } from 'vitest';
import { IdGenerator } from '../src/ids';
import { seededRandom } from '../src/random';

const ID_BODY = /^[a-z2-7]{23}$/;

describe('resource ids', () => {
  it('are the prefix and 23 characters of the id alphabet, the same ones for the same seed', () => {
    const first = new IdGenerator(() => seededRandom(42));
    const random = seededRandom(42);
    const second = new IdGenerator(() => random);
    const made = ['m-', 'pptx-', 'c-', 'member-'].map((prefix) => first.next(prefix));
    for (const [index, prefix] of ['m-', 'pptx-', 'c-', 'member-'].entries()) {
      const id = made[index] as string;
      expect(id.startsWith(prefix)).toBe(true);
      expect(id.slice(prefix.length)).toMatch(ID_BODY);
    }
    // Asked for the current stream on every id: a fresh stream each time repeats the first id.
    expect(new Set(made.map((id) => id.slice(id.indexOf('-') + 1))).size).toBe(1);
    const fromOneStream = ['m-', 'm-', 'm-'].map((prefix) => second.next(prefix));
    expect(new Set(fromOneStream).size).toBe(3);
    expect(fromOneStream[0]).toBe(made[0]);
  });

  it('keep nothing of a longer id made before them', () => {
    const random = seededRandom(7);
    const ids = new IdGenerator(() => random);
    // Longer than any id before it, of a character outside the alphabet.
    const longPrefix = `${'9'.repeat(40)}-`;
    const long = ids.next(longPrefix);
    expect(long).toHaveLength(longPrefix.length + 23);
    expect(long.startsWith(longPrefix)).toBe(true);
    expect(long.slice(longPrefix.length)).toMatch(ID_BODY);
    const short = ids.next('m-');
    expect(short).toMatch(/^m-[a-z2-7]{23}$/);
  });
});
