import { describe, expect, test } from 'vitest';
import { FAR_END, OWNED, useVoiceFixture } from './fixture';

// Real time (speed 1): the client, the emulator and the app all share this process, so 200
// parallel flows queue 2,600 HTTP exchanges behind each other; on a busy machine one step of a
// flow can wait several seconds, and only real-time timers (a 30 s inter-digit timeout, a
// 300 s ring timeout) are sure to outlast that. Speech still takes only a second.
const fx = useVoiceFixture({ speed: 1 });
const CALLS = 200;
const EXPECTED = [
  'answer',
  'speak:started',
  'speak:done',
  'dtmf:4',
  'dtmf:2',
  'gather:max-digits',
  'hangup:NORMAL_CLEARING',
];

describe('200 concurrent calls', () => {
  test('answer → speak → gather → hangup: every event arrives exactly once and in order per call', async () => {
    const { client, emulator, sink, callbackUrl } = fx;
    const started = performance.now();

    const runOne = async (index: number): Promise<string> => {
      const callId = await client.createCall({
        from: OWNED,
        to: FAR_END,
        callbackUrl: callbackUrl(`/calls/${index}`),
        tag: `call-${index}`,
        callTimeout: 300,
      });
      await emulator.control.answerCall(callId);
      await sink.next({ callId, eventType: 'answer' }, 30_000);
      await client.speakSentenceToCall(callId, 'Enter two digits');
      await sink.next({ callId, eventType: 'speak', status: 'done' }, 30_000);
      await client.createCallGather(callId, { maxDigits: 2, interDigitTimeout: 30 });
      await emulator.control.sendDtmf(callId, '42');
      await sink.next({ callId, eventType: 'gather' }, 30_000);
      await client.hangupCall(callId);
      await sink.next({ callId, eventType: 'hangup' }, 30_000);
      return callId;
    };
    const callIds = await Promise.all(Array.from({ length: CALLS }, (_, index) => runOne(index)));
    const elapsedMs = performance.now() - started;

    expect(new Set(callIds).size).toBe(CALLS);
    for (const [index, callId] of callIds.entries()) {
      const events = sink.deliveries.filter((delivery) => delivery.event.callId === callId);
      expect(events.every((delivery) => delivery.path === `/calls/${index}`)).toBe(true);
      const sequence = events.map(({ event }) => {
        const detail = event.status ?? event.dtmfDigit ?? event.reason ?? event.cause;
        return detail === undefined ? String(event.eventType) : `${event.eventType}:${detail}`;
      });
      expect(sequence, callId).toEqual(EXPECTED);
      expect(events.every(({ event }) => event.tag === `call-${index}`)).toBe(true);
    }
    expect(sink.deliveries).toHaveLength(CALLS * EXPECTED.length);
    const records = await emulator.control.callbacks();
    expect(records.filter((record) => record.error !== undefined)).toEqual([]);

    console.info(
      `200 concurrent calls (answer → speak → gather → hangup, ${CALLS * EXPECTED.length} events): ${Math.round(elapsedMs)} ms`,
    );
  }, 120_000);
});
