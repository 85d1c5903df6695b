import { describe, expect, it } from 'vitest';
import { DOCUMENTED_RATE_LIMITS } from '../src/index';
import { emulator, json, OWNED, OWNED_2, STRANGER } from './helpers';

describe('rate limits', () => {
  it('are off by default', async () => {
    const emu = await emulator();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        emu.api('GET', `${emu.base}/account`).then((response) => response.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it('answer 429 with X-RateLimit-Reset (epoch ms) and the documented body, per resource', async () => {
    const emu = await emulator({
      rateLimits: { resources: { account: { limit: 2, windowMs: 60_000 } } },
    });
    const before = Date.now();
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(200);
    expect((await emu.api('GET', `${emu.base}/account/transactions`)).status).toBe(200);
    const limited = await emu.api('GET', `${emu.base}/account`);
    expect(limited.status).toBe(429);
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 60_000);
    expect(reset).toBeLessThan(Date.now() + 61_000);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(await json(limited)).toEqual({
      category: 'too-many-requests',
      code: 'rate-limit-reached',
      details: [
        { name: 'rateLimitResetTime', value: String(reset) },
        { name: 'requestMethod', value: 'GET' },
        { name: 'remoteAddress', value: '127.0.0.1' },
        { name: 'requestPath', value: 'users/u-test/account' },
      ],
    });
    // Other resources are not affected.
    expect((await emu.api('GET', `${emu.base}/applications`)).status).toBe(200);
  });

  it('clear once the window has passed', async () => {
    const emu = await emulator({ rateLimits: { default: { limit: 1, windowMs: 150 } } });
    expect((await emu.api('GET', `${emu.base}/media`)).status).toBe(200);
    const limited = await emu.api('GET', `${emu.base}/media`);
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get('x-ratelimit-reset')) - Date.now();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait) + 5));
    expect((await emu.api('GET', `${emu.base}/media`)).status).toBe(200);
  });

  it('answer message sending with 403 category limit: per number and per account', async () => {
    const emu = await emulator();
    await emu.control.setRateLimits({ messages: { perNumber: { limit: 2, windowMs: 10_000 } } });
    const send = (from: string) =>
      emu.api('POST', `${emu.base}/messages`, { from, to: STRANGER, text: 'x' });
    expect((await send(OWNED)).status).toBe(201);
    expect((await send(OWNED)).status).toBe(201);
    const perNumber = await send(OWNED);
    expect(perNumber.status).toBe(403);
    const body = await json<{ category: string; code: string; message: string }>(perNumber);
    expect(body).toMatchObject({ category: 'limit', code: 'message-rate-limit-per-tn' });
    expect(body.message).toContain(`for telephone number ${OWNED}`);
    expect((await send(OWNED_2)).status).toBe(201);
    // Resource (429) limits never apply to POST /messages.
    await emu.control.setRateLimits({
      default: { limit: 1, windowMs: 60_000 },
      messages: { perAccount: { limit: 1, windowMs: 10_000 } },
    });
    expect((await send(OWNED)).status).toBe(201);
    const perAccount = await send(OWNED_2);
    expect(perAccount.status).toBe(403);
    expect(await json(perAccount)).toMatchObject({
      category: 'limit',
      code: 'message-rate-limit-overall',
      message:
        'You can send 0.1 messages per 1 seconds, calculated as the average over 10 seconds. Your rate is: 0.2',
    });
    // In a batch the refused items become error results.
    const batch = await emu.api('POST', `${emu.base}/messages`, [
      { from: OWNED, to: STRANGER, text: 'x' },
    ]);
    expect(batch.status).toBe(202);
    expect(await json(batch)).toEqual([
      {
        result: 'error',
        error: expect.objectContaining({
          category: 'limit',
          code: 'message-rate-limit-overall',
        }),
      },
    ]);
    await emu.control.setRateLimits({});
    expect((await send(OWNED)).status).toBe(201);
  });

  it('report the real rate over the window, never rounded to 0', async () => {
    const emu = await emulator();
    await emu.control.setRateLimits({ messages: { perNumber: { limit: 1, windowMs: 60_000 } } });
    const send = () =>
      emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'x' });
    expect((await send()).status).toBe(201);
    const refused = await json<{ message: string }>(await send());
    // Two sends in 60 s: 2 / 60 per second.
    expect(refused.message).toBe(
      `You can send 0.017 messages per 1 seconds per telephone number, calculated as the average over 60 seconds. Your rate is: 0.033 for telephone number ${OWNED}`,
    );
    await emu.control.setRateLimits({ messages: { perNumber: { limit: 10, windowMs: 10_000 } } });
    for (let index = 0; index < 10; index += 1) expect((await send()).status).toBe(201);
    expect((await json<{ message: string }>(await send())).message).toContain(
      'You can send 1 messages per 1 seconds per telephone number, calculated as the average over 10 seconds. Your rate is: 1.1 for',
    );
  });

  it('average sends over a sliding window: no double burst across a window boundary', async () => {
    const emu = await emulator();
    await emu.control.setRateLimits({ messages: { perNumber: { limit: 4, windowMs: 1000 } } });
    const send = () =>
      emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'x' });
    const started = Date.now();
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const refused = await send();
    expect(refused.status).toBe(403);
    const body = await json<{ details: Array<{ name: string; value: string }> }>(refused);
    const reset = Number(
      body.details.find((detail) => detail.name === 'rateLimitResetTime')?.value,
    );
    // Room opens when the first send leaves the window.
    expect(reset).toBeGreaterThanOrEqual(started + 1000);
    expect(reset).toBeLessThan(started + 1400);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reset - Date.now()) + 200));
    // The two later sends are still within the last second: two more fit, not four (as a
    // fixed window restarting at its end would allow).
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(403);
  });

  it('count refusals per code until the limits are set again', async () => {
    const emu = await emulator();
    await emu.control.setRateLimits({
      default: { limit: 1, windowMs: 60_000 },
      messages: {
        perNumber: { limit: 1, windowMs: 60_000 },
        perAccount: { limit: 2, windowMs: 60_000 },
      },
    });
    const send = (from: string) =>
      emu.api('POST', `${emu.base}/messages`, { from, to: STRANGER, text: 'x' });
    expect((await send(OWNED)).status).toBe(201);
    expect((await send(OWNED)).status).toBe(403); // per number
    expect((await send(OWNED_2)).status).toBe(201); // the refused send used up nothing
    expect(await json(await send(OWNED_2))).toMatchObject({ code: 'message-rate-limit-per-tn' });
    await emu.control.setRateLimits({
      default: { limit: 1, windowMs: 60_000 },
      messages: { perAccount: { limit: 1, windowMs: 60_000 } },
    });
    expect((await send(OWNED)).status).toBe(201);
    expect(await json(await send(OWNED_2))).toMatchObject({ code: 'message-rate-limit-overall' });
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(200);
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(429);
    expect(await emu.control.rateLimitRefusals()).toEqual({
      'rate-limit-reached': 1,
      'message-rate-limit-per-tn': 0,
      'message-rate-limit-overall': 1,
      'call-rate-limit': 0,
    });
    await emu.control.reset();
    expect((await emu.control.rateLimitRefusals())['rate-limit-reached']).toBe(0);
  });

  it('exports the documented defaults and refuses invalid configurations', async () => {
    expect(DOCUMENTED_RATE_LIMITS.default).toEqual({ limit: 1, windowMs: 1000 });
    const emu = await emulator({ rateLimits: DOCUMENTED_RATE_LIMITS });
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(200);
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(429);
    await expect(
      emu.control.setRateLimits({ resources: { account: { limit: -1, windowMs: 1 } } }),
    ).rejects.toMatchObject({
      status: 400,
    });
  });
});
