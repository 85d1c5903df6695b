import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AccountTransaction, NotFoundError, type PlatformError } from '../src/index';
import { type AccountFixture, listOf, OWNED_NUMBER, startAccountFixture } from './emulator';

let fixture: AccountFixture;

beforeAll(async () => {
  fixture = await startAccountFixture();
});
afterAll(() => fixture.close());

describe('account, transactions and number info', () => {
  test('getAccount shows the balance the emulator keeps, and number info lookups are charged', async () => {
    const { client } = fixture;
    const before = await client.getAccount();
    expect(before).toEqual({ balance: (await fixture.state()).balance, accountType: 'pre-pay' });

    const lookups = [
      '+19195551212',
      '+19195551213',
      '+19195551214',
      '+19195551215',
      '+19195551216',
    ];
    for (const number of lookups) {
      const info = await client.getNumberInfo(number);
      expect(info.number).toBe(number);
      expect(info.name).toMatch(/\S/);
      expect(info.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    const after = await client.getAccount();
    expect(Number(after.balance)).toBeLessThan(Number(before.balance));
    expect(after.balance).toBe((await fixture.state()).balance);
  });

  test('getNumberInfo of the owned number answers with that number', async () => {
    await expect(fixture.client.getNumberInfo(OWNED_NUMBER)).resolves.toMatchObject({
      number: OWNED_NUMBER,
    });
  });

  test('listAccountTransactions walks every page and matches the emulator state', async () => {
    const { client } = fixture;
    const expected = listOf<AccountTransaction>(await fixture.state(), 'transactions');
    expect(expected.length).toBeGreaterThanOrEqual(5);

    const pages: AccountTransaction[][] = [];
    for await (const page of client.listAccountTransactions({ size: 2 }).pages()) pages.push(page);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    const listed = pages.flat();
    expect(listed.map((t) => t.id).sort()).toEqual(expected.map((t) => t.id).sort());

    const cnam = await client
      .listAccountTransactions({ size: 2, number: '+19195551213' })
      .toArray();
    expect(cnam).toHaveLength(1);
    expect(cnam[0]).toMatchObject({ type: 'charge', productType: 'cnam-search' });

    const firstThree = await client.listAccountTransactions({ size: 2 }).toArray({ limit: 3 });
    expect(firstThree.map((t) => t.id)).toEqual(listed.slice(0, 3).map((t) => t.id));
  });
});

describe('error log', () => {
  test('listErrors walks every page and getError reads each entry', async () => {
    const { client, emulator } = fixture;
    // The owned number has no application, so each inbound message is logged as an error.
    for (let n = 0; n < 5; n++) {
      await emulator.control.inboundMessage({
        from: '+19195559999',
        to: OWNED_NUMBER,
        text: `${n}`,
      });
    }
    const expected = listOf<PlatformError>(await fixture.state(), 'errors');
    expect(expected).toHaveLength(5);

    const listed = await client.listErrors({ size: 2 }).toArray();
    expect(listed.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    let pageCount = 0;
    for await (const _ of client.listErrors({ size: 2 }).pages()) pageCount++;
    expect(pageCount).toBe(3);

    const first = listed[0];
    if (!first) throw new Error('no errors listed');
    const one = await client.getError(first.id);
    expect(one).toEqual(first);
    expect(one).toMatchObject({ category: 'unavailable', code: 'no-application-for-number' });
    await expect(client.getError('ue-missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
