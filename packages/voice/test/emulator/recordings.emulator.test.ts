import { describe, expect, test } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../src/index';
import { all, useVoiceFixture } from './fixture';

// Speed 10: a transcription stays `transcribing` for half a real second, long enough to see.
const fx = useVoiceFixture({ speed: 10 });

/** A call recorded from answer to hang-up; the recording id once saved. */
async function recordedCall(
  format: 'wav' | 'mp3' = 'wav',
): Promise<{ callId: string; recordingId: string }> {
  const callId = await fx.activeCall({ recordingEnabled: true, recordingFileFormat: format });
  await fx.client.hangupCall(callId);
  const event = await fx.waitFor({ callId, eventType: 'recording' });
  return { callId, recordingId: String(event.recordingId) };
}

async function mediaBytes(mediaName: string): Promise<Buffer> {
  const { emulator } = fx;
  const { userId, apiToken, apiSecret } = emulator.credentials;
  const response = await fetch(
    `${emulator.url}/v1/users/${userId}/media/${encodeURIComponent(mediaName)}`,
    {
      headers: {
        authorization: `Basic ${Buffer.from(`${apiToken}:${apiSecret}`).toString('base64')}`,
      },
    },
  );
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

describe('recordings and transcriptions through the emulator', () => {
  test('getRecording shows a saved recording whose mediaName downloads a WAV file', async () => {
    const { callId, recordingId } = await recordedCall();
    const recording = await fx.client.getRecording(recordingId);
    expect(recording).toMatchObject({
      id: recordingId,
      state: 'complete',
      mediaName: `${callId}-1.wav`,
    });
    const bytes = await mediaBytes(recording.mediaName as string);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
    await expect(fx.client.getRecording('rec-missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('listRecordings lists every recording of the account across pages', async () => {
    const first = await recordedCall();
    const second = await recordedCall('mp3');
    const third = await recordedCall();
    const recordings = await all(fx.client.listRecordings({ size: 2 }));
    expect(recordings.map((r) => r.id)).toEqual([
      first.recordingId,
      second.recordingId,
      third.recordingId,
    ]);
    expect(recordings[1]?.mediaName).toBe(`${second.callId}-1.mp3`);
    const mp3 = await mediaBytes(recordings[1]?.mediaName as string);
    expect([...mp3.subarray(0, 2)]).toEqual([0xff, 0xfb]);
  });

  test('createTranscription transcribes a WAV recording; getTranscription shows transcribing then completed', async () => {
    const { recordingId } = await recordedCall();
    const transcriptionId = await fx.client.createTranscription(recordingId);
    expect(transcriptionId).toMatch(/^tr-/);
    expect((await fx.client.getTranscription(recordingId, transcriptionId)).state).toBe(
      'transcribing',
    );
    const event = await fx.waitFor({ eventType: 'transcription', transcriptionId });
    const transcription = await fx.client.getTranscription(recordingId, transcriptionId);
    expect(transcription).toMatchObject({
      id: transcriptionId,
      state: 'completed',
      text: event.text,
      textSize: event.textSize,
      textUrl: event.textUrl,
    });
    const text = await mediaBytes(transcriptionId);
    expect(text.toString('utf8')).toBe(transcription.text);
    await expect(fx.client.getTranscription(recordingId, 'tr-missing')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test('createTranscription of an MP3 recording is refused with invalid-recording-state', async () => {
    const { recordingId } = await recordedCall('mp3');
    const refused = fx.client.createTranscription(recordingId);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toMatchObject({ code: 'invalid-recording-state' });
  });

  test('listTranscriptions lists a recording’s transcriptions', async () => {
    const { recordingId } = await recordedCall();
    const first = await fx.client.createTranscription(recordingId);
    const second = await fx.client.createTranscription(recordingId);
    await fx.waitFor({ eventType: 'transcription', transcriptionId: second });
    await fx.waitFor({ eventType: 'transcription', transcriptionId: first });
    const transcriptions = await fx.client.listTranscriptions(recordingId, { size: 1 }).toArray();
    expect(transcriptions.map((t) => [t.id, t.state])).toEqual([
      [first, 'completed'],
      [second, 'completed'],
    ]);
  });
});
