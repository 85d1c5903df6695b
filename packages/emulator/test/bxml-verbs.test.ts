import {
  conference,
  hangup,
  pause,
  playAudio,
  redirect,
  response,
  sendDtmf,
  sendMessage,
  speakSentence,
} from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import { OWNED, SPEED, STRANGER, useBxmlBench, verbSummary } from './bxml-kit';

const bench = useBxmlBench();

describe('BXML simple verbs', () => {
  it('runs SpeakSentence, PlayAudio, Pause, SendDtmf and Hangup in order, in simulated time', async () => {
    const { app, outbound, hungUp, verbs, trace, call } = bench;
    app.route(
      '/answer',
      response(
        speakSentence('Hello from the emulator', { gender: 'male', voice: 'paul' }),
        playAudio('https://audio.example.com/tone.wav', { repeatCount: 2 }),
        pause({ length: 2 }),
        sendDtmf('12w3'),
        hangup(),
      ),
    );
    const callId = await outbound('/answer');
    expect(await hungUp(callId)).toMatchObject({
      callState: 'completed',
      cause: 'NORMAL_CLEARING',
    });

    const executed = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'SpeakSentence:completed',
      'PlayAudio:completed',
      'Pause:completed',
      'SendDtmf:completed',
      'Hangup:call-ended',
    ]);
    expect(executed.map((entry) => [entry.document, entry.index])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
    ]);
    const [speak, play, paused, dtmf] = executed;
    expect(speak).toMatchObject({
      attributes: { gender: 'male', voice: 'paul' },
      text: 'Hello from the emulator',
    });
    // Simulated lengths: 23 characters × 60 ms, two 3 s files, 2 s, three tones and a pause.
    expect(speak?.durationMs).toBeGreaterThanOrEqual(23 * 60);
    expect(play?.durationMs).toBeGreaterThanOrEqual(6000);
    expect(paused?.durationMs).toBeGreaterThanOrEqual(2000);
    expect(dtmf?.durationMs).toBeGreaterThanOrEqual(800);
    for (const entry of executed) {
      expect(Date.parse(entry.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(entry.startedAt));
    }

    const audio = (await trace(callId)).filter((entry) =>
      ['speak', 'playback', 'dtmf-out'].includes(entry.type),
    );
    expect(audio.map((entry) => entry.type)).toEqual(['speak', 'playback', 'playback', 'dtmf-out']);
    expect(audio[0]).toMatchObject({ sentence: 'Hello from the emulator', voice: 'paul' });
    expect(audio[1]).toMatchObject({ fileUrl: 'https://audio.example.com/tone.wav' });
    expect(audio[3]).toMatchObject({ digits: '12w3' });

    // BXML audio sends no speak/playback callbacks: the app only hears answer and hangup.
    expect(app.story(callId)).toEqual(['answer@/answer', 'hangup@/answer']);
    const events = (await (await call('GET', `/calls/${callId}/events`)).json()) as Array<{
      name: string;
      data?: string;
    }>;
    expect(events.map((event) => `${event.name}:${event.data ?? ''}`)).toEqual([
      'create:out',
      'answer:',
      'speak:start',
      'speak:done',
      'playback:start',
      'playback:done',
      'playback:start',
      'playback:done',
      'dtmf-out:12w3',
      'hangup:NORMAL_CLEARING',
    ]);
  });

  it('hangs the call up 30 s (simulated) after a document that ends with SpeakSentence', async () => {
    const { app, outbound, hungUp, verbs, trace, getCall } = bench;
    app.route('/answer', response(speakSentence('Goodbye')));
    const callId = await outbound('/answer');
    await hungUp(callId);
    const [spoken] = await verbs(callId);
    expect(spoken?.outcome).toBe('completed');
    const ended = Date.parse(String((await getCall(callId)).endTime));
    const quiet = (ended - Date.parse(spoken?.endedAt ?? '')) * SPEED;
    expect(quiet).toBeGreaterThanOrEqual(29_000);
    const ends = await trace(callId).then((entries) =>
      entries.filter((entry) => entry.type === 'bxml-end'),
    );
    expect(ends).toEqual([expect.objectContaining({ reason: 'end-of-document' })]);
  });

  it('runs BXML only for GET-mode calls, and leaves a GET call with an empty answer to REST', async () => {
    const { app, call, outbound, hungUp, verbs, trace, getCall } = bench;
    app.route('/hangs-up', response(hangup()));
    app.route('/ends', response(speakSentence('Bye')));
    const posted = await outbound('/hangs-up', { callbackHttpMethod: 'POST' });
    const empty = await outbound('/empty');
    // A call placed after both, whose document ends 30 s later, marks time for the others.
    const marker = await outbound('/ends');
    await hungUp(marker);

    expect((await getCall(posted)).state).toBe('active');
    expect(await verbs(posted)).toEqual([]);
    expect((await getCall(empty)).state).toBe('active');
    expect(await verbs(empty)).toEqual([]);
    const documents = (await trace(empty)).filter((entry) => entry.type === 'bxml-document');
    expect(documents).toEqual([
      expect.objectContaining({ source: 'answer', verbs: 0, empty: true, url: app.at('/empty') }),
    ]);
    expect((await call('POST', `/calls/${empty}`, { state: 'completed' })).status).toBe(200);
    expect(await hungUp(empty)).toMatchObject({ cause: 'NORMAL_CLEARING' });
  });

  it('skips the verbs the platform removed (SendMessage, Conference) and logs why', async () => {
    const { app, outbound, hungUp, verbs, errors } = bench;
    app.route(
      '/answer',
      response(
        sendMessage('Hi', { from: OWNED, to: STRANGER }),
        conference({ from: OWNED }),
        hangup(),
      ),
    );
    const callId = await outbound('/answer');
    await hungUp(callId);
    const executed = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'SendMessage:skipped',
      'Conference:skipped',
      'Hangup:call-ended',
    ]);
    expect(executed[0]?.result?.reason).toMatch(/removed from BXML in 2017/);
    const logged = (await errors()).filter((error) => error.code === 'unsupported-bxml-verb');
    expect(logged).toHaveLength(2);
    expect(logged.map((error) => error.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('<SendMessage>'),
        expect.stringContaining('<Conference>'),
      ]),
    );
  });
});

