import { describe, expect, it } from 'vitest';
import type { FaultRule } from '../src/index';
import { emulator, json, OWNED, STRANGER } from './helpers';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error & { cause?: { code?: string } },
  );

describe('fault injection', () => {
  it('adds measurable latency to matching requests only', async () => {
    const emu = await emulator({
      faults: [{ type: 'latency', ms: 500, method: 'GET', path: '/v1/users/*/account' }],
    });
    await emu.api('GET', `${emu.base}/applications`);
    let started = performance.now();
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(495);
    started = performance.now();
    await emu.api('GET', `${emu.base}/applications`);
    expect(performance.now() - started).toBeLessThan(495);
  });

  it('answers a status with and without Retry-After, for the matching method and path', async () => {
    const emu = await emulator();
    await emu.control.setFaults([
      {
        type: 'status',
        status: 503,
        retryAfter: 2,
        method: 'get',
        path: '/v1/users/*/messages/**',
      },
      { type: 'status', status: 500, method: 'POST', path: '/v1/users/*/applications' },
    ]);
    const unavailable = await emu.api('GET', `${emu.base}/messages`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('2');
    expect(await json(unavailable)).toMatchObject({
      category: 'unavailable',
      code: 'internal-error',
    });
    expect((await emu.api('GET', `${emu.base}/messages/m-1`)).status).toBe(503);
    const broken = await emu.api('POST', `${emu.base}/applications`, {
      name: 'a',
      incomingCallUrl: 'http://x.test/c',
    });
    expect(broken.status).toBe(500);
    expect(broken.headers.get('retry-after')).toBeNull();
    expect(await json(broken)).toMatchObject({ category: 'backend' });
    // The failed POST did nothing; other methods and paths pass.
    expect(await json(await emu.api('GET', `${emu.base}/applications`))).toEqual([]);
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(200);
    await emu.control.clearFaults();
    expect((await emu.api('GET', `${emu.base}/messages`)).status).toBe(200);
  });

  it('drops the connection before processing: nothing is created', async () => {
    const emu = await emulator();
    await emu.control.setFaults([
      { type: 'drop-before', method: 'POST', path: '/v1/users/*/messages', times: 1 },
    ]);
    const error = await failure(
      emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'lost' }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(await json(await emu.api('GET', `${emu.base}/messages`))).toEqual([]);
    // `times: 1` — the next request goes through.
    expect(
      (await emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'ok' }))
        .status,
    ).toBe(201);
  });

  it('drops the connection after processing: the message exists although the client saw an error', async () => {
    const emu = await emulator();
    await emu.control.setFaults([
      { type: 'drop-after', method: 'POST', path: '/v1/users/*/messages' },
    ]);
    const error = await failure(
      emu.api('POST', `${emu.base}/messages`, { from: OWNED, to: STRANGER, text: 'ghost' }),
    );
    expect(error).toBeInstanceOf(TypeError);
    const listed = await json<Array<{ text: string }>>(
      await emu.api('GET', `${emu.base}/messages`),
    );
    expect(listed.map((message) => message.text)).toEqual(['ghost']);
  });

  it('applies probability deterministically under a seed', async () => {
    const outcomes = async () => {
      const emu = await emulator({
        seed: 7,
        faults: [{ type: 'status', status: 503, probability: 0.5, path: '/v1/users/*/account' }],
      });
      const statuses: number[] = [];
      for (let index = 0; index < 20; index++)
        statuses.push((await emu.api('GET', `${emu.base}/account`)).status);
      await emu.close();
      return statuses;
    };
    const first = await outcomes();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await outcomes()).toEqual(first);
  });

  it('never touches the control API, and rejects invalid rules with 400', async () => {
    const emu = await emulator({ faults: [{ type: 'drop-before' }] });
    expect(await emu.control.callbacks()).toEqual([]);
    await expect(
      emu.control.setFaults([{ type: 'explode' } as unknown as FaultRule]),
    ).rejects.toMatchObject({ status: 400 });
    await expect(emu.control.setFaults([{ type: 'status', status: 42 }])).rejects.toMatchObject({
      status: 400,
    });
    await emu.control.clearFaults();
    expect((await emu.api('GET', `${emu.base}/account`)).status).toBe(200);
  });
});
