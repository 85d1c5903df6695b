// Fault soak: 2,000 sends through MessagingClient while the emulator fails 10 % of them (answered
// 503, dropped before it acts, dropped after it acts). Every send must end one of three ways a
// caller can act on — acknowledged with an id, failed with nothing created, or reported as
// possibly sent — and the emulator must hold each acknowledged message once, no failed one, and
// never a message twice. Seeded, so a failure reproduces.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiError, ConnectionError, TimeoutError } from '../src/index';
import { type MessagingFixture, OWNED, startMessagingFixture } from './emulator';

const SENDS = 2_000;
const IN_FLIGHT = 16;
const FROM = OWNED[0];

type Outcome = 'acknowledged' | 'failed' | 'possibly sent' | 'unexpected';

let fixture: MessagingFixture;

beforeAll(async () => {
  fixture = await startMessagingFixture();
  const path = '/v1/users/*/messages';
  await fixture.emulator.control.setFaults([
    { type: 'status', status: 503, method: 'POST', path, probability: 0.04 },
    { type: 'drop-before', method: 'POST', path, probability: 0.03 },
    { type: 'drop-after', method: 'POST', path, probability: 0.03 },
  ]);
});
afterAll(() => fixture.close());

/** What a caller learns from one send. */
async function send(index: number): Promise<{ tag: string; outcome: Outcome; id?: string }> {
  const tag = `soak-${index}`;
  try {
    const id = await fixture.client.sendMessage({
      from: FROM,
      to: `+1919555${String(index).padStart(4, '0')}`,
      text: `soak ${index}`,
      tag,
    });
    return { tag, outcome: 'acknowledged', id };
  } catch (error) {
    // The server answered: it refused the request, so nothing was created.
    if (error instanceof ApiError) return { tag, outcome: 'failed' };
    // The request left and no answer came back: the API may or may not have acted on it.
    if (error instanceof TimeoutError) return { tag, outcome: 'possibly sent' };
    if (error instanceof ConnectionError && error.code !== 'ECONNREFUSED') {
      return { tag, outcome: 'possibly sent' };
    }
    return { tag, outcome: 'unexpected' };
  }
}

describe('fault soak', () => {
  test(`${SENDS} sends under 10 % injected faults: no duplicate, no silent loss`, async () => {
    const results: Array<Awaited<ReturnType<typeof send>>> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < SENDS) results.push(await send(next++));
      }),
    );

    const stored = (
      (await fixture.state()).messages as Array<{ id: string; tag?: string; direction: string }>
    ).filter((message) => message.direction === 'out' && message.tag?.startsWith('soak-'));
    const storedByTag = new Map<string, string[]>();
    for (const message of stored) {
      const ids = storedByTag.get(message.tag ?? '') ?? [];
      ids.push(message.id);
      storedByTag.set(message.tag ?? '', ids);
    }

    const counts = new Map<string, { sends: number; stored: number }>();
    for (const { tag, outcome } of results) {
      const row = counts.get(outcome) ?? { sends: 0, stored: 0 };
      row.sends++;
      row.stored += storedByTag.get(tag)?.length ?? 0;
      counts.set(outcome, row);
    }
    console.log(
      [
        'outcome        sends  stored on the emulator',
        ...[...counts].map(
          ([outcome, row]) =>
            `${outcome.padEnd(14)} ${String(row.sends).padStart(5)}  ${String(row.stored).padStart(5)}`,
        ),
      ].join('\n'),
    );

    expect(results).toHaveLength(SENDS);
    expect(counts.get('unexpected')).toBeUndefined();
    // The faults did happen, in each form a caller can see.
    expect(counts.get('failed')?.sends ?? 0).toBeGreaterThan(0);
    expect(counts.get('possibly sent')?.sends ?? 0).toBeGreaterThan(0);
    // Never a message twice, and nothing stored that no send asked for.
    expect(Math.max(...[...storedByTag.values()].map((ids) => ids.length))).toBe(1);
    expect(stored.every((message) => results.some((r) => r.tag === message.tag))).toBe(true);
    for (const { tag, outcome, id } of results) {
      const ids = storedByTag.get(tag) ?? [];
      if (outcome === 'acknowledged') expect(ids, tag).toEqual([id]);
      if (outcome === 'failed') expect(ids, tag).toEqual([]);
    }
  }, 120_000);
});
