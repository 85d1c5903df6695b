import { hangup, record, response, speakSentence } from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import { json, useBxmlBench, verbSummary } from './bxml-kit';

const bench = useBxmlBench();
const recording = (entry: { verb: string; outcome: string }) =>
  entry.verb === 'Record' && entry.outcome === 'running';

describe('BXML Record', () => {
  it('records until a terminating digit: a WAV in media, the recording event, the transcription', async () => {
    const { app, emu, call, outbound, hungUp, verbs, verbReached } = bench;
    app.route(
      '/answer',
      response(
        record({
          requestUrl: app.at('/recorded'),
          terminatingDigits: '#',
          silenceTimeout: 60,
          maxDuration: 300,
          transcribe: true,
          transcribeCallbackUrl: app.at('/transcribed'),
        }),
        speakSentence('Thanks'),
        hangup(),
      ),
    );
    const callId = await outbound('/answer');
    await verbReached(callId, recording);
    await emu.control.sendDtmf(callId, '#');
    await hungUp(callId);

    const executed = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'Record:completed',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    const result = executed[0]?.result ?? {};
    expect(result).toMatchObject({ reason: 'terminating-digit', mediaName: `${callId}-1.wav` });
    const recordingId = String(result.recordingId);

    const reported = await app.next({ eventType: 'recording' }, '/recorded');
    expect(reported.method).toBe('GET');
    expect(reported.event).toMatchObject({ callId, recordingId, status: 'complete' });
    expect(reported.event.recordingUri).toContain(`/recordings/${recordingId}`);
    expect(Date.parse(reported.event.endTime ?? '')).toBeGreaterThanOrEqual(
      Date.parse(reported.event.startTime ?? ''),
    );
    // The recording event is in order with the call's others: after the digit, before hang-up.
    expect(app.story(callId).filter((step) => !step.startsWith('transcription'))).toEqual([
      'answer@/answer',
      'dtmf@/answer',
      'recording@/recorded',
      'hangup@/answer',
    ]);

    const file = await call('GET', `/media/${callId}-1.wav`);
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
    expect(await json(await call('GET', `/recordings/${recordingId}`))).toMatchObject({
      state: 'complete',
    });

    const transcribed = await app.next({ eventType: 'transcription' }, '/transcribed');
    expect(transcribed.method).toBe('POST');
    expect(transcribed.event).toMatchObject({
      recordingId,
      transcriptionId: result.transcriptionId,
      status: 'completed',
    });
    expect(transcribed.event.text).toContain(recordingId);
    const text = await call('GET', `/media/${String(result.transcriptionId)}`);
    expect(await text.text()).toBe(transcribed.event.text);
  });

  it('stops after silenceTimeout or maxDuration of simulated time, in the requested format', async () => {
    const { app, outbound, hungUp, verbs } = bench;
    app.route('/silence', response(record({ silenceTimeout: 2 }), hangup()));
    app.route(
      '/limit',
      response(record({ maxDuration: 1, silenceTimeout: 60, fileFormat: 'mp3' }), hangup()),
    );

    const quiet = await outbound('/silence');
    await hungUp(quiet);
    const [silent] = await verbs(quiet);
    expect(silent?.result).toMatchObject({ reason: 'silence' });
    expect(silent?.result?.recordedMs).toBeGreaterThanOrEqual(2000);
    expect(silent?.result?.recordedMs).toBeLessThan(60_000);

    const capped = await outbound('/limit');
    await hungUp(capped);
    const [limited] = await verbs(capped);
    expect(limited?.result).toMatchObject({
      reason: 'max-duration',
      recordedMs: 1000,
      mediaName: `${capped}-1.mp3`,
    });
  });

  it('keeps and reports the recording when the caller hangs up while recording', async () => {
    const { app, emu, outbound, hungUp, verbs, verbReached } = bench;
    app.route(
      '/answer',
      response(
        record({ requestUrl: app.at('/recorded'), silenceTimeout: 60 }),
        speakSentence('Not said'),
      ),
    );
    const callId = await outbound('/answer');
    await verbReached(callId, recording);
    await emu.control.hangupCall(callId);
    await hungUp(callId);
    const reported = await app.next({ callId, eventType: 'recording' }, '/recorded');
    expect(reported.event.status).toBe('complete');
    await expect.poll(async () => verbSummary(await verbs(callId))).toEqual(['Record:call-ended']);
    expect((await verbs(callId))[0]?.result).toMatchObject({ reason: 'hung-up' });
  });
});
