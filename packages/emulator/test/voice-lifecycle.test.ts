import { describe, expect, it } from 'vitest';
import { expectError, json, OWNED, STRANGER, summary, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();

describe('outbound calls: the far end', () => {
  it('answers from the control API: active, answer event with tag, then hangup with NORMAL_CLEARING', async () => {
    const { createCall, emu, waitEvent, getCall, call, eventsOf, base } = bench;
    const callId = await createCall({ tag: 'vip' });
    expect(await emu.control.answerCall(callId)).toEqual({ callId, state: 'active' });
    const answer = await waitEvent({ callId, eventType: 'answer' });
    expect(answer).toMatchObject({
      from: OWNED,
      to: STRANGER,
      callState: 'active',
      tag: 'vip',
      callUri: `${emu.url}${base}/calls/${callId}`,
    });
    expect(Date.parse(String(answer.time))).not.toBeNaN();
    expect((await getCall(callId)).state).toBe('active');
    expect((await call('POST', `/calls/${callId}`, { state: 'completed' })).status).toBe(200);
    const hangup = await waitEvent({ callId, eventType: 'hangup' });
    expect(hangup).toMatchObject({ cause: 'NORMAL_CLEARING', callState: 'completed', tag: 'vip' });
    const shown = await getCall(callId);
    expect(shown).toMatchObject({ state: 'completed', chargeableDuration: 60 });
    expect(Date.parse(String(shown.endTime))).toBeGreaterThanOrEqual(
      Date.parse(String(shown.activeTime)),
    );
    expect(summary(eventsOf(callId))).toEqual(['answer', 'hangup:NORMAL_CLEARING']);
  });

  it('bills an answered outbound call per started minute (call-out)', async () => {
    const { activeCall, emu, call, waitEvent } = bench;
    const callId = await activeCall();
    await emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'hangup' });
    const transactions = await json<Array<Record<string, unknown>>>(
      await call('GET', '/account/transactions'),
    );
    expect(transactions.find((t) => t.resourceId === callId)).toMatchObject({
      productType: 'call-out',
      units: '1',
      number: OWNED,
    });
  });

  it('rejects: state rejected and a hangup event with CALL_REJECTED', async () => {
    const { createCall, emu, waitEvent, getCall } = bench;
    const callId = await createCall();
    expect(await emu.control.rejectCall(callId)).toEqual({ callId, state: 'rejected' });
    expect(await waitEvent({ callId, eventType: 'hangup' })).toMatchObject({
      cause: 'CALL_REJECTED',
      callState: 'completed',
    });
    const shown = await getCall(callId);
    expect(shown.state).toBe('rejected');
    expect(shown).not.toHaveProperty('activeTime');
    expect(shown.chargeableDuration).toBe(0);
  });

  it('is busy: hangup with USER_BUSY', async () => {
    const { createCall, emu, waitEvent, getCall } = bench;
    const callId = await createCall();
    await emu.control.busyCall(callId);
    expect((await waitEvent({ callId, eventType: 'hangup' })).cause).toBe('USER_BUSY');
    expect((await getCall(callId)).state).toBe('completed');
  });

  it.each([
    ['UNALLOCATED_NUMBER', undefined],
    ['NORMAL_TEMPORARY_FAILURE', 'NORMAL_TEMPORARY_FAILURE'],
  ] as const)(
    'fails in the network: hangup with %s, never active, nothing billed',
    async (expected, cause) => {
      const { createCall, emu, waitEvent, getCall, eventsOf } = bench;
      const callId = await createCall();
      expect(await emu.control.failCall(callId, cause)).toEqual({ callId, state: 'completed' });
      expect(await waitEvent({ callId, eventType: 'hangup' })).toMatchObject({
        cause: expected,
        callState: 'completed',
      });
      const shown = await getCall(callId);
      expect(shown).toMatchObject({ state: 'completed', chargeableDuration: 0 });
      expect(shown).not.toHaveProperty('activeTime');
      expect(summary(eventsOf(callId))).toEqual([`hangup:${expected}`]);
    },
  );

  it('refuses to fail an answered call or with an unknown cause', async () => {
    const { createCall, activeCall, emu } = bench;
    await expect(emu.control.failCall(await activeCall())).rejects.toMatchObject({
      status: 403,
      code: 'call-invalid-state',
    });
    const ringingCall = await createCall();
    const response = await fetch(`${emu.url}/_emulator/calls/${ringingCall}/fail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cause: 'USER_BUSY' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      category: 'bad-request',
      code: 'validation-error',
      message: 'cause must be "UNALLOCATED_NUMBER" or "NORMAL_TEMPORARY_FAILURE"',
    });
  });

  it('hangs up on its own side: hangup with NORMAL_CLEARING, and the call cannot be changed any more', async () => {
    const { activeCall, emu, waitEvent, call } = bench;
    const callId = await activeCall();
    await emu.control.hangupCall(callId);
    expect((await waitEvent({ callId, eventType: 'hangup' })).cause).toBe('NORMAL_CLEARING');
    const body = await expectError(
      await call('POST', `/calls/${callId}`, { state: 'completed' }),
      403,
      'call-invalid-state',
      'forbidden',
    );
    expect(body.message).toBe("You can't update the call's state after being set to completed");
    await expect(emu.control.hangupCall(callId)).rejects.toMatchObject({
      status: 403,
      code: 'call-invalid-state',
    });
  });

  it('refuses far-end actions that do not fit: answering twice, rejecting an answered call, unknown calls', async () => {
    const { activeCall, emu } = bench;
    const callId = await activeCall();
    await expect(emu.control.answerCall(callId)).rejects.toMatchObject({ status: 403 });
    await expect(emu.control.rejectCall(callId)).rejects.toMatchObject({ status: 403 });
    await expect(emu.control.busyCall(callId)).rejects.toMatchObject({ status: 403 });
    await expect(emu.control.answerCall('c-nope')).rejects.toMatchObject({
      status: 404,
      code: 'call-not-found',
    });
  });

  it('rings until callTimeout when nobody answers: timeout event, then hangup with NO_ANSWER', async () => {
    const { createCall, waitEvent, eventsOf, getCall } = bench;
    const callId = await createCall({ callTimeout: 2 });
    const timeout = await waitEvent({ callId, eventType: 'timeout' });
    expect(timeout).toMatchObject({ from: OWNED, to: STRANGER });
    await waitEvent({ callId, eventType: 'hangup' });
    expect(summary(eventsOf(callId))).toEqual(['timeout', 'hangup:NO_ANSWER']);
    expect((await getCall(callId)).state).toBe('completed');
  });

  it('cancels a ringing call from the API: hangup with ORIGINATOR_CANCEL', async () => {
    const { createCall, call, waitEvent } = bench;
    const callId = await createCall();
    expect((await call('POST', `/calls/${callId}`, { state: 'completed' })).status).toBe(200);
    expect((await waitEvent({ callId, eventType: 'hangup' })).cause).toBe('ORIGINATOR_CANCEL');
  });

  it('answers by itself under an auto-answer policy set at run time; a reset restores "never"', async () => {
    const { createCall, emu, waitEvent, getCall, eventsOf } = bench;
    await emu.control.setAutoAnswer({ afterMs: 500 });
    const callId = await createCall();
    await waitEvent({ callId, eventType: 'answer' });
    expect((await getCall(callId)).state).toBe('active');
    await emu.control.reset();
    const later = await createCall({ callTimeout: 1 });
    await waitEvent({ callId: later, eventType: 'timeout' });
    expect(summary(eventsOf(later))).not.toContain('answer');
    await expect(emu.control.setAutoAnswer({ afterMs: -1 })).rejects.toMatchObject({
      status: 400,
    });
  });

  it('refuses answer and reject through the REST API for outbound calls (403 call-invalid-state)', async () => {
    const { createCall, call } = bench;
    const callId = await createCall();
    await expectError(
      await call('POST', `/calls/${callId}`, { state: 'active' }),
      403,
      'call-invalid-state',
    );
    await expectError(
      await call('POST', `/calls/${callId}`, { state: 'rejected' }),
      403,
      'call-invalid-state',
    );
    await expectError(
      await call('POST', `/calls/${callId}`, { state: 'transferring', transferTo: STRANGER }),
      403,
      'call-invalid-state',
    );
    await expectError(
      await call('POST', `/calls/${callId}`, { state: 'ringing' }),
      400,
      'validation-error',
    );
  });
});

describe('calls: event delivery', () => {
  it('sends GET callbacks with the fields as query parameters when callbackHttpMethod is GET', async () => {
    const { createCall, emu, rx, waitEvent } = bench;
    const callId = await createCall({
      callbackHttpMethod: 'GET',
      callbackUrl: bench.cb('/bxml'),
      tag: 't',
    });
    await emu.control.answerCall(callId);
    await emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'hangup' });
    const mine = rx.received.filter((item) => item.event.callId === callId);
    expect(mine.map((item) => [item.method, item.path])).toEqual([
      ['GET', '/bxml'],
      ['GET', '/bxml'],
    ]);
    expect(mine[0]?.event).toMatchObject({ eventType: 'answer', callState: 'active', tag: 't' });
    expect(mine[1]?.event).toMatchObject({
      eventType: 'hangup',
      callState: 'completed',
      cause: 'NORMAL_CLEARING',
    });
  });

  it('delivers one call’s events in order even when the receiver answers slowly', async () => {
    const { activeCall, emu, rx, waitEvent, eventsOf, cb } = bench;
    rx.delay('/slow', 30);
    const callId = await activeCall({ callbackUrl: cb('/slow') });
    await emu.control.sendDtmf(callId, '123456');
    await emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'hangup' });
    expect(summary(eventsOf(callId))).toEqual([
      'answer',
      'dtmf:1',
      'dtmf:2',
      'dtmf:3',
      'dtmf:4',
      'dtmf:5',
      'dtmf:6',
      'hangup:NORMAL_CLEARING',
    ]);
  });

  it('tries the fallbackUrl once when the callback fails, and logs an error when both fail', async () => {
    const { createCall, emu, rx, call, cb } = bench;
    rx.respond('/down', 503);
    const callId = await createCall({ callbackUrl: cb('/down'), fallbackUrl: cb('/fallback') });
    await emu.control.answerCall(callId);
    await expect
      .poll(() =>
        rx.received
          .filter((item) => item.event.callId === callId && item.event.eventType === 'answer')
          .map((item) => item.path),
      )
      .toEqual(['/down', '/fallback']);
    rx.respond('/fallback', 500);
    await emu.control.hangupCall(callId);
    await expect
      .poll(async () => {
        const errors = await json<Array<Record<string, unknown>>>(await call('GET', '/errors'));
        return errors.some((error) =>
          String(error.message).includes(`hangup event of call ${callId}`),
        );
      })
      .toBe(true);
  });
});

describe('inbound calls', () => {
  async function application(autoAnswer: boolean, method = 'POST'): Promise<string> {
    const { call, cb } = bench;
    const created = await call('POST', '/applications', {
      name: 'voice',
      incomingCallUrl: cb('/incoming'),
      autoAnswer,
      callbackHttpMethod: method,
    });
    const applicationId = String(created.headers.get('location')?.split('/').pop());
    const numbers = await json<Array<{ id: string; number: string }>>(
      await call('GET', '/phoneNumbers'),
    );
    const number = numbers.find((n) => n.number === OWNED);
    await call('POST', `/phoneNumbers/${number?.id}`, { applicationId });
    return applicationId;
  }

  it('sends incomingcall then answer to the application when it auto-answers', async () => {
    const { emu, waitEvent, eventsOf, getCall } = bench;
    const applicationId = await application(true);
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    await waitEvent({ callId, eventType: 'answer' });
    const [incoming, answer] = eventsOf(callId);
    expect(incoming).toMatchObject({
      eventType: 'incomingcall',
      from: STRANGER,
      to: OWNED,
      callState: 'active',
      applicationId,
    });
    expect(incoming).not.toHaveProperty('tag');
    expect(answer).toMatchObject({ eventType: 'answer', from: STRANGER, to: OWNED });
    expect(await getCall(callId)).toMatchObject({
      direction: 'in',
      state: 'active',
      callbackUrl: bench.cb('/incoming'),
    });
  });

  it('waits for the app when autoAnswer is off: REST answer, or reject (CALL_REJECTED)', async () => {
    const { emu, waitEvent, call, getCall, eventsOf } = bench;
    await application(false);
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    await waitEvent({ callId, eventType: 'incomingcall' });
    expect((await getCall(callId)).state).toBe('started');
    expect((await call('POST', `/calls/${callId}`, { state: 'active' })).status).toBe(200);
    await waitEvent({ callId, eventType: 'answer' });
    expect((await getCall(callId)).state).toBe('active');
    const second = (await emu.control.inboundCall({ from: STRANGER, to: OWNED })).callId;
    expect((await call('POST', `/calls/${second}`, { state: 'rejected' })).status).toBe(200);
    expect((await waitEvent({ callId: second, eventType: 'hangup' })).cause).toBe('CALL_REJECTED');
    expect((await getCall(second)).state).toBe('rejected');
    expect(summary(eventsOf(second))).toEqual(['incomingcall', 'hangup:CALL_REJECTED']);
  });

  it('ends with ORIGINATOR_CANCEL when the caller hangs up while it rings', async () => {
    const { emu, waitEvent } = bench;
    await application(false);
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    await emu.control.hangupCall(callId);
    expect((await waitEvent({ callId, eventType: 'hangup' })).cause).toBe('ORIGINATOR_CANCEL');
  });

  it('uses the application’s GET method for a BXML app', async () => {
    const { emu, rx } = bench;
    await application(true, 'GET');
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    const answer = await rx.next({ callId, eventType: 'answer' });
    expect(answer.method).toBe('GET');
    expect(answer.event).toMatchObject({ callState: 'active', from: STRANGER });
  });

  it('forwards the call to the number’s fallbackNumber when the app cannot be reached', async () => {
    const { emu, call, rx } = bench;
    rx.respond('/incoming', 503);
    await application(true);
    const numbers = await json<Array<{ id: string; number: string }>>(
      await call('GET', '/phoneNumbers'),
    );
    const owned = numbers.find((n) => n.number === OWNED);
    await call('POST', `/phoneNumbers/${owned?.id}`, { fallbackNumber: '+14045550155' });
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    const legOf = async () =>
      (await json<Array<{ id: string; to: string }>>(await call('GET', '/calls'))).find(
        (c) => c.to === '+14045550155',
      );
    await expect.poll(legOf).toMatchObject({ to: '+14045550155' });
    const leg = await legOf();
    expect(await bench.getCall(String(leg?.id))).toMatchObject({
      direction: 'out',
      from: STRANGER,
      state: 'started',
    });
    expect((await bench.getCall(callId)).state).toBe('transferring');
    expect((await emu.control.trace(callId)).map((e) => e.type)).toContain('fallback-number');
  });

  it('rejects a call to a number without application and logs no-application-for-number', async () => {
    const { emu, call, getCall } = bench;
    const { callId } = await emu.control.inboundCall({ from: STRANGER, to: OWNED });
    expect((await getCall(callId)).state).toBe('rejected');
    const errors = await json<Array<Record<string, unknown>>>(await call('GET', '/errors'));
    expect(errors.map((error) => error.code)).toContain('no-application-for-number');
  });

  it('refuses inbound calls to numbers nobody owns and malformed numbers', async () => {
    const { emu } = bench;
    await expect(
      emu.control.inboundCall({ from: STRANGER, to: '+14045550199' }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'number-not-found',
    });
    await expect(emu.control.inboundCall({ from: 'x', to: OWNED })).rejects.toMatchObject({
      status: 400,
    });
  });
});
