import { describe, expect, it } from 'vitest';
import { expectError, idFrom, OWNED_2, summary, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();
const TARGET = '+14045550177';

async function transfer(callId: string, body: Record<string, unknown>): Promise<string> {
  const response = await bench.call('POST', `/calls/${callId}`, {
    state: 'transferring',
    transferTo: TARGET,
    callbackUrl: bench.cb('/leg'),
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  expect(response.headers.get('location')).toBe(
    `${bench.emu.url}${bench.base}/calls/${idFrom(response)}`,
  );
  return idFrom(response);
}

describe('transfers', () => {
  it('creates a new leg (201 + its Location); once it answers, whisper plays to it and both are connected', async () => {
    const { activeCall, emu, waitEvent, getCall, eventsOf, rx } = bench;
    const callId = await activeCall();
    const legId = await transfer(callId, {
      transferCallerId: OWNED_2,
      whisperAudio: { sentence: 'Call from the website' },
    });
    expect((await getCall(callId)).state).toBe('transferring');
    expect(await getCall(legId)).toMatchObject({
      direction: 'out',
      from: OWNED_2,
      to: TARGET,
      state: 'started',
      callbackUrl: bench.cb('/leg'),
    });
    await emu.control.answerCall(legId);
    await waitEvent({ callId: legId, eventType: 'speak', status: 'done' });
    await expect.poll(async () => (await getCall(callId)).state).toBe('active');
    expect(
      rx.received.filter((r) => r.event.callId === legId).every((r) => r.path === '/leg'),
    ).toBe(true);
    expect(summary(eventsOf(legId))).toEqual(['answer', 'speak:started', 'speak:done']);
    // The leg hangs up: the original call is hung up too.
    await emu.control.hangupCall(legId);
    expect((await waitEvent({ callId, eventType: 'hangup' })).cause).toBe('NORMAL_CLEARING');
    const trace = await emu.control.trace(callId);
    expect(trace.map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['transfer', 'connected', 'disconnected']),
    );
  });

  it('keeps the original call when the new leg is rejected', async () => {
    const { activeCall, emu, waitEvent, getCall } = bench;
    const callId = await activeCall();
    const legId = await transfer(callId, {});
    await emu.control.rejectCall(legId);
    await waitEvent({ callId: legId, eventType: 'hangup' });
    await expect.poll(async () => (await getCall(callId)).state).toBe('active');
  });

  it('cancels the ringing leg when the original caller hangs up', async () => {
    const { activeCall, emu, waitEvent } = bench;
    const callId = await activeCall();
    const legId = await transfer(callId, {});
    await emu.control.hangupCall(callId);
    expect((await waitEvent({ callId: legId, eventType: 'hangup' })).cause).toBe(
      'ORIGINATOR_CANCEL',
    );
  });

  it('checks the request: transferTo required, caller id private or owned, call must be active', async () => {
    const { activeCall, createCall, call } = bench;
    const callId = await activeCall();
    const missing = await expectError(
      await call('POST', `/calls/${callId}`, { state: 'transferring' }),
      400,
      'missing-property',
    );
    expect(missing.message).toBe(
      "The 'call' resource property 'transferTo' is required but was not specified",
    );
    await expectError(
      await call('POST', `/calls/${callId}`, {
        state: 'transferring',
        transferTo: TARGET,
        transferCallerId: '+14045550100',
      }),
      400,
      'validation-error',
    );
    await expectError(
      await call('POST', `/calls/${callId}`, {
        state: 'transferring',
        transferTo: TARGET,
        diversionReason: 'away',
      }),
      400,
      'validation-error',
    );
    expect((await bench.getCall(callId)).state).toBe('active');
    await transfer(callId, {
      transferCallerId: 'private',
      diversionTreatment: 'stack',
      diversionReason: 'away',
    });
    const ringing = await createCall();
    await expectError(
      await call('POST', `/calls/${ringing}`, { state: 'transferring', transferTo: TARGET }),
      403,
      'call-invalid-state',
    );
  });
});
