// An inbound call through a small IVR served by a test app: a menu (Gather with
// SpeakSentence), digits from the far end, then a branch — a transfer to sales in one run,
// a voicemail in the other — and a hang-up. The trace and every callback are checked.
import { gather, hangup, phoneNumber, record, response, speakSentence, transfer } from '@bw/bxml';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, OWNED, STRANGER, useBxmlBench } from './bxml-kit';

const bench = useBxmlBench();
const SALES = '+14045550111';
const CALLER = STRANGER;
/** The menu prompt is long enough (≈ 10 simulated s) for the test to press a key during it. */
const MENU = 'Thanks for calling Example Corp. Press 1 for sales. Press 2 to leave us a message.';

beforeEach(async () => {
  const { app, inboundApp } = bench;
  await inboundApp('/voice');
  // Every call event arrives at /voice; only the answer gets a document.
  app.route('/voice', (request) =>
    request.event.eventType === 'answer'
      ? response(
          speakSentence('Welcome.'),
          gather(
            { requestUrl: app.at('/menu'), maxDigits: 1, interDigitTimeout: 30 },
            speakSentence(MENU),
            speakSentence(MENU),
          ),
        )
      : undefined,
  );
  app.route('/menu', (request) =>
    request.event.digits === '1'
      ? response(
          speakSentence('Connecting you to sales.'),
          transfer(
            { requestUrl: app.at('/after-transfer'), callTimeout: 300 },
            phoneNumber(SALES),
            speakSentence('A customer from the IVR.'),
          ),
        )
      : response(
          speakSentence('Leave your message after the tone, then press pound.'),
          record({
            requestUrl: app.at('/voicemail'),
            terminatingDigits: '#',
            silenceTimeout: 60,
            maxDuration: 300,
            transcribe: true,
            transcribeCallbackUrl: app.at('/transcription'),
          }),
          speakSentence('Thank you. Goodbye.'),
          hangup(),
        ),
  );
  app.route('/after-transfer', response(speakSentence('Thanks for calling.'), hangup()));
});

/** Places the inbound call and presses `digit` while the menu plays; the call id. */
async function chooseFromMenu(digit: string): Promise<string> {
  const { emu, verbReached } = bench;
  const { callId } = await emu.control.inboundCall({ from: CALLER, to: OWNED });
  await verbReached(callId, (entry) => entry.verb === 'Gather' && entry.outcome === 'running');
  await emu.control.sendDtmf(callId, digit);
  return callId;
}

/** `document:verb:outcome` of each executed verb. */
async function steps(callId: string): Promise<string[]> {
  return (await bench.verbs(callId)).map(
    (entry) => `${entry.document}:${entry.verb}:${entry.outcome}`,
  );
}

describe('IVR over BXML (inbound call)', () => {
  it('menu → 1 → transfer to sales (answered, then transferComplete) → hang-up', async () => {
    const { app, emu, verbReached, hungUp, trace, getCall } = bench;
    const callId = await chooseFromMenu('1');
    const transferring = await verbReached(
      callId,
      (entry) => entry.verb === 'Transfer' && Array.isArray(entry.result?.legs),
    );
    const [leg] = (transferring.result?.legs ?? []) as string[];
    expect(await getCall(String(leg))).toMatchObject({ direction: 'out', from: CALLER, to: SALES });
    await emu.control.answerCall(String(leg));
    await expect
      .poll(async () => (await trace(String(leg))).some((entry) => entry.type === 'connected'))
      .toBe(true);
    await emu.control.hangupCall(String(leg)); // sales is done with the caller
    expect(await hungUp(callId)).toMatchObject({ cause: 'NORMAL_CLEARING', to: OWNED });

    expect(await steps(callId)).toEqual([
      '1:SpeakSentence:completed',
      '1:Gather:replaced',
      '2:SpeakSentence:completed',
      '2:Transfer:replaced',
      '3:SpeakSentence:completed',
      '3:Hangup:call-ended',
    ]);
    expect(app.story(callId)).toEqual([
      'incomingcall@/voice',
      'answer@/voice',
      'dtmf@/voice',
      'gather@/menu',
      'transferComplete@/after-transfer',
      'hangup@/voice',
    ]);
    expect((await app.next({ callId, eventType: 'gather' })).event).toMatchObject({
      digits: '1',
      reason: 'max-digits',
    });
    expect((await app.next({ callId, eventType: 'transferComplete' })).event).toMatchObject({
      from: CALLER,
      to: SALES,
    });
    const legTrace = await trace(String(leg));
    expect(legTrace.find((entry) => entry.type === 'speak')?.sentence).toBe(
      'A customer from the IVR.',
    );
    expect(legTrace.at(-1)).toMatchObject({ type: 'state', state: 'completed' });
    const sentences = (await trace(callId))
      .filter((entry) => entry.type === 'speak')
      .map((entry) => entry.sentence);
    expect(sentences[0]).toBe('Welcome.');
    expect(sentences.slice(-2)).toEqual(['Connecting you to sales.', 'Thanks for calling.']);
    expect(await getCall(callId)).toMatchObject({ direction: 'in', state: 'completed' });
  });

  it('menu → 2 → voicemail (recording in media, recording callback, transcription) → hang-up', async () => {
    const { app, emu, verbReached, hungUp, call } = bench;
    const callId = await chooseFromMenu('2');
    const recording = await verbReached(
      callId,
      (entry) => entry.verb === 'Record' && entry.outcome === 'running',
    );
    await emu.control.sendDtmf(callId, '#');
    await hungUp(callId);
    const transcription = await app.next({ eventType: 'transcription' }, '/transcription');

    expect(await steps(callId)).toEqual([
      '1:SpeakSentence:completed',
      '1:Gather:replaced',
      '2:SpeakSentence:completed',
      '2:Record:completed',
      '2:SpeakSentence:completed',
      '2:Hangup:call-ended',
    ]);
    expect(app.story(callId)).toEqual([
      'incomingcall@/voice',
      'answer@/voice',
      'dtmf@/voice',
      'gather@/menu',
      'dtmf@/voice',
      'recording@/voicemail',
      'hangup@/voice',
      'transcription@/transcription',
    ]);
    const recordingId = String(recording.result?.recordingId);
    const voicemail = await app.next({ eventType: 'recording' }, '/voicemail');
    expect(voicemail.event).toMatchObject({ recordingId, status: 'complete' });
    const file = await call('GET', `/media/${callId}-1.wav`);
    expect(file.headers.get('content-type')).toBe('audio/wav');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(8, 12)
        .toString('ascii'),
    ).toBe('WAVE');
    expect(transcription.event).toMatchObject({ recordingId, status: 'completed' });
    const transcriptions = await json<Array<{ id: string }>>(
      await call('GET', `/recordings/${recordingId}/transcriptions`),
    );
    expect(transcriptions.map((item) => item.id)).toEqual([transcription.event.transcriptionId]);
  });
});
