import { hangup, phoneNumber, record, response, speakSentence, transfer } from '@bw/bxml';
import { describe, expect, it } from 'vitest';
import type { BxmlVerbTraceEntry, TraceEntry } from '../src/index';
import { OWNED, useBxmlBench, verbSummary } from './bxml-kit';

const bench = useBxmlBench();
const SALES = '+14045550111';
const SUPPORT = '+14045550122';

/** Waits until the Transfer of `callId` has created `count` legs; their ids. */
async function legsOf(callId: string, count: number): Promise<string[]> {
  const entry = await bench.verbReached(
    callId,
    (candidate) =>
      candidate.verb === 'Transfer' &&
      Array.isArray(candidate.result?.legs) &&
      (candidate.result.legs as unknown[]).length === count,
  );
  return entry.result?.legs as string[];
}

/** Waits until `callId`'s trace has an entry of `type`; the whole trace. */
async function traceUntil(callId: string, type: string): Promise<TraceEntry[]> {
  let entries: TraceEntry[] = [];
  await expect
    .poll(async () => {
      entries = await bench.trace(callId);
      return entries.some((entry) => entry.type === type);
    })
    .toBe(true);
  return entries;
}

describe('BXML Transfer', () => {
  it('rings every number, bridges the first to answer after its prompt, then runs transferComplete’s BXML', async () => {
    const { app, emu, outbound, hungUp, verbs, getCall } = bench;
    app.route(
      '/answer',
      response(
        transfer(
          { requestUrl: '/transfer-done', tag: 'to-sales', callTimeout: 300 },
          phoneNumber(SALES),
          phoneNumber(SUPPORT),
          speakSentence('A caller from the IVR'),
        ),
        speakSentence('Never said: the transfer’s answer replaces this document'),
      ),
    );
    app.route('/transfer-done', response(speakSentence('Welcome back'), hangup()));
    const callId = await outbound('/answer');
    const [toSales, toSupport] = await legsOf(callId, 2);
    expect((await getCall(callId)).state).toBe('transferring');
    await emu.control.answerCall(String(toSupport));

    const legTrace = await traceUntil(String(toSupport), 'connected');
    const types = legTrace.map((entry) => entry.type);
    expect(legTrace.find((entry) => entry.type === 'speak')).toMatchObject({
      sentence: 'A caller from the IVR',
      source: 'bxml-transfer',
    });
    expect(types.indexOf('speak')).toBeLessThan(types.indexOf('connected'));
    expect(await getCall(String(toSales))).toMatchObject({ state: 'completed', to: SALES });
    expect((await getCall(callId)).state).toBe('active');

    await emu.control.hangupCall(String(toSupport));
    const completed = await app.next({ eventType: 'transferComplete' }, '/transfer-done');
    expect(completed.method).toBe('GET');
    expect(completed.event).toMatchObject({
      callId,
      from: OWNED,
      to: SUPPORT,
      callState: 'active',
      tag: 'to-sales',
    });
    await hungUp(callId);
    const executed = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'Transfer:replaced',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    expect(executed[0]?.result).toMatchObject({
      legs: [toSales, toSupport],
      answeredBy: toSupport,
      transferComplete: true,
    });
    expect(executed[1]?.text).toBe('Welcome back');
    // Legs send no callbacks of their own.
    expect(app.requests.filter((request) => request.event.callId === toSupport)).toEqual([]);
  });

  it('hangs the caller up when the callee hangs up and there is no requestUrl; a nested Record records the bridge', async () => {
    const { app, emu, outbound, hungUp, verbs, trace, call } = bench;
    app.route(
      '/answer',
      response(
        transfer(
          { transferTo: SALES, callTimeout: 300 },
          record({ requestUrl: app.at('/recorded') }),
        ),
        speakSentence('Never said'),
      ),
    );
    const callId = await outbound('/answer');
    const [leg] = await legsOf(callId, 1);
    await emu.control.answerCall(String(leg));
    await traceUntil(String(leg), 'connected');
    await emu.control.hangupCall(String(leg));
    await hungUp(callId);

    const reported = await app.next({ eventType: 'recording' }, '/recorded');
    expect(reported.event).toMatchObject({ callId, status: 'complete' });
    const media = await call('GET', `/media/${callId}-1.wav`);
    expect(media.status).toBe(200);
    await expect
      .poll(async () => verbSummary(await verbs(callId)))
      .toEqual(['Transfer:call-ended']);
    const [done] = await verbs(callId);
    expect(done?.result).toMatchObject({
      answeredBy: leg,
      recordingId: reported.event.recordingId,
    });
    const ends = (await trace(callId)).filter((entry) => entry.type === 'bxml-end');
    expect(ends).toEqual([expect.objectContaining({ reason: 'transfer-complete' })]);
  });

  it('runs the next verb when no leg answers', async () => {
    const { app, emu, outbound, hungUp, verbs, getCall } = bench;
    app.route(
      '/answer',
      response(
        transfer({ callTimeout: 300 }, phoneNumber(SALES), phoneNumber(SUPPORT)),
        speakSentence('Nobody is available'),
        hangup(),
      ),
    );
    const callId = await outbound('/answer');
    const [first, second] = await legsOf(callId, 2);
    await emu.control.rejectCall(String(first));
    await emu.control.busyCall(String(second));
    await hungUp(callId);
    const executed: BxmlVerbTraceEntry[] = await verbs(callId);
    expect(verbSummary(executed)).toEqual([
      'Transfer:completed',
      'SpeakSentence:completed',
      'Hangup:call-ended',
    ]);
    expect(executed[0]?.result).toMatchObject({ answeredBy: null });
    expect(await getCall(String(first))).toMatchObject({ state: 'rejected' });
  });

  it('hangs the callee up when the caller hangs up during the bridge', async () => {
    const { app, emu, outbound, hungUp, verbs, getCall } = bench;
    app.route(
      '/answer',
      response(transfer({ transferTo: SALES, requestUrl: app.at('/transfer-done') })),
    );
    const callId = await outbound('/answer');
    const [leg] = await legsOf(callId, 1);
    await emu.control.answerCall(String(leg));
    await traceUntil(String(leg), 'connected');
    await emu.control.hangupCall(callId);
    await hungUp(callId);
    await expect.poll(async () => (await getCall(String(leg))).state).toBe('completed');
    await expect
      .poll(async () => verbSummary(await verbs(callId)))
      .toEqual(['Transfer:call-ended']);
    expect(app.requests.filter((request) => request.path === '/transfer-done')).toEqual([]);
  });
});