describe('BXML Redirect', () => {
  it('GETs requestUrl with the redirect query and runs the document it answers instead', async () => {
    const { app, outbound, hungUp, verbs, trace } = bench;
    app.route(
      '/answer',
      response(
        speakSentence('One moment'),
        redirect({ requestUrl: app.at('/next'), requestUrlTimeout: 5000 }),
      ),
    );
    app.route('/next', response(speakSentence('Here we are'), hangup()));
    const callId = await outbound('/answer', { tag: 'campaign-7' });
    await hungUp(callId);

    const asked = await app.next({ eventType: 'redirect' }, '/next');
    expect(asked.method).toBe('GET');
    expect(asked.event).toMatchObject({
      callId,
      from: OWNED,
      to: STRANGER,
      callState: 'active',
      tag: 'campaign-7',
    });
    const executed = await verbs(callId);
    expect(executed.map((entry) => `${entry.document}:${entry.verb}:${entry.outcome}`)).toEqual([
      '1:SpeakSentence:completed',
      '1:Redirect:replaced',
      '2:SpeakSentence:completed',
      '2:Hangup:call-ended',
    ]);
    const documents = (await trace(callId)).filter((entry) => entry.type === 'bxml-document');
    expect(documents.map((entry) => [entry.document, entry.source, entry.url])).toEqual([
      [1, 'answer', app.at('/answer')],
      [2, 'redirect', app.at('/next')],
    ]);
    expect(app.story(callId)).toEqual(['answer@/answer', 'redirect@/next', 'hangup@/answer']);
  });

  it('never runs the verbs a hand-written document puts after Redirect', async () => {
    const { app, outbound, hungUp, verbs, trace } = bench;
    app.route('/answer', {
      body:
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n' +
        `  <Redirect requestUrl="${app.at('/next')}" requestUrlTimeout="5000"/>\n` +
        '  <SpeakSentence>Never spoken</SpeakSentence>\n  <Hangup/>\n</Response>',
    });
    app.route('/next', response(speakSentence('Redirected'), hangup()));
    const callId = await outbound('/answer');
    await hungUp(callId);
    expect(verbSummary(await verbs(callId))).toEqual([
      'Redirect:replaced',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    const entries = await trace(callId);
    expect(entries.find((entry) => entry.type === 'bxml-document')).toMatchObject({
      verbs: 1,
      dropped: 2,
    });
    expect(
      entries.filter((entry) => entry.type === 'speak').map((entry) => entry.sentence),
    ).toEqual(['Redirected']);
  });

  it('filters the trace by entry type', async () => {
    const { app, outbound, hungUp, emu } = bench;
    app.route('/answer', response(speakSentence('Hi'), hangup()));
    const callId = await outbound('/answer');
    await hungUp(callId);
    const picked = await emu.control.trace(callId, { type: ['bxml-document', 'bxml-end'] });
    expect(picked.map((entry) => entry.type)).toEqual(['bxml-document', 'bxml-end']);
    expect(picked[1]).toMatchObject({ reason: 'hangup' });
  });

  it('stops quietly when the emulator is reset mid-document', async () => {
    const { app, emu, outbound, hungUp, errors, verbReached } = bench;
    app.route(
      '/long',
      response(
        pause({ length: 3600 }),
        redirect({ requestUrl: app.at('/next'), requestUrlTimeout: 1000 }),
      ),
    );
    app.route('/ends', response(speakSentence('Bye')));
    const callId = await outbound('/long');
    await verbReached(callId, (entry) => entry.verb === 'Pause' && entry.outcome === 'running');
    await emu.control.reset();
    // A later call whose document ends 30 s after it starts marks time.
    const marker = await outbound('/ends');
    await hungUp(marker);
    expect(
      app.requests.filter((request) => request.event.callId === callId).map((r) => r.path),
    ).toEqual(['/long']);
    expect(await errors()).toEqual([]);
  });
});
