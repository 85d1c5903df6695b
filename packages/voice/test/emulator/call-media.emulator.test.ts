import { describe, expect, test } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/index';
import { all, useVoiceFixture } from './fixture';

const fx = useVoiceFixture();

const kinds = (callId: string) =>
  fx.sink
    .eventsOf(callId)
    .filter((event) => event.eventType === 'speak' || event.eventType === 'playback')
    .map((event) => `${event.eventType}:${event.status}:${event.tag ?? ''}`);

describe('call audio and DTMF through the emulator', () => {
  test('playAudioToCall speaks a sentence: speak started and done with the tag', async () => {
    const callId = await fx.activeCall();
    await fx.client.playAudioToCall(callId, { sentence: 'Hello', voice: 'kate', tag: 'hi' });
    await fx.waitFor({ callId, eventType: 'speak', status: 'done' });
    expect(kinds(callId)).toEqual(['speak:started:hi', 'speak:done:hi']);
  });

  test('speakSentenceToCall sends the voice defaults the emulator records in the trace', async () => {
    const callId = await fx.activeCall();
    await fx.client.speakSentenceToCall(callId, 'Welcome to the demo', { tag: 'w' });
    await fx.waitFor({ callId, eventType: 'speak', status: 'done' });
    const speech = (await fx.emulator.control.trace(callId)).find(
      (entry) => entry.type === 'speak',
    );
    expect(speech).toMatchObject({
      sentence: 'Welcome to the demo',
      gender: 'female',
      voice: 'susan',
      locale: 'en_US',
      tag: 'w',
    });
  });

  test('playAudioFileToCall plays a file: playback started and done', async () => {
    const callId = await fx.activeCall();
    await fx.client.playAudioFileToCall(callId, 'https://example.com/welcome.wav', { tag: 'f' });
    await fx.waitFor({ callId, eventType: 'playback', status: 'done' });
    expect(kinds(callId)).toEqual(['playback:started:f', 'playback:done:f']);
  });

  test('stopSpeakingToCall ends looping speech early with speak done', async () => {
    const callId = await fx.activeCall();
    await fx.client.speakSentenceToCall(callId, 'Please hold', { loopEnabled: true });
    await fx.waitFor({ callId, eventType: 'speak', status: 'started' });
    await fx.client.stopSpeakingToCall(callId);
    await fx.waitFor({ callId, eventType: 'speak', status: 'done' });
    expect((await fx.emulator.control.trace(callId)).map((entry) => entry.type)).toContain(
      'speak-stopped',
    );
  });

  test('stopAudioFilePlaybackToCall ends a looping file with playback done', async () => {
    const callId = await fx.activeCall();
    await fx.client.playAudioFileToCall(callId, 'https://example.com/hold.mp3', {
      loopEnabled: true,
    });
    await fx.waitFor({ callId, eventType: 'playback', status: 'started' });
    await fx.client.stopAudioFilePlaybackToCall(callId);
    await fx.waitFor({ callId, eventType: 'playback', status: 'done' });
    expect((await fx.emulator.control.trace(callId)).map((entry) => entry.type)).toContain(
      'playback-stopped',
    );
  });

  test('audio on a call that is not active is refused with call-audio-invalid-state', async () => {
    const callId = await fx.placeCall();
    await expect(fx.client.speakSentenceToCall(callId, 'too soon')).rejects.toMatchObject({
      status: 403,
      code: 'call-audio-invalid-state',
    });
  });

  test('sendDtmfToCall sends tones the call events show; invalid tones are refused', async () => {
    const callId = await fx.activeCall();
    await fx.client.sendDtmfToCall(callId, { dtmfOut: '123#' });
    const events = await fx.client.listCallEvents(callId).toArray();
    expect(events.at(-1)).toMatchObject({ name: 'dtmf-out', data: '123#' });
    await expect(fx.client.sendDtmfToCall(callId, { dtmfOut: 'xyz' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(fx.client.sendDtmfToCall(callId, { dtmfOut: '' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('call gathers, events, recordings and transcriptions through the emulator', () => {
  test('createCallGather starts a gather the far end completes; getCallGather shows the result', async () => {
    const callId = await fx.activeCall();
    const gatherId = await fx.client.createCallGather(callId, {
      maxDigits: 3,
      interDigitTimeout: 30,
      tag: 'pin',
      prompt: { sentence: 'Enter your PIN' },
    });
    expect(gatherId).toMatch(/^gtr-/);
    expect(await fx.client.getCallGather(callId, gatherId)).toMatchObject({
      id: gatherId,
      state: 'started',
    });
    await fx.emulator.control.sendDtmf(callId, '246');
    expect(await fx.waitFor({ callId, eventType: 'gather' })).toMatchObject({
      digits: '246',
      reason: 'max-digits',
      tag: 'pin',
    });
    expect(await fx.client.getCallGather(callId, gatherId)).toMatchObject({
      state: 'completed',
      digits: '246',
      reason: 'max-digits',
    });
    await expect(fx.client.getCallGather(callId, 'gtr-missing')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test('createCallGather without options sends {}: the defaults apply (5 s timeout, # terminates)', async () => {
    const callId = await fx.activeCall();
    await fx.client.createCallGather(callId);
    expect(await fx.waitFor({ callId, eventType: 'gather' })).toMatchObject({
      digits: '',
      reason: 'inter-digit-timeout',
    });
    await fx.client.createCallGather(callId, { interDigitTimeout: 30 });
    await expect(fx.client.createCallGather(callId)).rejects.toBeInstanceOf(ConflictError);
    await fx.emulator.control.sendDtmf(callId, '9#');
    expect(await fx.waitFor({ callId, eventType: 'gather', digits: '9' })).toMatchObject({
      reason: 'terminating-digit',
    });
  });

  test('updateCallGather stops a gather with state completed', async () => {
    const callId = await fx.activeCall();
    const gatherId = await fx.client.createCallGather(callId, {
      maxDigits: 5,
      interDigitTimeout: 30,
    });
    await fx.emulator.control.sendDtmf(callId, '1');
    await fx.client.updateCallGather(callId, gatherId, { state: 'completed' });
    expect(await fx.waitFor({ callId, eventType: 'gather' })).toMatchObject({ digits: '1' });
    expect((await fx.client.getCallGather(callId, gatherId)).state).toBe('completed');
  });

  test('completeCallGather stops a gather too', async () => {
    const callId = await fx.activeCall();
    const gatherId = await fx.client.createCallGather(callId, {
      maxDigits: 5,
      interDigitTimeout: 30,
    });
    await fx.client.completeCallGather(callId, gatherId);
    await fx.waitFor({ callId, eventType: 'gather' });
    expect((await fx.voiceState()).gathers).toMatchObject([{ id: gatherId, state: 'completed' }]);
  });

  test('listCallEvents lists everything that happened; getCallEvent fetches one', async () => {
    const callId = await fx.activeCall();
    await fx.emulator.control.sendDtmf(callId, '4');
    await fx.client.hangupCall(callId);
    await fx.waitFor({ callId, eventType: 'hangup' });
    const events = await all(fx.client.listCallEvents(callId));
    expect(events.map((event) => event.name)).toEqual(['create', 'answer', 'dtmf', 'hangup']);
    const dtmf = events[2];
    expect(await fx.client.getCallEvent(callId, dtmf?.id as string)).toEqual(dtmf);
    await expect(fx.client.getCallEvent(callId, 'ce-missing')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test('listCallRecordings lists the call’s recordings with their mediaName', async () => {
    const callId = await fx.activeCall({ recordingEnabled: true });
    await fx.client.disableCallRecording(callId);
    await fx.waitFor({ callId, eventType: 'recording' });
    const recordings = await fx.client.listCallRecordings(callId).toArray();
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatchObject({ state: 'complete', mediaName: `${callId}-1.wav` });
  });

  test('listCallTranscriptions lists the transcriptions of the call’s recordings', async () => {
    const callId = await fx.activeCall({ recordingEnabled: true, transcriptionEnabled: true });
    await fx.client.hangupCall(callId);
    const event = await fx.waitFor({ eventType: 'transcription', callId });
    const transcriptions = await fx.client.listCallTranscriptions(callId).toArray();
    expect(transcriptions).toMatchObject([
      { id: event.transcriptionId, state: 'completed', text: event.text },
    ]);
    await expect(fx.client.listCallTranscriptions('c-missing').toArray()).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(fx.client.createCallGather(callId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
