// URLs the emulator shows: passwords redacted wherever it displays them, and its own absolute
// URLs (Location, Link, bodies) built from the address it listens on, never from `Host`.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { emulator, idFrom, json, OWNED, receiver, STRANGER } from './helpers';

/** A GET with a hand-written `Host` header (fetch sets its own). */
function getWithHost(url: string, host: string, authorization: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const outgoing = request(url, { headers: { host, authorization } }, (incoming) => {
        let body = '';
        incoming.on('data', (chunk) => {
          body += chunk;
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }),
        );
      });
      outgoing.on('error', reject);
      outgoing.end();
    },
  );
}

describe('displayed URLs', () => {
  it('shows the password of a callback URL as [REDACTED] in /_emulator/state; the callback still gets it', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const callbackUrl = `${hook.url.replace('http://', 'http://hooks:hunter2-pass@')}/status`;
    await emu.api('POST', `${emu.base}/applications`, {
      name: 'app',
      incomingCallUrl: callbackUrl,
      incomingMessageUrl: callbackUrl,
    });
    await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'hi',
      callbackUrl,
    });
    const sent = await hook.next();
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from('hooks:hunter2-pass').toString('base64')}`,
    );
    const state = JSON.stringify(await emu.control.state());
    expect(state).not.toContain('hunter2-pass');
    expect(state).toContain(
      JSON.stringify(`${hook.url.replace('http://', 'http://hooks:[REDACTED]@')}/status`),
    );
  });

  it('shows the password of a refused URL as [REDACTED] in the error message', async () => {
    const emu = await emulator();
    const refused = await emu.api('POST', `${emu.base}/messages`, {
      from: OWNED,
      to: STRANGER,
      text: 'x',
      callbackUrl: 'ftp://hooks:ftp-secret@example.com/x',
    });
    expect(refused.status).toBe(400);
    const body = await json<{ message: string }>(refused);
    expect(body.message).toContain('ftp://hooks:[REDACTED]@example.com/x');
    expect(JSON.stringify(body)).not.toContain('ftp-secret');
  });

  it('builds Location and Link from its own address, whatever the Host header says', async () => {
    const emu = await emulator();
    for (let index = 0; index < 3; index++) {
      await emu.api('POST', `${emu.base}/applications`, {
        name: `app-${index}`,
        incomingCallUrl: 'http://example.com/calls',
      });
    }
    const hostile = 'a" b>; rel="next';
    const listed = await getWithHost(
      `${emu.url}${emu.base}/applications?size=1`,
      hostile,
      emu.authorization,
    );
    expect(listed.status).toBe(200);
    expect(listed.headers.link).toBe(
      `<${emu.url}${emu.base}/applications?size=1&page=0>; rel="first", ` +
        `<${emu.url}${emu.base}/applications?size=1&page=1>; rel="next"`,
    );
    const created = await new Promise<string | undefined>((resolve, reject) => {
      const outgoing = request(
        `${emu.url}${emu.base}/applications`,
        {
          method: 'POST',
          headers: {
            host: 'evil.example',
            authorization: emu.authorization,
            'content-type': 'application/json',
          },
        },
        (incoming) => {
          incoming.resume();
          resolve(incoming.headers.location);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ name: 'x', incomingCallUrl: 'http://example.com/c' }));
    });
    expect(created).toMatch(new RegExp(`^${emu.url}${emu.base}/applications/a-`));
  });

  it('uses the publicUrl option for Location, Link and URLs in bodies', async () => {
    const emu = await emulator({ publicUrl: 'https://emulator.test:8443/' });
    const origin = `https://emulator.test:8443${emu.base}`;
    for (const name of ['one', 'two']) {
      const created = await emu.api('POST', `${emu.base}/applications`, {
        name,
        incomingCallUrl: 'http://example.com/calls',
      });
      expect(created.headers.get('location')).toBe(`${origin}/applications/${idFrom(created)}`);
    }
    const listed = await emu.api('GET', `${emu.base}/applications?size=1`);
    expect(listed.headers.get('link')).toContain(
      `<${origin}/applications?size=1&page=1>; rel="next"`,
    );
    const call = await emu.api('POST', `${emu.base}/calls`, { from: OWNED, to: STRANGER });
    expect(await json(await emu.api('GET', `${emu.base}/calls/${idFrom(call)}`))).toMatchObject({
      recordings: `${origin}/calls/${idFrom(call)}/recordings`,
    });
    await expect(emulator({ publicUrl: 'ftp://x.test' })).rejects.toThrow(/publicUrl/);
  });
});
