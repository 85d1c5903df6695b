// BXML under load: what a busy event loop must not change.
import { connect, type Socket } from 'node:net';
import { gather, response } from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import { useBxmlBench } from './bxml-kit';

const running = (verb: string) => (entry: { verb: string; outcome: string }) =>
  entry.verb === verb && entry.outcome === 'running';

/** A keep-alive connection to `url` that sends raw HTTP/1.1 requests and reads the answers. */
async function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
  });
  return {
    /** Writes a POST with a JSON body; resolves once the bytes are handed to the kernel. */
    post(path: string, body: unknown) {
      const text = JSON.stringify(body);
      const raw =
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
      return new Promise<void>((resolve, reject) =>
        socket.write(raw, (error) => (error ? reject(error) : resolve())),
      );
    },
    /** Waits until `count` answers have arrived. */
    async answers(count: number) {
      await expect
        .poll(() => received.match(/HTTP\/1\.1 \d{3}/g)?.length ?? 0, { timeout: 5000 })
        .toBeGreaterThanOrEqual(count);
      return received;
    },
    close: () => socket.destroy(),
  };
}

/** Keeps the event loop busy for `ms` real milliseconds (a stand-in for a loaded process). */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('a digit pressed while the event loop lags', () => {
  const bench = useBxmlBench();

  it('wins over the Gather timeout that expired while its request waited to be read', async () => {
    const { app, emu, verbReached, verbs } = bench;
    // 15 simulated s at speed 50: the timeout is due 300 ms after the Gather starts.
    app.route(
      '/answer',
      response(gather({ requestUrl: app.at('/menu'), maxDigits: 1, interDigitTimeout: 15 })),
    );
    const control = await rawConnection(emu.url);
    try {
      // The connection is accepted and in use before the digit is sent.
      await control.post('/_emulator/calls/c-none/dtmf', { digits: '1' });
      await control.answers(1);
      const callId = await bench.outbound('/answer');
      await verbReached(callId, running('Gather'));
      await control.post(`/_emulator/calls/${callId}/dtmf`, { digits: '5' });
      // The request is in the emulator's socket; the loop stalls past the Gather's timeout.
      blockEventLoop(600);
      expect(await control.answers(2)).toMatch(/HTTP\/1\.1 404[\s\S]*HTTP\/1\.1 200/);
      await expect
        .poll(async () => (await verbs(callId))[0]?.result, { timeout: 5000 })
        .toMatchObject({ digits: '5', reason: 'max-digits' });
    } finally {
      control.close();
    }
  });
});

describe('many BXML Gathers waiting at once', () => {
  // Speed 5: a 30 s inter-digit timeout lasts 6 s, longer than starting 50 calls takes.
  const bench = useBxmlBench({ speed: 5 });

  it('raise no MaxListenersExceededWarning, and a reset ends them all', async () => {
    const { app, emu, verbReached } = bench;
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      app.route(
        '/answer',
        response(gather({ requestUrl: app.at('/menu'), maxDigits: 1, interDigitTimeout: 30 })),
      );
      const calls = await Promise.all(Array.from({ length: 50 }, () => bench.outbound('/answer')));
      await Promise.all(calls.map((callId) => verbReached(callId, running('Gather'))));
      await emu.control.reset();
      // A warning is emitted on a later tick.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  }, 30_000);
});
