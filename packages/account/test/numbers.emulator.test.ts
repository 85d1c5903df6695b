import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConflictError, NotFoundError, type PhoneNumber } from '../src/index';
import { type AccountFixture, listOf, OWNED_NUMBER, startAccountFixture } from './emulator';

let fixture: AccountFixture;

beforeAll(async () => {
  fixture = await startAccountFixture();
});
afterAll(() => fixture.close());

describe('available numbers', () => {
  test('local and toll-free searches answer the requested quantity without buying anything', async () => {
    const { client } = fixture;
    const local = await client.searchAvailableLocalNumbers({ areaCode: '919', quantity: 3 });
    expect(local).toHaveLength(3);
    for (const available of local) {
      expect(available.number).toMatch(/^\+1919\d{7}$/);
      expect(available.price).toMatch(/^\d+\.\d+$/);
    }
    const patterned = await client.searchAvailableLocalNumbers({
      state: 'NC',
      pattern: '*77*',
      quantity: 2,
    });
    expect(patterned).toHaveLength(2);
    for (const available of patterned) expect(available.number.slice(2)).toContain('77');

    const tollFree = await client.searchAvailableTollFreeNumbers({ quantity: 2 });
    expect(tollFree).toHaveLength(2);
    for (const available of tollFree)
      expect(available.number).toMatch(/^\+18(00|33|44|55|66|77|88)/);

    expect(listOf(await fixture.state(), 'phoneNumbers')).toHaveLength(1);
  });

  test('search-and-order buys the numbers and each id reads back as that number', async () => {
    const { client } = fixture;
    const local = await client.searchAndOrderLocalNumbers({ areaCode: '415', quantity: 2 });
    const tollFree = await client.searchAndOrderTollFreeNumbers({ quantity: 1 });
    expect(local).toHaveLength(2);
    expect(tollFree).toHaveLength(1);
    for (const ordered of [...local, ...tollFree]) {
      expect(ordered.location).toMatch(new RegExp(`/phoneNumbers/${ordered.id}$`));
      await expect(client.getPhoneNumber(ordered.id)).resolves.toMatchObject({
        id: ordered.id,
        number: ordered.number,
        numberState: 'enabled',
      });
    }
    const owned = listOf<PhoneNumber>(await fixture.state(), 'phoneNumbers').map((p) => p.number);
    expect(owned).toEqual(expect.arrayContaining([...local, ...tollFree].map((o) => o.number)));
  });
});

describe('phone numbers', () => {
  test('order, get by id and by E.164, list across pages with filters, update and release', async () => {
    const { client } = fixture;
    const applicationId = await client.createApplication({
      name: 'numbers',
      incomingMessageUrl: 'http://127.0.0.1:9/in',
    });
    const candidates = await client.searchAvailableLocalNumbers({ areaCode: '212', quantity: 5 });
    const ids: string[] = [];
    for (const [n, candidate] of candidates.entries()) {
      ids.push(
        await client.orderPhoneNumber({
          number: candidate.number,
          name: `line ${n}`,
          ...(n < 3 ? { applicationId } : {}),
        }),
      );
    }
    const first = candidates[0]?.number as string;
    const firstId = ids[0] as string;
    await expect(client.getPhoneNumber(firstId)).resolves.toMatchObject({
      id: firstId,
      number: first,
      name: 'line 0',
      applicationId,
    });
    await expect(client.getPhoneNumber(first)).resolves.toMatchObject({ id: firstId });
    await expect(client.orderPhoneNumber({ number: first })).rejects.toBeInstanceOf(ConflictError);

    const pages: PhoneNumber[][] = [];
    for await (const page of client.listPhoneNumbers({ size: 2 }).pages()) pages.push(page);
    const all = pages.flat();
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining(ids));
    expect(all.map((p) => p.number)).toContain(OWNED_NUMBER);
    const attached = await client.listPhoneNumbers({ applicationId, size: 2 }).toArray();
    expect(attached.map((p) => p.id).sort()).toEqual(ids.slice(0, 3).sort());

    await client.updatePhoneNumber(first, { name: 'main line', applicationId: '' });
    const updated = await client.getPhoneNumber(firstId);
    expect(updated.name).toBe('main line');
    expect(updated.applicationId).toBeUndefined();

    await client.deletePhoneNumber(firstId);
    await expect(client.getPhoneNumber(firstId)).resolves.toMatchObject({
      numberState: 'released',
    });
    const released = await client.listPhoneNumbers({ numberState: 'released' }).toArray();
    expect(released.map((p) => p.id)).toEqual([firstId]);
    await expect(client.getPhoneNumber('n-does-not-exist')).rejects.toBeInstanceOf(NotFoundError);
  });
});
