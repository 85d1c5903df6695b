import { describe, expect, it } from 'vitest';
import { expectError, idFrom, json, summary, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();

interface Bridge {
  id: string;
  state: string;
  bridgeAudio: boolean;
  callIds: string[];
  calls: string;
  createdTime: string;
  activatedTime?: string;
  completedTime?: string;
}

async function createBridge(body: Record<string, unknown>): Promise<string> {
  const response = await bench.call('POST', '/bridges', body);
  expect(response.status, await response.clone().text()).toBe(201);
  expect(response.headers.get('location')).toBe(
    `${bench.emu.url}${bench.base}/bridges/${idFrom(response)}`,
  );
  return idFrom(response);
}

const getBridge = async (bridgeId: string) =>
  json<Bridge>(await bench.call('GET', `/bridges/${bridgeId}`));

describe('bridges', () => {
  it('bridges two active calls: state active, calls show bridgeId, list of bridge calls', async () => {
    const { activeCall, call, emu, base } = bench;
    const a = await activeCall();
    const b = await activeCall();
    const bridgeId = await createBridge({ callIds: [a, b] });
    const bridge = await getBridge(bridgeId);
    expect(bridge).toMatchObject({
      id: bridgeId,
      state: 'active',
      bridgeAudio: true,
      callIds: [a, b],
      calls: `${emu.url}${base}/bridges/${bridgeId}/calls`,
    });
    expect(Date.parse(String(bridge.activatedTime))).not.toBeNaN();
    expect(await bench.getCall(a)).toMatchObject({
      bridgeId,
      bridge: `${emu.url}${base}/bridges/${bridgeId}`,
    });
    const calls = await json<Array<{ id: string }>>(
      await call('GET', `/bridges/${bridgeId}/calls`),
    );
    expect(calls.map((c) => c.id)).toEqual([a, b]);
    const filtered = await json<Array<{ id: string }>>(
      await call('GET', `/calls?bridgeId=${bridgeId}`),
    );
    expect(filtered.map((c) => c.id).sort()).toEqual([a, b].sort());
    const list = await json<Bridge[]>(await call('GET', '/bridges'));
    expect(list.map((item) => item.id)).toEqual([bridgeId]);
  });

  it('creates an empty bridge in state created; a call created with bridgeId joins it and activates it on answer', async () => {
    const { createCall, emu, waitEvent } = bench;
    const bridgeId = await createBridge({});
    expect(await getBridge(bridgeId)).toMatchObject({ state: 'created', callIds: [] });
    const callId = await createCall({ bridgeId });
    expect(await getBridge(bridgeId)).toMatchObject({ state: 'created', callIds: [callId] });
    await emu.control.answerCall(callId);
    await waitEvent({ callId, eventType: 'answer' });
    expect((await getBridge(bridgeId)).state).toBe('active');
    await createCall({ bridgeId });
    await expectError(
      await bench.call('POST', '/calls', { from: '+19195551212', to: '+14045550100', bridgeId }),
      403,
      'bridge-callIds-overflow',
    );
  });

  it('answers 403 bridge-callIds-overflow for three calls and 400 bridge-bridged-callId for a bridged call', async () => {
    const { activeCall, call } = bench;
    const [a, b, c] = [await activeCall(), await activeCall(), await activeCall()];
    await expectError(
      await call('POST', '/bridges', { callIds: [a, b, c] }),
      403,
      'bridge-callIds-overflow',
      'forbidden',
    );
    await createBridge({ callIds: [a, b] });
    await expectError(
      await call('POST', '/bridges', { callIds: [a, c] }),
      400,
      'bridge-bridged-callId',
      'bad-request',
    );
    await expectError(
      await call('POST', '/bridges', { callIds: ['c-nope'] }),
      404,
      'call-not-found',
    );
  });

  it('updates: callIds replaces the set, bridgeAudio false holds, [] completes the bridge', async () => {
    const { activeCall, call } = bench;
    const [a, b, c] = [await activeCall(), await activeCall(), await activeCall()];
    const bridgeId = await createBridge({ callIds: [a, b] });
    expect((await call('POST', `/bridges/${bridgeId}`, { callIds: [a, c] })).status).toBe(200);
    expect((await getBridge(bridgeId)).callIds).toEqual([a, c]);
    expect(await bench.getCall(b)).not.toHaveProperty('bridgeId');
    expect((await bench.getCall(c)).bridgeId).toBe(bridgeId);
    await call('POST', `/bridges/${bridgeId}`, { bridgeAudio: false });
    expect(await getBridge(bridgeId)).toMatchObject({ state: 'hold', bridgeAudio: false });
    await call('POST', `/bridges/${bridgeId}`, { bridgeAudio: true });
    expect((await getBridge(bridgeId)).state).toBe('active');
    await call('POST', `/bridges/${bridgeId}`, { callIds: [] });
    const completed = await getBridge(bridgeId);
    expect(completed).toMatchObject({ state: 'completed', callIds: [] });
    expect(Date.parse(String(completed.completedTime))).not.toBeNaN();
    await expectError(
      await call('POST', `/bridges/${bridgeId}`, { callIds: [a] }),
      400,
      'bridge-invalid-state',
    );
    // Calls of a completed bridge are free to join another.
    await createBridge({ callIds: [a, b] });
  });

  it('completes once every call in it has hung up', async () => {
    const { activeCall, emu, waitEvent } = bench;
    const a = await activeCall();
    const b = await activeCall();
    const bridgeId = await createBridge({ callIds: [a, b] });
    await emu.control.hangupCall(a);
    await waitEvent({ callId: a, eventType: 'hangup' });
    expect((await getBridge(bridgeId)).state).toBe('active');
    await emu.control.hangupCall(b);
    await waitEvent({ callId: b, eventType: 'hangup' });
    expect((await getBridge(bridgeId)).state).toBe('completed');
  });

  it('plays audio to every active call of the bridge; 400 bridge-invalid-operation without active calls', async () => {
    const { activeCall, createCall, call, waitEvent, eventsOf } = bench;
    const a = await activeCall();
    const b = await activeCall();
    const bridgeId = await createBridge({ callIds: [a, b] });
    expect(
      (await call('POST', `/bridges/${bridgeId}/audio`, { sentence: 'You are connected' })).status,
    ).toBe(200);
    await waitEvent({ callId: a, eventType: 'speak', status: 'done' });
    await waitEvent({ callId: b, eventType: 'speak', status: 'done' });
    expect(summary(eventsOf(a))).toEqual(['answer', 'speak:started', 'speak:done']);
    await call('POST', `/bridges/${bridgeId}/audio`, {
      fileUrl: 'https://example.com/m.wav',
      loopEnabled: true,
    });
    await waitEvent({ callId: b, eventType: 'playback', status: 'started' });
    await call('POST', `/bridges/${bridgeId}/audio`, { fileUrl: '' });
    await waitEvent({ callId: b, eventType: 'playback', status: 'done' });
    const ringing = await createCall();
    const idle = await createBridge({ callIds: [ringing] });
    await expectError(
      await call('POST', `/bridges/${idle}/audio`, { sentence: 'nobody hears this' }),
      400,
      'bridge-invalid-operation',
    );
    await expectError(await call('GET', '/bridges/brg-nope'), 404, 'bridge-not-found');
  });

  it('rejects a call that has ended (400 bridge-invalid-state)', async () => {
    const { activeCall, emu, waitEvent, call } = bench;
    const a = await activeCall();
    await emu.control.hangupCall(a);
    await waitEvent({ callId: a, eventType: 'hangup' });
    await expectError(
      await call('POST', '/bridges', { callIds: [a] }),
      400,
      'bridge-invalid-state',
    );
  });
});
