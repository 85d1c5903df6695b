// The far end's auto-press policy: digits pressed on the emulator's own clock when a gather
// starts, so that a busy process cannot make them miss the gather's window.
import { gather, hangup, pause, response, speakSentence } from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/index';
import { useBxmlBench } from './bxml-kit';

/** Pressed 20 simulated s after a gather starts: 400 ms of real time at speed 50. */
const PRESS = { digits: '5', afterMs: 20_000 };
const bench = useBxmlBench({ autoPress: PRESS });

/** Keeps the event loop busy for `ms` real milliseconds (a stand-in for a loaded process). */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('auto-press: the far end presses digits when a gather starts', () => {
  it('lands inside the Gather even when the event loop stalls past the whole window', async () => {
    const { app, outbound, hungUp, verbs, trace } = bench;
    let blockEnd = 0;
    // 30 s at speed 50: the Gather's window ends 600 ms (real) after it starts; the press is
    // due 400 ms after it starts. The loop stalls from ~50 ms to ~1050 ms, past both.
    app.route('/answer', ({ event }) => {
      if (event.eventType !== 'answer') return undefined;
      setTimeout(() => {
        blockEventLoop(1000);
        blockEnd = Date.now();
      }, 50);
      return response(gather({ requestUrl: app.at('/menu'), maxDigits: 1, interDigitTimeout: 30 }));
    });
    // Each Gather gets its press: the second one too.
    app.route('/menu', ({ event }) =>
      response(
        event.digits === '5'
          ? gather({ requestUrl: app.at('/again'), maxDigits: 1, interDigitTimeout: 30 })
          : hangup(),
      ),
    );
    app.route('/again', response(speakSentence('Thanks'), hangup()));
    const callId = await outbound('/answer');
    await hungUp(callId);

    const [first, second] = (await verbs(callId)).filter((entry) => entry.verb === 'Gather');
    expect(first?.result).toMatchObject({ digits: '5', reason: 'max-digits' });
    expect(second?.result).toMatchObject({ digits: '5', reason: 'max-digits' });
    // The stall covered the press and the end of the window: both were due when it ended.
    const startedAt = Date.parse(first?.startedAt ?? '');
    const pressedAt = Date.parse(
      String((await trace(callId)).find((entry) => entry.type === 'dtmf-in')?.time),
    );
    expect(blockEnd).toBeGreaterThanOrEqual(startedAt + 600);
    expect(pressedAt).toBeGreaterThanOrEqual(blockEnd);
    // Traced and sent like a press through the control API: a dtmf event per digit.
    expect(app.story(callId)).toEqual([
      'answer@/answer',
      'dtmf@/answer',
      'gather@/menu',
      'dtmf@/answer',
      'gather@/again',
      'hangup@/answer',
    ]);
    expect((await app.next({ callId, eventType: 'dtmf' })).event.dtmfDigit).toBe('5');
  });

  it('presses on REST gathers too; several digits are pressed one after the other', async () => {
    const { app, emu, outbound, call, trace } = bench;
    await emu.control.setAutoPress({ digits: '12#', afterMs: 1000 });
    const callId = await outbound('/answer');
    const started = await call('POST', `/calls/${callId}/gather`, { maxDigits: 5 });
    expect(started.status).toBe(201);
    const event = await app.next({ callId, eventType: 'gather' });
    expect(event.event).toMatchObject({ digits: '12', reason: 'terminating-digit' });
    const pressed = (await trace(callId)).filter((entry) => entry.type === 'dtmf-in');
    expect(pressed.map((entry) => entry.digit)).toEqual(['1', '2', '#']);
  });

  it('presses nothing after the gather ended: a window shorter than afterMs times out', async () => {
    const { app, emu, outbound, hungUp, verbs, trace } = bench;
    // 1 s of silence ends the Gather long before the press at 20 s would come.
    app.route(
      '/answer',
      response(
        gather({ requestUrl: app.at('/menu'), maxDigits: 1, interDigitTimeout: 1 }),
        speakSentence('Nothing pressed'),
        hangup(),
      ),
    );
    const callId = await outbound('/answer');
    await hungUp(callId);
    const [gathered] = await verbs(callId);
    expect(gathered?.result).toMatchObject({ digits: '', reason: 'inter-digit-timeout' });
    // Past the time the press would have been due: it was called off with the gather.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await trace(callId)).some((entry) => entry.type === 'dtmf-in')).toBe(false);
    expect(app.story(callId)).not.toContain('dtmf@/answer');

    // `never` presses nothing at all.
    await emu.control.setAutoPress('never');
    app.route(
      '/quiet',
      response(gather({ requestUrl: app.at('/menu'), maxDigits: 1, interDigitTimeout: 2 })),
    );
    const quiet = await outbound('/quiet');
    await hungUp(quiet);
    expect((await verbs(quiet))[0]?.result).toMatchObject({ reason: 'inter-digit-timeout' });
    expect(app.story(quiet)).not.toContain('dtmf@/quiet');
  });

  it('is read and set through the control API; a reset restores the start option', async () => {
    const { emu } = bench;
    const policy = async () => (await fetch(`${emu.url}/_emulator/calls/auto-press`)).json();
    expect(await policy()).toEqual(PRESS);
    await emu.control.setAutoPress({ digits: '*9', afterMs: 0 });
    expect(await policy()).toEqual({ digits: '*9', afterMs: 0 });
    await emu.control.reset();
    expect(await policy()).toEqual(PRESS);
  });

  it('refuses a bad policy with a 400 in the emulator error shape, and a bad start option', async () => {
    const { emu } = bench;
    for (const bad of [
      { digits: '5x', afterMs: 10 },
      { digits: '', afterMs: 10 },
      { digits: '5', afterMs: -1 },
      { digits: '5', afterMs: '10' },
      { digits: 5, afterMs: 10 },
      { afterMs: 10 },
      'always',
      null,
    ]) {
      const answer = await fetch(`${emu.url}/_emulator/calls/auto-press`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ policy: bad }),
      });
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect(await answer.json()).toMatchObject({
        category: 'bad-request',
        code: 'validation-error',
        message: expect.stringContaining('autoPress'),
      });
    }
    await expect(
      emu.control.setAutoPress({ digits: 'x', afterMs: 1 } as never),
    ).rejects.toMatchObject({ status: 400, code: 'validation-error' });
    // The policy in force is unchanged by refused requests.
    expect(await (await fetch(`${emu.url}/_emulator/calls/auto-press`)).json()).toEqual(PRESS);
    await expect(
      startEmulator({ autoPress: { digits: '5', afterMs: Number.NaN } }),
    ).rejects.toThrow(TypeError);
  });
});

