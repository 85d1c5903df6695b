import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index';
import { emulator, idFrom, json, OWNED, STRANGER } from './helpers';

describe('server: auth and error bodies', () => {
  it('answers 401 with a v1 error body when credentials are missing or wrong', async () => {
    const emu = await emulator();
    const missing = await fetch(`${emu.url}${emu.base}/account`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Basic/);
    const body = await json<{
      category: string;
      code: string;
      message: string;
      details: unknown[];
    }>(missing);
    expect(body.category).toBe('authorization');
    expect(body.code).toBe('user-access-denied');
    expect(body.details).toEqual([
      { name: 'requestMethod', value: 'GET' },
      { name: 'remoteAddress', value: '127.0.0.1' },
      { name: 'requestPath', value: 'users/u-test/account' },
    ]);

    const wrong = await emu.api('GET', `${emu.base}/account`, undefined, {
      headers: { authorization: `Basic ${Buffer.from('t-test:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).not.toContain('nope');
    expect(text).not.toContain('s-test');
  });

  it("answers 401 for another user's path, 404 resource-not-found for unknown routes", async () => {
    const emu = await emulator();
    const other = await emu.api('GET', '/v1/users/u-someone-else/account');
    expect(other.status).toBe(401);
    expect(await json(other)).toMatchObject({
      category: 'authorization',
      code: 'user-access-denied',
      message: 'User u-test does not have permission to access user u-someone-else',
    });
    const unknown = await emu.api('GET', `${emu.base}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({
      category: 'not-found',
      code: 'resource-not-found',
    });
  });

  it('keeps users apart: each sees only its own resources', async () => {
    const emu = await emulator({
      users: [
        { userId: 'u-a', apiToken: 't-a', apiSecret: 's-a', numbers: ['+19195550001'] },
        { userId: 'u-b', apiToken: 't-b', apiSecret: 's-b' },
      ],
    });
    const asB = `Basic ${Buffer.from('t-b:s-b').toString('base64')}`;
    expect(emu.users.map((user) => user.userId)).toEqual(['u-a', 'u-b']);
    const numbersOfA = await json<unknown[]>(await emu.api('GET', '/v1/users/u-a/phoneNumbers'));
    const numbersOfB = await json<unknown[]>(
      await emu.api('GET', '/v1/users/u-b/phoneNumbers', undefined, {
        headers: { authorization: asB },
      }),
    );
    expect(numbersOfA).toHaveLength(1);
    expect(numbersOfB).toHaveLength(0);
    const crossed = await emu.api('GET', '/v1/users/u-a/phoneNumbers', undefined, {
      headers: { authorization: asB },
    });
    expect(crossed.status).toBe(401);
  });

  it('rejects a body that is not JSON with 400 validation-error', async () => {
    const emu = await emulator();
    const response = await emu.api('POST', `${emu.base}/applications`, '{not json', {
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({
      category: 'bad-request',
      code: 'validation-error',
    });
  });

  it('never shows the API token or secret when the emulator or its credentials are printed', async () => {
    const emu = await emulator();
    const printed = [
      JSON.stringify(emu),
      inspect(emu, { depth: 5 }),
      JSON.stringify(emu.credentials),
      inspect(emu.credentials),
    ];
    for (const text of printed) {
      expect(text).not.toContain('s-test');
      expect(text).not.toContain('t-test');
    }
    // …while the values stay usable, also when spread into client options.
    expect({ ...emu.credentials }).toEqual({
      userId: 'u-test',
      apiToken: 't-test',
      apiSecret: 's-test',
    });
  });

  it('uses the documented default user when none is configured', async () => {
    const emu = await startEmulator();
    try {
      expect({ ...emu.credentials }).toEqual({
        userId: 'u-emulator',
        apiToken: 't-emulator',
        apiSecret: 's-emulator',
      });
      expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const auth = `Basic ${Buffer.from('t-emulator:s-emulator').toString('base64')}`;
      const response = await fetch(`${emu.url}/v1/users/u-emulator/account`, {
        headers: { authorization: auth },
      });
      expect(response.status).toBe(200);
    } finally {
      await emu.close();
      await emu.close();
    }
  });

  it('gives the same ids and numbers for the same seed', async () => {
    const run = async () => {
      const emu = await emulator({ seed: 42 });
      const created = await emu.api('POST', `${emu.base}/applications`, {
        name: 'app',
        incomingMessageUrl: 'http://example.com/m',
      });
      const numbers = await json<Array<{ number: string }>>(
        await emu.api('GET', '/v1/availableNumbers/local?areaCode=919&quantity=3'),
      );
      await emu.close();
      return { id: idFrom(created), numbers: numbers.map((entry) => entry.number) };
    };
    const first = await run();
    const second = await run();
    expect(first.id).toMatch(/^a-[a-z2-7]{23}$/);
    expect(second).toEqual(first);
  });

  it('keeps the ids a seed gave in earlier releases (a message and its charge)', async () => {
    const emu = await emulator({ seed: 42 });
    const sent = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
    });
    const transactions = await json<Array<{ id: string }>>(
      await emu.api('GET', `${emu.base}/account/transactions`),
    );
    expect(idFrom(sent)).toBe('m-5ocfllnn7je3inbt4ktlcht');
    expect(transactions.map((transaction) => transaction.id)).toEqual([
      'pptx-7a5pa5bbf6h4gmaa7m2a64j',
    ]);
  });

  it('makes two emulators in one process with the same seed and script give the same state', async () => {
    const run = async () => {
      const emu = await emulator({ seed: 7, autoAnswer: 'never' });
      const ids: string[] = [];
      const post = async (path: string, body: unknown) => {
        const response = await emu.api('POST', `${emu.base}${path}`, body);
        expect(response.status, await response.clone().text()).toBeLessThan(300);
        if (response.headers.get('location')) ids.push(idFrom(response));
        return response;
      };
      await post('/applications', { name: 'app', incomingCallUrl: 'http://example.com/c' });
      for (const text of ['one', 'two', 'three']) {
        await post('/messages', { from: OWNED, to: STRANGER, text });
      }
      const calls = [];
      for (let index = 0; index < 3; index++) {
        const created = await post('/calls', { from: OWNED, to: STRANGER });
        calls.push(idFrom(created));
        await emu.control.answerCall(idFrom(created));
      }
      await post('/bridges', { callIds: calls.slice(0, 2) });
      await post(`/calls/${calls[2]}`, { recordingEnabled: true });
      await post(`/calls/${calls[2]}/gather`, { maxDigits: 1 });
      const state = JSON.stringify(await emu.control.state());
      await emu.close();
      // Timestamps (ISO and epoch ms, sort keys) are wall-clock time; the rest must match byte
      // for byte.
      return {
        ids,
        state: state
          .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
          .replace(/\d{13,}/g, '<epoch ms>'),
      };
    };
    // One emulator's counters must not move the other's: run one, then the same again.
    const first = await run();
    const second = await run();
    expect(second.ids).toEqual(first.ids);
    expect(second.state).toBe(first.state);
  });

  it('refuses nonsense options', async () => {
    await expect(startEmulator({ speed: 0 })).rejects.toThrow(/speed/);
    await expect(
      startEmulator({ users: [{ userId: 'u', apiToken: 't', apiSecret: 's', numbers: ['919'] }] }),
    ).rejects.toThrow(/E\.164/);
    const shared = startEmulator({
      users: [
        { userId: 'u-1', apiToken: 'same-token', apiSecret: 'a' },
        { userId: 'u-2', apiToken: 'same-token', apiSecret: 'b' },
      ],
    });
    await expect(shared).rejects.toThrow(/u-1.*u-2.*share an apiToken/);
    await expect(shared).rejects.not.toThrow(/same-token/);
  });
});
