// The console's following of calls costs nothing per call once the calls are over: no timer or
// waiter is left behind per call, and the timeline still has every call's end.
import { describe, expect, it } from 'vitest';
import { emulator, idFrom, OWNED } from './helpers';

const CALLS = 40;

/** Timers keeping this process alive. */
const timers = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('console call following', () => {
  it(`leaves no timer behind for ${CALLS} ended calls, and publishes their states`, async () => {
    const emu = await emulator({ autoAnswer: 'never' });
    const before = timers();
    const ids = await Promise.all(
      Array.from({ length: CALLS }, async (_, index) =>
        idFrom(
          await emu.api('POST', `${emu.base}/calls`, {
            from: OWNED,
            to: `+1404555${String(1000 + index)}`,
          }),
        ),
      ),
    );
    // Nobody answers: each call ends at its callTimeout. The stream replays what was
    // published: every call's end is there.
    const controller = new AbortController();
    const response = await fetch(`${emu.url}/_emulator/console/events`, {
      signal: controller.signal,
    });
    const ended = new Set<string>();
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        for (const line of text.split('\n')) {
          if (!line.startsWith('data:')) continue;
          const event = JSON.parse(line.slice(5)) as {
            kind: string;
            callId?: string;
            data: { state?: string };
          };
          if (event.kind === 'call' && event.data.state === 'completed' && event.callId) {
            ended.add(event.callId);
          }
        }
        if (ended.size === CALLS) break;
      }
    } finally {
      controller.abort();
    }
    expect([...ended].sort()).toEqual([...ids].sort());
    // Let the ends settle (their events and trace changes).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(timers() - before).toBeLessThan(CALLS / 4);
  });
});
