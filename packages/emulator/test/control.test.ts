import { describe, expect, it } from 'vitest';
import { EmulatorControl } from '../src/index';
import { emulator, idFrom, json, OWNED, receiver, STRANGER } from './helpers';

describe('control API', () => {
  it('reset restores the start state: resources, seeded numbers, callbacks, faults and timers', async () => {
    const emu = await emulator({ speed: 1 });
    const hook = await receiver();
    await emu.api('POST', `${emu.base}/applications`, {
      name: 'a',
      incomingCallUrl: 'http://x.test/c',
    });
    await emu.api('POST', `${emu.base}/phoneNumbers`, { number: '+12025550100' });
    // At real speed this message would call back after ~100 ms; reset must cancel that.
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
      callbackUrl: `${hook.url}/cb`,
    });
    await emu.control.setFaults([{ type: 'status', status: 503, path: '/v1/users/*/media' }]);
    await emu.control.reset();

    const state = await emu.control.state();
    expect(state).toMatchObject({
      userId: 'u-test',
      applications: [],
      messages: [],
      transactions: [],
      balance: '100.00000',
    });
    expect((state.phoneNumbers as Array<{ number: string }>).map((entry) => entry.number)).toEqual([
      OWNED,
      '+19195551313',
    ]);
    expect((await emu.api('GET', `${emu.base}/media`)).status).toBe(200);
    // The released number is orderable again.
    expect(
      (await emu.api('POST', `${emu.base}/phoneNumbers`, { number: '+12025550100' })).status,
    ).toBe(201);
    // Nothing arrives from before the reset, while a new message still calls back.
    const id = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'y',
        callbackUrl: `${hook.url}/cb`,
      }),
    );
    const first = await hook.next();
    expect(first.json().messageId).toBe(id);
    expect(hook.requests.every((request) => request.json().messageId === id)).toBe(true);
  });

  it('reset cancels a callback in flight and drops the events queued behind it', async () => {
    const emu = await emulator();
    const hook = await receiver();
    hook.delay('/slow', 2000);
    const oldId = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'old',
        callbackUrl: `${hook.url}/slow`,
      }),
    );
    await hook.next((request) => request.json().messageId === oldId);
    await emu.control.reset();
    const newId = idFrom(
      await emu.api('POST', `${emu.base}/messages`, {
        from: OWNED,
        to: STRANGER,
        text: 'new',
        callbackUrl: `${hook.url}/fast`,
      }),
    );
    await emu.control.waitForCallback(
      (record) => (record.body as { state?: string }).state === 'sent',
    );
    const records = await emu.control.callbacks();
    expect(records.map((record) => (record.body as { messageId?: string }).messageId)).toEqual([
      newId,
      newId,
    ]);
    expect(hook.requests.filter((request) => request.json().messageId === oldId)).toHaveLength(1);
    expect(await json(await emu.api('GET', `${emu.base}/errors`))).toEqual([]);
  });

  it('state shows a user snapshot; unknown users are 404', async () => {
    const emu = await emulator();
    await emu.api('PUT', `${emu.base}/media/a.txt`, 'abc', {
      headers: { 'content-type': 'text/plain' },
    });
    const state = await emu.control.state('u-test');
    expect(state.media).toEqual([
      { mediaName: 'a.txt', contentType: 'text/plain', contentLength: 3 },
    ]);
    const missing = await fetch(`${emu.url}/_emulator/state?userId=u-nobody`);
    expect(missing.status).toBe(404);
  });

  it('is not behind Basic auth and answers errors as JSON', async () => {
    const emu = await emulator();
    const control = new EmulatorControl(`${emu.url}/`);
    expect(await control.callbacks()).toEqual([]);
    const bad = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: 'no' }),
    });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ code: 'validation-error' });
    const faults = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults: [{ type: 'latency', ms: 1 }] }),
    });
    expect(await json(faults)).toEqual([{ type: 'latency', ms: 1 }]);
    expect(await json(await fetch(`${emu.url}/_emulator/faults`))).toEqual([
      { type: 'latency', ms: 1 },
    ]);
  });

  it('waitForCallback long-polls: it resolves as soon as the callback is sent', async () => {
    const emu = await emulator({ speed: 1 });
    const hook = await receiver();
    const waiting = emu.control.waitForCallback(
      (record) => (record.body as { state?: string }).state === 'sent',
      { timeout: 5000 },
    );
    const started = performance.now();
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
      callbackUrl: `${hook.url}/cb`,
    });
    const record = await waiting;
    expect(record.status).toBe(200);
    // queued → sending 100 ms + sending → sent 200 ms at speed 1.
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('waitForCallback and waitForTrace accept a fractional timeout', async () => {
    const emu = await emulator({ autoAnswer: 'never' });
    const hook = await receiver();
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
      callbackUrl: `${hook.url}/cb`,
    });
    const record = await emu.control.waitForCallback(
      (item) => (item.body as { state?: string }).state === 'sent',
      { timeout: 1491.5 },
    );
    expect(record.status).toBe(200);
    const created = await emu.api('POST', `${emu.base}/calls`, { from: OWNED, to: STRANGER });
    const callId = idFrom(created);
    const waiting = emu.control.waitForTrace(
      callId,
      (entry) => entry.type === 'state' && (entry as { state?: string }).state === 'active',
      {
        timeout: 1491.5,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await emu.control.answerCall(callId);
    expect(await waiting).toMatchObject({ type: 'state', state: 'active' });
  });
});
