import { describe, expect, test } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitError } from '../../src/index';
import { all, FAR_END, OWNED, OWNED_2, useVoiceFixture } from './fixture';

const fx = useVoiceFixture();

describe('calls through the emulator', () => {
  test('createCall returns the id of a call the emulator now has; getCall shows what was sent', async () => {
    const callId = await fx.client.createCall({
      from: OWNED,
      to: FAR_END,
      callbackUrl: fx.callbackUrl(),
      callTimeout: 45,
      tag: 'order-7',
      recordingFileFormat: 'mp3',
      sipHeaders: { 'X-Order': '7' },
    });
    expect(callId).toMatch(/^c-/);
    const { calls } = await fx.voiceState();
    expect(calls.map((call) => call.id)).toEqual([callId]);
    expect(await fx.client.getCall(callId)).toMatchObject({
      id: callId,
      direction: 'out',
      from: OWNED,
      to: FAR_END,
      state: 'started',
      callTimeout: 45,
      tag: 'order-7',
      recordingFileFormat: 'mp3',
      sipHeaders: { 'X-Order': '7' },
    });
    await expect(fx.client.getCall('c-missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(fx.client.createCall({ from: FAR_END, to: OWNED })).rejects.toMatchObject({
      status: 401,
      code: 'number-access-denied',
    });
  });

  test('createCall surfaces the call rate limit as a RateLimitError once retries give up', async () => {
    await fx.emulator.control.setRateLimits({
      calls: { perAccount: { limit: 1, windowMs: 60_000 } },
    });
    await fx.client.createCall({ from: OWNED, to: FAR_END });
    const failure = fx.client.createCall({ from: OWNED, to: FAR_END }, { retry: false });
    await expect(failure).rejects.toBeInstanceOf(RateLimitError);
    await expect(failure).rejects.toMatchObject({ status: 403, code: 'call-rate-limit' });
    expect((await fx.voiceState()).calls).toHaveLength(1);
  });

  test('listCalls follows every page, newest first, and applies filters', async () => {
    const created: string[] = [];
    for (let index = 0; index < 5; index++) {
      created.push(await fx.client.createCall({ from: index % 2 ? OWNED_2 : OWNED, to: FAR_END }));
    }
    const listed = await all(fx.client.listCalls({ size: 2 }));
    expect(listed.map((call) => call.id)).toEqual([...created].reverse());
    const ascending = await fx.client.listCalls({ sortOrder: 'asc', size: 3 }).toArray();
    expect(ascending.map((call) => call.id)).toEqual(created);
    const fromSecond = await fx.client.listCalls({ from: OWNED_2 }).toArray();
    expect(fromSecond.map((call) => call.id)).toEqual([created[3], created[1]]);
  });

  test('answerCall answers an inbound call the app did not auto-answer; rejectCall rejects one', async () => {
    const { client, emulator, waitFor } = fx;
    const applicationUrl = fx.callbackUrl('/app');
    await useApplication(applicationUrl, false);
    const { callId } = await emulator.control.inboundCall({ from: FAR_END, to: OWNED });
    await waitFor({ callId, eventType: 'incomingcall' });
    await client.answerCall(callId);
    await waitFor({ callId, eventType: 'answer' });
    expect((await client.getCall(callId)).state).toBe('active');
    const second = (await emulator.control.inboundCall({ from: FAR_END, to: OWNED })).callId;
    await client.rejectCall(second);
    expect(await waitFor({ callId: second, eventType: 'hangup' })).toMatchObject({
      cause: 'CALL_REJECTED',
    });
    expect((await client.getCall(second)).state).toBe('rejected');
    await expect(client.answerCall(second)).rejects.toMatchObject({
      status: 403,
      code: 'call-invalid-state',
    });
  });

  test('hangupCall ends an active call: hangup event, state completed, and no further changes', async () => {
    const callId = await fx.activeCall();
    await fx.client.hangupCall(callId);
    expect((await fx.waitFor({ callId, eventType: 'hangup' })).cause).toBe('NORMAL_CLEARING');
    expect((await fx.client.getCall(callId)).state).toBe('completed');
    await expect(fx.client.hangupCall(callId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test('a call the network cannot complete ends with the cause it reported', async () => {
    const callId = await fx.client.createCall({
      from: OWNED,
      to: FAR_END,
      callbackUrl: fx.callbackUrl(),
    });
    await fx.emulator.control.failCall(callId, 'UNALLOCATED_NUMBER');
    const hangup = await fx.waitFor({ callId, eventType: 'hangup' });
    expect(hangup).toMatchObject({ eventType: 'hangup', cause: 'UNALLOCATED_NUMBER' });
    expect(await fx.client.getCall(callId)).toMatchObject({ state: 'completed' });
  });

  test('updateCall changes recording settings and state; a transfer resolves the new leg id', async () => {
    const callId = await fx.activeCall();
    await expect(
      fx.client.updateCall(callId, { recordingMaxDuration: 120 }),
    ).resolves.toBeUndefined();
    expect(await fx.client.getCall(callId)).toMatchObject({ recordingMaxDuration: 120 });
    const legId = await fx.client.updateCall(callId, {
      state: 'transferring',
      transferTo: '+14045550177',
      callbackUrl: fx.callbackUrl('/leg'),
    });
    expect(legId).toMatch(/^c-/);
    expect(legId).not.toBe(callId);
    expect(await fx.client.getCall(legId as string)).toMatchObject({
      to: '+14045550177',
      state: 'started',
    });
    await expect(fx.client.updateCall(callId, { state: 'active' })).rejects.toMatchObject({
      code: 'call-invalid-state',
    });
  });

  test('transferCall returns the new leg, which connects to the call once answered', async () => {
    const callId = await fx.activeCall();
    const legId = await fx.client.transferCall(callId, {
      transferTo: '+14045550178',
      transferCallerId: OWNED_2,
      whisperAudio: { sentence: 'Transferred call' },
      callbackUrl: fx.callbackUrl('/leg'),
    });
    expect(legId).toMatch(/^c-/);
    expect((await fx.client.getCall(callId)).state).toBe('transferring');
    await fx.emulator.control.answerCall(legId as string);
    await fx.waitFor({ callId: legId, eventType: 'speak', status: 'done' });
    await expect.poll(async () => (await fx.client.getCall(callId)).state).toBe('active');
    expect((await fx.client.getCall(legId as string)).from).toBe(OWNED_2);
  });

  test('enableCallRecording starts a recording that disableCallRecording completes', async () => {
    const callId = await fx.activeCall();
    await fx.client.enableCallRecording(callId);
    expect((await fx.voiceState()).recordings).toMatchObject([{ callId, state: 'recording' }]);
    await fx.client.disableCallRecording(callId);
    const event = await fx.waitFor({ callId, eventType: 'recording' });
    expect(event.state).toBe('complete');
    expect((await fx.client.getCall(callId)).recordingEnabled).toBe(false);
  });

  test('toggleCallRecording flips the recording and resolves the new value', async () => {
    const callId = await fx.activeCall();
    await expect(fx.client.toggleCallRecording(callId)).resolves.toBe(true);
    expect((await fx.client.getCall(callId)).recordingEnabled).toBe(true);
    await expect(fx.client.toggleCallRecording(callId)).resolves.toBe(false);
    await fx.waitFor({ callId, eventType: 'recording' });
    expect((await fx.voiceState()).recordings).toMatchObject([{ callId, state: 'complete' }]);
  });

  test('setCallMaxRecordingDuration sets the limit, and is refused (409) while recording', async () => {
    const callId = await fx.activeCall();
    await fx.client.setCallMaxRecordingDuration(callId, 90);
    expect(await fx.client.getCall(callId)).toMatchObject({ recordingMaxDuration: 90 });
    await fx.client.enableCallRecording(callId);
    const refused = fx.client.setCallMaxRecordingDuration(callId, 30);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ code: 'conflicted-recording-values-request' });
  });
});

/** Points the owned number at an application with the given call URL. */
async function useApplication(incomingCallUrl: string, autoAnswer: boolean): Promise<void> {
  const { emulator } = fx;
  const auth = `Basic ${Buffer.from(`${emulator.credentials.apiToken}:${emulator.credentials.apiSecret}`).toString('base64')}`;
  const base = `${emulator.url}/v1/users/${emulator.credentials.userId}`;
  const send = (method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const created = await send('POST', '/applications', {
    name: 'voice app',
    incomingCallUrl,
    autoAnswer,
  });
  const applicationId = created.headers.get('location')?.split('/').pop();
  const numbers = (await (await send('GET', '/phoneNumbers')).json()) as Array<{
    id: string;
    number: string;
  }>;
  const owned = numbers.find((number) => number.number === OWNED);
  await send('POST', `/phoneNumbers/${owned?.id}`, { applicationId });
}
