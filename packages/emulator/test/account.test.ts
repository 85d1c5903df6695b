import { describe, expect, it } from 'vitest';
import { emulator, json, OWNED } from './helpers';

interface Transaction {
  id: string;
  time: string;
  amount: string;
  type: string;
  units: string;
  productType: string;
  number?: string;
  resourceId?: string;
}

describe('account and transactions', () => {
  it('shows the configured balance and lowers it by every charge', async () => {
    const emu = await emulator({
      users: [
        {
          userId: 'u-test',
          apiToken: 't-test',
          apiSecret: 's-test',
          numbers: [OWNED],
          balance: '10.5',
        },
      ],
    });
    expect(await json(await emu.api('GET', `${emu.base}/account`))).toEqual({
      balance: '10.50000',
      accountType: 'pre-pay',
    });
    const sent = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: '+14045550100',
      text: 'hi',
    });
    expect(sent.status).toBe(201);
    expect(await json(await emu.api('GET', `${emu.base}/account`))).toMatchObject({
      balance: '10.49250',
    });
  });

  it('records sms-out, mms-out and number charges, newest first, with filters', async () => {
    const emu = await emulator();
    const sms = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: '+14045550100',
      text: 'x'.repeat(200),
    });
    expect(sms.status).toBe(201);
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: '+14045550100',
      text: 'pic',
      media: ['https://example.com/a.jpg'],
    });
    const ordered = await emu.api('POST', `${emu.base}/phoneNumbers`, { number: '+19845550123' });
    expect(ordered.status).toBe(201);

    const all = await json<Transaction[]>(await emu.api('GET', `${emu.base}/account/transactions`));
    expect(all.map((entry) => entry.productType)).toEqual([
      'local-number-per-month',
      'mms-out',
      'sms-out',
    ]);
    const smsCharge = all[2] as Transaction;
    expect(smsCharge).toMatchObject({
      type: 'charge',
      units: '2',
      amount: '0.01500',
      number: OWNED,
    });
    expect(smsCharge.resourceId).toMatch(/^m-/);
    // Charged as it was created: the same instant as the message's own time.
    const message = await json<{ time: string }>(
      await emu.api('GET', `${emu.base}/messages/${smsCharge.resourceId}`),
    );
    expect(smsCharge.time).toBe(message.time);
    expect(Date.parse(smsCharge.time)).toBeGreaterThan(Date.now() - 60_000);

    const filtered = await json<Transaction[]>(
      await emu.api('GET', `${emu.base}/account/transactions?number=%2B19845550123&type=charge`),
    );
    expect(filtered.map((entry) => entry.productType)).toEqual(['local-number-per-month']);
    const limited = await json<Transaction[]>(
      await emu.api('GET', `${emu.base}/account/transactions?maxItems=1`),
    );
    expect(limited).toHaveLength(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await json<Transaction[]>(
      await emu.api(
        'GET',
        `${emu.base}/account/transactions?fromDate=${encodeURIComponent(future)}`,
      ),
    );
    expect(none).toEqual([]);
    const bad = await emu.api('GET', `${emu.base}/account/transactions?type=gift`);
    expect(bad.status).toBe(400);
  });

  it('pages transactions with page/size and Link first/next', async () => {
    const emu = await emulator();
    for (let index = 0; index < 5; index++) {
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: '+14045550100',
        text: `n${index}`,
      });
    }
    const seen: string[] = [];
    let next: string | undefined = `${emu.url}${emu.base}/account/transactions?size=2`;
    let pages = 0;
    while (next) {
      const response = await emu.api('GET', new URL(next).pathname + new URL(next).search);
      const link = response.headers.get('link') ?? '';
      expect(link).toContain('rel="first"');
      seen.push(...(await json<Transaction[]>(response)).map((entry) => entry.id));
      next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
  });
});