describe('simulated time after a stall', () => {
  // Speed 25: 30 s (a Pause, a Gather's window) take 1,200 ms of real time, the press 800 ms.
  const slow = useBxmlBench({ speed: 25, autoPress: PRESS });

  it('runs everything that fell due during the stall in due order, whatever the durations', async () => {
    const { app, outbound, hungUp, verbs, verbReached } = slow;
    const running = (verb: string) => (entry: { verb: string; outcome: string }) =>
      entry.verb === verb && entry.outcome === 'running';
    app.route('/pause', response(pause({ length: 30 }), hangup()));
    let blockStart = 0;
    let blockEnd = 0;
    app.route('/menu', ({ event }) => {
      if (event.eventType !== 'answer') return undefined;
      setTimeout(() => {
        blockStart = Date.now();
        blockEventLoop(1500);
        blockEnd = Date.now();
      }, 100);
      return response(gather({ requestUrl: app.at('/done'), maxDigits: 1, interDigitTimeout: 30 }));
    });
    app.route('/done', response(hangup()));
    // The first call's Pause is due before the second call's press, and its window after the
    // press: when the stall ends, all three are due. A clock that ran timers grouped by their
    // length (as Node's timers are) would end the Gather's 30 s with the Pause's 30 s, before
    // the press.
    const first = await outbound('/pause');
    const paused = await verbReached(first, running('Pause'));
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(paused.startedAt) + 600 - Date.now()),
    );
    const second = await outbound('/menu');
    await hungUp(second);
    const [gathered] = await verbs(second);
    expect(gathered?.result).toMatchObject({ digits: '5', reason: 'max-digits' });
    // The stall covered all three.
    const pauseDue = Date.parse(paused.startedAt) + 1200;
    const gatherStart = Date.parse(gathered?.startedAt ?? '');
    expect(pauseDue).toBeLessThan(gatherStart + 800);
    expect(blockStart).toBeLessThan(pauseDue);
    expect(blockEnd).toBeGreaterThan(gatherStart + 1200);
    await hungUp(first);
  });
});
