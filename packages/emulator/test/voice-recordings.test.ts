import { describe, expect, it } from 'vitest';
import { expectError, idFrom, json, realDelay, useVoiceBench } from './voice-kit';

// Speed 10 (a simulated second is 100 ms) leaves a transcription in `transcribing` long enough
// to be observed.
const SPEED = 10;
const bench = useVoiceBench({ speed: SPEED });

interface Recording {
  id: string;
  state: string;
  media: string;
  call: string;
  startTime: string;
  endTime?: string;
}

async function download(url: string): Promise<{ type: string | null; bytes: Buffer }> {
  const response = await bench.api('GET', url);
  expect(response.status).toBe(200);
  return {
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Records for at least `simulatedMs`, then hangs up; the recording event. */
async function recordedCall(body: Record<string, unknown>, simulatedMs: number) {
  const { activeCall, emu, waitEvent } = bench;
  const callId = await activeCall({ recordingEnabled: true, ...body });
  await realDelay(simulatedMs / SPEED);
  await emu.control.hangupCall(callId);
  const event = await waitEvent({ callId, eventType: 'recording' });
  return { callId, event };
}

describe('recordings', () => {
  it('records an answered call: a valid WAV of the recorded length lands in media as {callId}-1.wav', async () => {
    const { emu, base, call } = bench;
    const { callId, event } = await recordedCall({}, 2000);
    expect(event).toMatchObject({ state: 'complete', status: 'complete' });
    const recordingId = String(event.recordingId);
    expect(event.recordingUri).toBe(`${emu.url}${base}/recordings/${recordingId}`);
    const recording = await json<Recording>(await call('GET', `/recordings/${recordingId}`));
    expect(recording).toMatchObject({
      id: recordingId,
      state: 'complete',
      call: `${emu.url}${base}/calls/${callId}`,
      media: `${emu.url}${base}/media/${callId}-1.wav`,
    });
    expect(Date.parse(String(recording.endTime))).toBeGreaterThanOrEqual(
      Date.parse(recording.startTime),
    );
    const { type, bytes } = await download(recording.media);
    expect(type).toBe('audio/wav');
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8);
    expect(bytes.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(bytes.readUInt16LE(20)).toBe(1); // PCM
    const sampleRate = bytes.readUInt32LE(24);
    const dataBytes = bytes.readUInt32LE(40);
    const seconds = dataBytes / sampleRate;
    // At least the 2 s waited; at most the 10 s cap.
    expect(seconds).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThanOrEqual(10);
    expect(new Set(bytes.subarray(44, 44 + 100)).size).toBeGreaterThan(1);
  });

  it('records MP3 as a stream of valid MPEG-1 Layer III frames', async () => {
    const { call } = bench;
    const { event } = await recordedCall({ recordingFileFormat: 'mp3' }, 500);
    const recording = await json<Recording>(await call('GET', `/recordings/${event.recordingId}`));
    expect(recording.media).toMatch(/-1\.mp3$/);
    const { type, bytes } = await download(recording.media);
    expect(type).toBe('audio/mpeg');
    expect(bytes.length % 144).toBe(0);
    for (let offset = 0; offset < bytes.length; offset += 144) {
      expect([...bytes.subarray(offset, offset + 4)]).toEqual([0xff, 0xfb, 0x18, 0xc0]);
    }
    expect(bytes.length / 144).toBeGreaterThanOrEqual(Math.floor(500 / 36));
  });

  it('toggles recording mid-call: each on/off pair makes a numbered recording of the call', async () => {
    const { activeCall, call, waitEvent, eventsOf, emu } = bench;
    const callId = await activeCall();
    expect((await call('POST', `/calls/${callId}`, { recordingEnabled: true })).status).toBe(200);
    expect((await bench.getCall(callId)).recordingEnabled).toBe(true);
    await call('POST', `/calls/${callId}`, { recordingEnabled: false });
    await waitEvent({ callId, eventType: 'recording' });
    await call('POST', `/calls/${callId}`, { recordingEnabled: true });
    await emu.control.hangupCall(callId);
    await expect
      .poll(() => eventsOf(callId).filter((e) => e.eventType === 'recording').length)
      .toBe(2);
    const list = await json<Recording[]>(await call('GET', `/calls/${callId}/recordings`));
    expect(list.map((r) => r.media.split('/').pop())).toEqual([
      `${callId}-1.wav`,
      `${callId}-2.wav`,
    ]);
    const all = await json<Recording[]>(await call('GET', '/recordings'));
    expect(all.map((r) => r.id)).toEqual(list.map((r) => r.id));
  });

  it('answers 409 conflicted-recording-values-request when changing recording settings mid-recording', async () => {
    const { activeCall, call } = bench;
    const callId = await activeCall({ recordingEnabled: true });
    await expectError(
      await call('POST', `/calls/${callId}`, { recordingMaxDuration: 30 }),
      409,
      'conflicted-recording-values-request',
      'conflict',
    );
    await expectError(
      await call('POST', `/calls/${callId}`, { recordingFileFormat: 'mp3' }),
      409,
      'conflicted-recording-values-request',
    );
    // Stopping and changing in one request is fine.
    const stop = await call('POST', `/calls/${callId}`, {
      recordingEnabled: false,
      recordingMaxDuration: 30,
    });
    expect(stop.status).toBe(200);
    expect((await bench.getCall(callId)).recordingMaxDuration).toBe(30);
  });

  it('stops at recordingMaxDuration', async () => {
    const { activeCall, waitEvent, call } = bench;
    const callId = await activeCall({ recordingEnabled: true, recordingMaxDuration: 1 });
    const event = await waitEvent({ callId, eventType: 'recording' });
    expect((await bench.getCall(callId)).state).toBe('active');
    const recording = await json<Recording>(await call('GET', `/recordings/${event.recordingId}`));
    const { bytes } = await download(recording.media);
    expect(bytes.readUInt32LE(40) / bytes.readUInt32LE(24)).toBe(1);
  });

  it('answers 404 recording-not-found for an unknown recording', async () => {
    await expectError(await bench.call('GET', '/recordings/rec-nope'), 404, 'recording-not-found');
  });
});

describe('transcriptions', () => {
  it('transcribes automatically with transcriptionEnabled: transcription event, text file in media', async () => {
    const { waitEvent, call, emu, base } = bench;
    const { callId, event } = await recordedCall({ transcriptionEnabled: true }, 1000);
    const transcription = await waitEvent({
      eventType: 'transcription',
      recordingId: event.recordingId,
    });
    expect(transcription).toMatchObject({ state: 'completed', status: 'completed', callId });
    const transcriptionId = String(transcription.transcriptionId);
    expect(transcription.transcriptionUri).toBe(
      `${emu.url}${base}/recordings/${event.recordingId}/transcriptions/${transcriptionId}`,
    );
    expect(transcription.textUrl).toBe(`${emu.url}${base}/media/${transcriptionId}`);
    const text = await (await bench.api('GET', String(transcription.textUrl))).text();
    expect(text).toBe(transcription.text);
    expect(transcription.textSize).toBe(text.length);
    const shown = await json(
      await call('GET', `/recordings/${event.recordingId}/transcriptions/${transcriptionId}`),
    );
    expect(shown).toMatchObject({
      id: transcriptionId,
      state: 'completed',
      text,
      textSize: text.length,
      chargeableDuration: 60,
    });
    expect(await json(await call('GET', `/calls/${callId}/transcriptions`))).toEqual([shown]);
    const transactions = await json<Array<Record<string, unknown>>>(
      await call('GET', '/account/transactions'),
    );
    expect(transactions.find((t) => t.resourceId === transcriptionId)).toMatchObject({
      productType: 'transcription',
    });
  });

  it('transcribes on request (201 + Location): transcribing, then completed', async () => {
    const { call, waitEvent, emu, base } = bench;
    const { event } = await recordedCall({}, 500);
    const response = await call('POST', `/recordings/${event.recordingId}/transcriptions`, {});
    expect(response.status).toBe(201);
    const transcriptionId = idFrom(response);
    expect(response.headers.get('location')).toBe(
      `${emu.url}${base}/recordings/${event.recordingId}/transcriptions/${transcriptionId}`,
    );
    expect(
      await json(
        await call('GET', `/recordings/${event.recordingId}/transcriptions/${transcriptionId}`),
      ),
    ).toMatchObject({
      state: 'transcribing',
    });
    await waitEvent({ eventType: 'transcription', transcriptionId });
    const list = await json<Array<{ id: string; state: string }>>(
      await call('GET', `/recordings/${event.recordingId}/transcriptions`),
    );
    expect(list).toMatchObject([{ id: transcriptionId, state: 'completed' }]);
  });

  it('answers 403 invalid-recording-state for an MP3 or unfinished recording, 404 for unknown ones', async () => {
    const { call, activeCall, waitEvent } = bench;
    const { event } = await recordedCall({ recordingFileFormat: 'mp3' }, 200);
    await expectError(
      await call('POST', `/recordings/${event.recordingId}/transcriptions`, {}),
      403,
      'invalid-recording-state',
    );
    const callId = await activeCall({ recordingEnabled: true });
    const [running] = await json<Recording[]>(await call('GET', `/calls/${callId}/recordings`));
    expect(running?.state).toBe('recording');
    await expectError(
      await call('POST', `/recordings/${running?.id}/transcriptions`, {}),
      403,
      'invalid-recording-state',
    );
    await bench.emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'recording' });
    await expectError(
      await call('GET', `/recordings/${running?.id}/transcriptions/tr-nope`),
      404,
      'transcription-not-found',
    );
  });
});
