import { describe, expect, it } from 'vitest';
import { expectError, json, summary, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();

describe('calls: audio', () => {
  it('speaks: speak started then done, with PLAYBACK_START/STOP and the audio tag', async () => {
    const { activeCall, call, waitEvent, eventsOf } = bench;
    const callId = await activeCall({ tag: 'call-tag' });
    const response = await call('POST', `/calls/${callId}/audio`, {
      sentence: 'Hello there',
      gender: 'male',
      locale: 'en_UK',
      voice: 'simon',
      tag: 'greeting',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const done = await waitEvent({ callId, eventType: 'speak', status: 'done' });
    expect(done).toMatchObject({ state: 'PLAYBACK_STOP', tag: 'greeting' });
    const [, started] = eventsOf(callId);
    expect(started).toMatchObject({
      eventType: 'speak',
      status: 'started',
      state: 'PLAYBACK_START',
      tag: 'greeting',
    });
  });

  it('takes simulated time proportional to the sentence; a file takes a fixed time', async () => {
    const { activeCall, call, waitEvent, emu } = bench;
    const callId = await activeCall();
    await call('POST', `/calls/${callId}/audio`, { sentence: 'x'.repeat(100), tag: '1' });
    await waitEvent({ callId, eventType: 'speak', status: 'done', tag: '1' });
    await call('POST', `/calls/${callId}/audio`, { sentence: 'Hi', tag: '2' });
    await waitEvent({ callId, eventType: 'speak', status: 'done', tag: '2' });
    await call('POST', `/calls/${callId}/audio`, { fileUrl: 'https://example.com/a.wav' });
    await waitEvent({ callId, eventType: 'playback', status: 'done' });
    const trace = await emu.control.trace(callId);
    expect(
      trace
        .filter((entry) => entry.type !== 'state')
        .map((entry) => [entry.type, entry.durationMs]),
    ).toEqual([
      ['speak', 6000],
      ['speak', 500],
      ['playback', 3000],
    ]);
  });

  it('plays a file: playback started then done, with the call tag when the audio has none', async () => {
    const { activeCall, call, waitEvent, eventsOf } = bench;
    const callId = await activeCall({ tag: 'ct' });
    await call('POST', `/calls/${callId}/audio`, {
      fileUrl: 'https://example.com/hold.mp3',
      volume: -2,
    });
    await waitEvent({ callId, eventType: 'playback', status: 'done' });
    expect(summary(eventsOf(callId))).toEqual(['answer', 'playback:started', 'playback:done']);
    expect(eventsOf(callId)[1]).toMatchObject({ tag: 'ct' });
  });

  it('loops until stopped with an empty sentence or fileUrl', async () => {
    const { activeCall, call, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await call('POST', `/calls/${callId}/audio`, {
      fileUrl: 'https://example.com/m.wav',
      loopEnabled: true,
    });
    await waitEvent({ callId, eventType: 'playback', status: 'started' });
    // A stop for the other kind of audio leaves the file playing.
    expect((await call('POST', `/calls/${callId}/audio`, { sentence: '' })).status).toBe(200);
    expect((await call('POST', `/calls/${callId}/audio`, { fileUrl: '' })).status).toBe(200);
    await waitEvent({ callId, eventType: 'playback', status: 'done' });
    const events = await json<Array<{ name: string; data?: string }>>(
      await call('GET', `/calls/${callId}/events`),
    );
    expect(events.filter((e) => e.name === 'playback').map((e) => e.data)).toEqual([
      'start',
      'done',
    ]);
    await call('POST', `/calls/${callId}/audio`, {
      sentence: 'Long enough to be interrupted, surely',
      loopEnabled: true,
    });
    expect((await call('POST', `/calls/${callId}/audio`, { sentence: '' })).status).toBe(200);
    await waitEvent({ callId, eventType: 'speak', status: 'done' });
    expect(summary(eventsOf(callId))).toEqual([
      'answer',
      'playback:started',
      'playback:done',
      'speak:started',
      'speak:done',
    ]);
  });

  it('replaces audio that is playing: the old one ends with done before the new one starts', async () => {
    const { activeCall, call, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await call('POST', `/calls/${callId}/audio`, {
      sentence: 'first',
      loopEnabled: true,
      tag: 'a',
    });
    await call('POST', `/calls/${callId}/audio`, { sentence: 'second', tag: 'b' });
    await waitEvent({ callId, eventType: 'speak', status: 'done', tag: 'b' });
    expect(
      eventsOf(callId)
        .slice(1)
        .map((e) => `${e.status}:${e.tag}`),
    ).toEqual(['started:a', 'done:a', 'started:b', 'done:b']);
  });

  it('stops audio silently when the call hangs up', async () => {
    const { activeCall, call, emu, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await call('POST', `/calls/${callId}/audio`, { sentence: 'hold on', loopEnabled: true });
    await emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'hangup' });
    expect(summary(eventsOf(callId))).toEqual([
      'answer',
      'speak:started',
      'hangup:NORMAL_CLEARING',
    ]);
  });

  it('answers 403 call-audio-invalid-state on a call that is not active', async () => {
    const { createCall, call, emu, waitEvent } = bench;
    const callId = await createCall();
    await expectError(
      await call('POST', `/calls/${callId}/audio`, { sentence: 'too early' }),
      403,
      'call-audio-invalid-state',
    );
    await emu.control.answerCall(callId);
    await emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'hangup' });
    await expectError(
      await call('POST', `/calls/${callId}/audio`, { fileUrl: 'https://example.com/a.wav' }),
      403,
      'call-audio-invalid-state',
    );
  });

  it.each([
    ['a sentence over 1000 characters', { sentence: 'a'.repeat(1001) }, 'validation-error'],
    ['volume 5', { sentence: 'hi', volume: 5 }, 'validation-error'],
    ['an unknown voice', { sentence: 'hi', voice: 'hal' }, 'validation-error'],
    ['an unknown locale', { sentence: 'hi', locale: 'xx_XX' }, 'validation-error'],
    ['an unknown gender', { sentence: 'hi', gender: 'robot' }, 'validation-error'],
    ['a fileUrl that is not a URL', { fileUrl: 'not a url' }, 'validation-error'],
    [
      'both a sentence and a file',
      { sentence: 'hi', fileUrl: 'https://example.com/a.wav' },
      'validation-error',
    ],
    ['neither sentence nor fileUrl', { tag: 'x' }, 'missing-property'],
  ])('rejects %s with 400', async (_, body, code) => {
    const { activeCall, call } = bench;
    const callId = await activeCall();
    await expectError(await call('POST', `/calls/${callId}/audio`, body), 400, code);
  });
});

describe('calls: DTMF', () => {
  it('sends DTMF: 200, recorded in the call events and trace with its duration', async () => {
    const { activeCall, call, emu } = bench;
    const callId = await activeCall();
    const response = await call('POST', `/calls/${callId}/dtmf`, { dtmfOut: '1WWW,59#' });
    expect(response.status).toBe(200);
    const events = await json<Array<{ name: string; data?: string }>>(
      await call('GET', `/calls/${callId}/events`),
    );
    expect(events.at(-1)).toMatchObject({ name: 'dtmf-out', data: '1WWW,59#' });
    const entry = (await emu.control.trace(callId)).find((e) => e.type === 'dtmf-out');
    expect(entry).toMatchObject({ digits: '1WWW,59#', durationMs: 4 * 100 + 3000 + 500 });
  });

  it.each([
    ['93 characters', 'A'.repeat(93), 'validation-error'],
    ['characters outside the DTMF alphabet', '12x', 'validation-error'],
    ['an empty string', '', 'validation-error'],
  ])('rejects dtmfOut with %s', async (_, dtmfOut, code) => {
    const { activeCall, call } = bench;
    const callId = await activeCall();
    await expectError(await call('POST', `/calls/${callId}/dtmf`, { dtmfOut }), 400, code);
  });

  it('accepts 92 characters and refuses DTMF on a ringing call (403 call-invalid-state)', async () => {
    const { activeCall, createCall, call } = bench;
    const callId = await activeCall();
    expect((await call('POST', `/calls/${callId}/dtmf`, { dtmfOut: '1'.repeat(92) })).status).toBe(
      200,
    );
    const ringing = await createCall();
    await expectError(
      await call('POST', `/calls/${ringing}/dtmf`, { dtmfOut: '1' }),
      403,
      'call-invalid-state',
    );
  });

  it('turns far-end digits into one dtmf event per digit, in order', async () => {
    const { activeCall, emu, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await emu.control.sendDtmf(callId, '*0#A');
    await waitEvent({ callId, eventType: 'dtmf', dtmfDigit: 'A' });
    expect(
      eventsOf(callId)
        .slice(1)
        .map((e) => e.dtmfDigit),
    ).toEqual(['*', '0', '#', 'A']);
    await expect(emu.control.sendDtmf(callId, '1w')).rejects.toMatchObject({ status: 400 });
    const ringing = await bench.createCall();
    await expect(emu.control.sendDtmf(ringing, '1')).rejects.toMatchObject({
      status: 403,
      code: 'call-invalid-state',
    });
  });
});
