import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
// `worker: true` runs the built package in its thread: these tests start it from there.
import { type Emulator, startEmulator } from '../dist/index.js';
import { startEmulator as startFromSource } from '../src/index';

const USER = { userId: 'u-thread', apiToken: 't-thread', apiSecret: 's-thread' };
const FROM = '+19195551212';
const AUTHORIZATION = `Basic ${Buffer.from(`${USER.apiToken}:${USER.apiSecret}`).toString('base64')}`;

const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((emulator) => emulator.close()));
});

async function onThread(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emulator = await startEmulator({
    users: [{ ...USER, numbers: [FROM] }],
    ...options,
    worker: true,
  });
  started.push(emulator);
  return emulator;
}

/**
 * `GET ~/account` from another process while this thread waits for it, blocked: the emulator
 * can answer only from a thread of its own. Returns what the child printed (the status), or
 * throws when it got no answer within `timeoutMs`.
 */
function accountWhileBlocked(url: string, timeoutMs: number): string {
  const script = `fetch(${JSON.stringify(`${url}/v1/users/${USER.userId}/account`)}, {
    headers: { authorization: ${JSON.stringify(AUTHORIZATION)} },
  }).then((response) => console.log(response.status));`;
  return String(
    execFileSync(process.execPath, ['-e', script], { timeout: timeoutMs, stdio: 'pipe' }),
  ).trim();
}

describe('startEmulator({ worker: true })', () => {
  it('serves the API, the control API and the same handle from a thread of its own', async () => {
    const emulator = await onThread();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(JSON.stringify(emulator)).toBe(
      JSON.stringify({
        url: emulator.url,
        credentials: { userId: USER.userId, apiToken: '[REDACTED]', apiSecret: '[REDACTED]' },
      }),
    );
    const sent = await fetch(`${emulator.url}/v1/users/${USER.userId}/messages`, {
      method: 'POST',
      headers: { authorization: AUTHORIZATION, 'content-type': 'application/json' },
      body: JSON.stringify({ from: FROM, to: '+14045550100', text: 'from a thread' }),
    });
    expect(sent.status).toBe(201);
    const location = sent.headers.get('location') as string;
    expect(location.startsWith(`${emulator.url}/v1/users/${USER.userId}/messages/m-`)).toBe(true);
    // The same handle as an emulator on this thread's: the same keys, printed the same way.
    const inline = await startFromSource({ users: [{ ...USER, numbers: [FROM] }] });
    try {
      expect(Object.keys(emulator)).toEqual(Object.keys(inline));
      expect(Object.keys(inline)).toEqual(['url', 'credentials', 'users', 'control', 'close']);
      expect(JSON.stringify(inline)).toBe(
        JSON.stringify(emulator).replace(emulator.url, inline.url),
      );
    } finally {
      await inline.close();
    }
    const read = await fetch(location, { headers: { authorization: AUTHORIZATION } });
    expect(await read.json()).toMatchObject({ text: 'from a thread', from: FROM });
    await emulator.control.reset();
    const after = await fetch(location, { headers: { authorization: AUTHORIZATION } });
    expect(after.status).toBe(404);
  });

  it('answers while the thread that started it is blocked, where an emulator on it cannot', async () => {
    const emulator = await onThread();
    expect(accountWhileBlocked(emulator.url, 10_000)).toBe('200');

    const inline = await startFromSource({ users: [{ ...USER, numbers: [FROM] }] });
    try {
      expect(() => accountWhileBlocked(inline.url, 1_000)).toThrow(/ETIMEDOUT/);
    } finally {
      await inline.close();
    }
  });

  it('rejects like the emulator on the calling thread: a port in use, options refused', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const inline = await startFromSource({ port }).catch((error: unknown) => error);
      const inUse = await onThread({ port }).catch((error: unknown) => error);
      for (const error of [inline, inUse]) {
        expect(error).toBeInstanceOf(Error);
        expect(error).toMatchObject({ code: 'EADDRINUSE', port });
      }
    } finally {
      taken.close();
    }
    // Checked in the calling thread, before a thread starts.
    await expect(onThread({ speed: 0 })).rejects.toThrow(
      new TypeError('Emulator option "speed" must be a positive number'),
    );
    for (const start of [startEmulator, startFromSource]) {
      const refused = await start({ worker: 'yes' as unknown as boolean }).catch(
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(TypeError);
      expect((refused as Error).message).toBe('Emulator option "worker" must be a boolean');
    }
    // Checked in the thread, and rethrown with the same type and message.
    const fault = { type: 'nope' } as unknown as never;
    const inline = await startFromSource({ faults: [fault] }).catch((error: unknown) => error);
    const threaded = await onThread({ faults: [fault] }).catch((error: unknown) => error);
    expect(inline).toBeInstanceOf(TypeError);
    expect(threaded).toBeInstanceOf(TypeError);
    expect((threaded as Error).message).toBe((inline as Error).message);
  });

  it('close() stops the server and ends the thread, once however often it is called', async () => {
    const emulator = await onThread();
    const first = emulator.close();
    expect(emulator.close()).toBe(first);
    await first;
    await expect(fetch(`${emulator.url}/v1/users/${USER.userId}/account`)).rejects.toThrow();
  });

  it('finds its own files where the caller defines a global __filename (node -e)', () => {
    // `node -e` defines `__filename` as `[eval]`: the thread's script and the console's pages are
    // found from the package's own location all the same.
    const entry = new URL('../dist/index.js', import.meta.url).href;
    const script = `import(${JSON.stringify(entry)}).then(async ({ startEmulator }) => {
      const statuses = [];
      for (const worker of [false, true]) {
        const emulator = await startEmulator({ worker });
        statuses.push((await fetch(emulator.url + '/_emulator/console/')).status);
        await emulator.close();
      }
      console.log(statuses.join(' '));
    });`;
    const printed = execFileSync(process.execPath, ['-e', script], {
      cwd: tmpdir(),
      timeout: 20_000,
      stdio: 'pipe',
    });
    expect(String(printed).trim()).toBe('200 200');
  });

  it('asks for the built package when started from the TypeScript sources', async () => {
    await expect(startFromSource({ worker: true })).rejects.toThrow(
      'Emulator option "worker" runs the built package (dist/), not its TypeScript sources',
    );
  });
});
