import { describe, expect, it } from 'vitest';
import { emulator, json, OWNED, STRANGER, type TestEmulator } from './helpers';

/** An emulator whose user starts with `balance` dollars. */
const withBalance = (balance: string) =>
  emulator({
    users: [
      { userId: 'u-test', apiToken: 't-test', apiSecret: 's-test', numbers: [OWNED], balance },
    ],
  });

const balanceOf = async (emu: TestEmulator) =>
  (await json<{ balance: string }>(await emu.api('GET', `${emu.base}/account`))).balance;

/** Checks a 403 `credit` refusal and returns its message. */
async function refused(response: Response): Promise<string> {
  expect(response.status).toBe(403);
  const body = await json<{ category: string; code: string; message: string }>(response);
  expect(body).toMatchObject({ category: 'credit', code: 'insufficient-available-balance' });
  return body.message;
}

describe('a pre-pay balance that runs out', () => {
  it('refuses a message the balance cannot pay for, and creates nothing', async () => {
    const emu = await withBalance('0.01');
    const send = () =>
      emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'hi' });
    expect((await send()).status).toBe(201);
    expect(await balanceOf(emu)).toBe('0.00250');
    expect(await refused(await send())).toBe(
      'The available balance 0.00250 does not cover 0.00750 for 1 sms-out',
    );
    const listed = await json<unknown[]>(await emu.api('GET', `${emu.base}/messages`));
    expect(listed).toHaveLength(1);
    expect(await balanceOf(emu)).toBe('0.00250');
  });

  it('counts every segment, and refuses batch items one by one', async () => {
    const emu = await withBalance('0.025');
    // 200 characters are two segments: 0.015, leaving 0.01 for one more single segment.
    const long = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x'.repeat(200),
    });
    expect(long.status).toBe(201);
    const batch = await emu.api('POST', `${emu.base}/messages`, [
      { from: OWNED, to: STRANGER, text: 'fits' },
      { from: OWNED, to: STRANGER, text: 'does not' },
    ]);
    expect(batch.status).toBe(202);
    const results = await json<Array<{ result: string; error?: { code: string } }>>(batch);
    expect(results.map((item) => item.result)).toEqual(['accepted', 'error']);
    expect(results[1]?.error).toMatchObject({
      category: 'credit',
      code: 'insufficient-available-balance',
    });
  });

  it('refuses a call without a minute of credit, a number order it cannot pay for whole, and a CNAM lookup', async () => {
    const emu = await withBalance('0.50');
    const order = await emu.api('POST', '/v1/availableNumbers/local?areaCode=919&quantity=2');
    expect(await refused(order)).toContain('for 2 local-number-per-month');
    const numbers = await json<unknown[]>(await emu.api('GET', `${emu.base}/phoneNumbers`));
    expect(numbers).toHaveLength(1);
    const one = await emu.api('POST', '/v1/availableNumbers/local?areaCode=919&quantity=1');
    expect(one.status).toBe(201);
    expect(await balanceOf(emu)).toBe('0.15000');
    const direct = await emu.api('POST', `${emu.base}/phoneNumbers`, { number: '+19845550123' });
    await refused(direct);

    const broke = await withBalance('0.005');
    await refused(await broke.api('POST', `${broke.base}/calls`, { from: OWNED, to: STRANGER }));
    expect(await json<unknown[]>(await broke.api('GET', `${broke.base}/calls`))).toEqual([]);
    await refused(
      await broke.api('GET', `/v1/phoneNumbers/numberInfo/${encodeURIComponent(STRANGER)}`),
    );
  });

  it('still takes inbound messages, which may take the balance below zero', async () => {
    const emu = await withBalance('0');
    await emu.control.inboundMessage({ from: STRANGER, to: OWNED, text: 'hello' });
    expect(await balanceOf(emu)).toBe('-0.00750');
    await refused(
      await emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'reply' }),
    );
  });
});
