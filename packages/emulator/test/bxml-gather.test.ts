import { gather, hangup, playAudio, response, speakSentence } from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import { json, SPEED, useBxmlBench, verbSummary } from './bxml-kit';

const bench = useBxmlBench();
const running = (verb: string) => (entry: { verb: string; outcome: string }) =>
  entry.verb === verb && entry.outcome === 'running';
/** A 58-character sentence said 14 times: 812 characters, about 49 simulated seconds. */
const LONG_SENTENCE = 'Please listen carefully as our menu options have changed. '.repeat(14);
/**
 * A long prompt: the far end presses its keys while it plays (barging in), so a test never
 * races the inter-digit timer, which starts after the prompt.
 */
const menuPrompt = () => speakSentence(LONG_SENTENCE);

describe('BXML Gather', () => {
  it('plays its prompts, collects digits from the control API and runs what requestUrl answers', async () => {
    const { app, emu, outbound, hungUp, verbs, trace, call, verbReached } = bench;
    app.route(
      '/answer',
      response(
        gather(
          { requestUrl: app.at('/menu'), maxDigits: 2, interDigitTimeout: 30, tag: 'main-menu' },
          speakSentence('Enter your two digit code'),
          speakSentence('then wait'),
        ),
      ),
    );
    app.route('/menu', response(speakSentence('Thank you'), hangup()));
    const callId = await outbound('/answer');
    await verbReached(callId, running('Gather'));
    // Both prompts are heard when nobody barges in.
    await expect
      .poll(async () => (await trace(callId)).some((entry) => entry.sentence === 'then wait'))
      .toBe(true);
    await emu.control.sendDtmf(callId, '42');
    await hungUp(callId);

    const asked = await app.next({ eventType: 'gather' }, '/menu');
    expect(asked.method).toBe('GET');
    const [gathered] = await verbs(callId);
    expect(asked.event).toMatchObject({
      callId,
      state: 'completed',
      digits: '42',
      reason: 'max-digits',
      tag: 'main-menu',
      gatherId: gathered?.result?.gatherId,
    });
    expect(asked.event.callUri).toContain(`/calls/${callId}`);
    expect(gathered).toMatchObject({
      verb: 'Gather',
      outcome: 'replaced',
      result: { digits: '42', reason: 'max-digits', requested: true },
    });
    expect(verbSummary(await verbs(callId))).toEqual([
      'Gather:replaced',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    // The digits reach the callback URL as dtmf events before the gather event goes out.
    expect(app.story(callId)).toEqual([
      'answer@/answer',
      'dtmf@/answer',
      'dtmf@/answer',
      'gather@/menu',
      'hangup@/answer',
    ]);
    const prompts = (await trace(callId)).filter((entry) => entry.source === 'bxml-gather');
    expect(prompts.map((entry) => entry.sentence)).toEqual([
      'Enter your two digit code',
      'then wait',
    ]);
    const resource = await json(
      await call('GET', `/calls/${callId}/gather/${String(gathered?.result?.gatherId)}`),
    );
    expect(resource).toMatchObject({ state: 'completed', digits: '42', reason: 'max-digits' });
  });

  it('completes on a terminating digit (left out of digits) or after the inter-digit timeout', async () => {
    const { app, emu, outbound, hungUp, verbReached } = bench;
    app.route(
      '/pound',
      response(
        gather(
          { requestUrl: app.at('/done'), terminatingDigits: '#*', interDigitTimeout: 30 },
          menuPrompt(),
        ),
      ),
    );
    app.route(
      '/slow',
      response(
        gather({ requestUrl: app.at('/done'), interDigitTimeout: 2, maxDigits: 5 }, menuPrompt()),
      ),
    );
    app.route('/done', response(hangup()));

    const pound = await outbound('/pound');
    await verbReached(pound, running('Gather'));
    await emu.control.sendDtmf(pound, '7*');
    await hungUp(pound);
    expect((await app.next({ callId: pound, eventType: 'gather' })).event).toMatchObject({
      digits: '7',
      reason: 'terminating-digit',
      terminatingDigit: '*',
    });

    const slow = await outbound('/slow');
    await verbReached(slow, running('Gather'));
    await emu.control.sendDtmf(slow, '5');
    await hungUp(slow);
    const timedOut = await app.next({ callId: slow, eventType: 'gather' });
    expect(timedOut.event).toMatchObject({ digits: '5', reason: 'inter-digit-timeout' });
    expect(timedOut.event).not.toHaveProperty('terminatingDigit');
  });

  it('stops the prompt when the first digit comes in (barge-in)', async () => {
    const { app, emu, outbound, hungUp, trace, verbs, verbReached } = bench;
    app.route(
      '/audio',
      response(
        gather(
          { requestUrl: app.at('/done'), maxDigits: 1 },
          // Ten rounds of 3 s with 10 s between them: 120 simulated seconds in all.
          playAudio('https://audio.example.com/menu.mp3', {
            repeatCount: 10,
            delayBeforeRepeat: 10,
          }),
        ),
      ),
    );
    app.route(
      '/speech',
      response(gather({ requestUrl: app.at('/done'), maxDigits: 1 }, menuPrompt())),
    );
    app.route('/done', response(hangup()));

    const speech = await outbound('/speech');
    await verbReached(speech, running('Gather'));
    await emu.control.sendDtmf(speech, '9');
    await hungUp(speech);
    expect((await app.next({ callId: speech, eventType: 'gather' })).event.digits).toBe('9');
    const types = (await trace(speech)).map((entry) => entry.type);
    expect(types.indexOf('speak-stopped')).toBeGreaterThan(types.indexOf('dtmf-in'));
    const [spoken] = await verbs(speech);
    expect(spoken?.durationMs).toBeLessThan(LONG_SENTENCE.length * 60);

    const audio = await outbound('/audio');
    await verbReached(audio, running('Gather'));
    await emu.control.sendDtmf(audio, '8');
    await hungUp(audio);
    expect((await app.next({ callId: audio, eventType: 'gather' })).event.digits).toBe('8');
    const rounds = (await trace(audio)).filter((entry) => entry.type === 'playback');
    expect(rounds.length).toBeLessThan(10);
    const [played] = await verbs(audio);
    expect(played?.durationMs).toBeLessThan(120_000);
  });

  it('goes on with the next verb without asking requestUrl when no digit comes', async () => {
    const { app, outbound, hungUp, verbs } = bench;
    app.route(
      '/answer',
      response(
        gather({ requestUrl: app.at('/menu'), interDigitTimeout: 1 }, speakSentence('Press 1')),
        speakSentence('We did not hear from you'),
        hangup(),
      ),
    );
    const callId = await outbound('/answer');
    await hungUp(callId);
    const executed = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'Gather:completed',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    expect(executed[0]?.result).toMatchObject({ digits: '', reason: 'inter-digit-timeout' });
    expect(executed[0]?.result).not.toHaveProperty('requested');
    expect(app.requests.filter((request) => request.path === '/menu')).toEqual([]);
  });

  it('sends the gather event and runs the next verb at once when Gather is not last', async () => {
    const { app, emu, outbound, hungUp, verbs, trace, verbReached } = bench;
    app.route(
      '/answer',
      response(
        gather({ requestUrl: app.at('/menu'), maxDigits: 1 }, menuPrompt()),
        speakSentence('Noted'),
        hangup(),
      ),
    );
    // The answer comes late and is never executed.
    app.route('/menu', {
      body: '<Response><SpeakSentence>Ignored</SpeakSentence></Response>',
      delayMs: 2000,
    });
    const callId = await outbound('/answer');
    await verbReached(callId, running('Gather'));
    await emu.control.sendDtmf(callId, '3');
    await hungUp(callId);
    const asked = await app.next({ callId, eventType: 'gather' }, '/menu');
    expect(asked.event.digits).toBe('3');
    const executed = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'Gather:completed',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    expect(executed[0]?.result).toMatchObject({ requested: true, digits: '3' });
    // Ended well before the request could have been answered.
    expect(Date.parse(executed[2]?.endedAt ?? '')).toBeLessThan(asked.at + 2000);
    const spoken = (await trace(callId)).filter((entry) => entry.type === 'speak');
    expect(spoken.map((entry) => entry.source)).toEqual(['bxml-gather', 'bxml']);
    expect(spoken[1]?.sentence).toBe('Noted');
  });

  it('hangs up 30 s (simulated) after a last Gather whose requestUrl answers no BXML', async () => {
    const { app, emu, outbound, hungUp, verbs, trace, getCall, verbReached } = bench;
    app.route(
      '/answer',
      response(gather({ requestUrl: app.at('/menu'), maxDigits: 1 }, menuPrompt())),
    );
    const callId = await outbound('/answer');
    await verbReached(callId, running('Gather'));
    await emu.control.sendDtmf(callId, '1');
    await hungUp(callId);
    const [gathered] = await verbs(callId);
    expect(gathered).toMatchObject({ outcome: 'completed', result: { requested: true } });
    const ended = Date.parse(String((await getCall(callId)).endTime));
    expect((ended - Date.parse(gathered?.endedAt ?? '')) * SPEED).toBeGreaterThanOrEqual(29_000);
    expect((await trace(callId)).find((entry) => entry.type === 'bxml-end')).toMatchObject({
      reason: 'end-of-document',
    });
  });
});

describe('waiting for the trace', () => {
  const traceUrl = (callId: string, query: string) =>
    `${bench.emu.url}/_emulator/calls/${callId}/trace?${query}`;

  it('?after=&wait= answers as soon as the trace changes, with its version', async () => {
    const { app, emu, outbound, verbReached, hungUp } = bench;
    app.route(
      '/answer',
      response(gather({ requestUrl: app.at('/menu'), maxDigits: 1 }, menuPrompt()), hangup()),
    );
    const callId = await outbound('/answer');
    await verbReached(callId, running('Gather'));
    const now = await fetch(traceUrl(callId, 'type=verb'));
    const version = Number(now.headers.get('x-emulator-trace-version'));
    expect(version).toBeGreaterThan(0);

    // Nothing changes: the answer comes when the wait is over, at the same version.
    const idle = Date.now();
    const unchanged = await fetch(traceUrl(callId, `after=${version}&wait=150`));
    expect(Date.now() - idle).toBeGreaterThanOrEqual(140);
    expect(Number(unchanged.headers.get('x-emulator-trace-version'))).toBe(version);

    // A key press changes it: the answer comes long before the 10 s wait is over.
    const pressed = Date.now();
    const pending = fetch(traceUrl(callId, `type=verb&after=${version}&wait=10000`));
    await emu.control.sendDtmf(callId, '5');
    const changed = await pending;
    expect(Date.now() - pressed).toBeLessThan(5000);
    expect(Number(changed.headers.get('x-emulator-trace-version'))).toBeGreaterThan(version);
    await hungUp(callId);
  });

  it('waitForTrace sees a verb end (an entry changing), and rejects when nothing matches in time', async () => {
    const { app, emu, outbound, hungUp } = bench;
    app.route(
      '/answer',
      response(gather({ requestUrl: app.at('/menu'), maxDigits: 1 }, menuPrompt()), hangup()),
    );
    const callId = await outbound('/answer');
    await emu.control.waitForTrace(callId, running('Gather'), { type: 'verb' });
    const ended = emu.control.waitForTrace(
      callId,
      (entry) => entry.verb === 'Gather' && entry.outcome !== 'running',
      { type: 'verb' },
    );
    await emu.control.sendDtmf(callId, '7');
    await expect(ended).resolves.toMatchObject({ verb: 'Gather', outcome: 'completed' });
    await hungUp(callId);
    await expect(
      emu.control.waitForTrace(callId, (entry) => entry.type === 'never', { timeout: 100 }),
    ).rejects.toMatchObject({ name: 'EmulatorControlError', code: 'trace-wait-timeout' });
  });
});
