import { describe, expect, it } from 'vitest';
import { expectError, idFrom, json, summary, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();

async function gather(callId: string, body: Record<string, unknown>): Promise<string> {
  const response = await bench.call('POST', `/calls/${callId}/gather`, body);
  expect(response.status, await response.clone().text()).toBe(201);
  expect(response.headers.get('location')).toBe(
    `${bench.emu.url}${bench.base}/calls/${callId}/gather/${idFrom(response)}`,
  );
  return idFrom(response);
}

describe('gathers', () => {
  it('completes on maxDigits: gather event, and the resource shows digits and reason', async () => {
    const { activeCall, emu, waitEvent, call, base } = bench;
    const callId = await activeCall();
    const gatherId = await gather(callId, { maxDigits: 3, interDigitTimeout: 30, tag: 'menu' });
    const started = await json(await call('GET', `/calls/${callId}/gather/${gatherId}`));
    expect(started).toMatchObject({ id: gatherId, state: 'started', digits: '' });
    await emu.control.sendDtmf(callId, '1234');
    const event = await waitEvent({ callId, eventType: 'gather' });
    expect(event).toMatchObject({
      state: 'completed',
      reason: 'max-digits',
      digits: '123',
      gatherId,
      tag: 'menu',
    });
    const completed = await json(await call('GET', `/calls/${callId}/gather/${gatherId}`));
    expect(completed).toMatchObject({
      state: 'completed',
      reason: 'max-digits',
      digits: '123',
      call: `${emu.url}${base}/calls/${callId}`,
    });
    expect(Date.parse(String(completed.completedTime))).not.toBeNaN();
  });

  it('completes on a terminating digit, which is not part of the digits', async () => {
    const { activeCall, emu, waitEvent } = bench;
    const callId = await activeCall();
    await gather(callId, { maxDigits: 10, terminatingDigits: '*#', interDigitTimeout: 30 });
    await emu.control.sendDtmf(callId, '42*');
    expect(await waitEvent({ callId, eventType: 'gather' })).toMatchObject({
      reason: 'terminating-digit',
      digits: '42',
      terminatingDigit: '*',
    });
  });

  it('completes on the inter-digit timeout with what was pressed (or nothing)', async () => {
    const { activeCall, emu, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await gather(callId, { interDigitTimeout: 1 });
    expect(await waitEvent({ callId, eventType: 'gather' })).toMatchObject({
      reason: 'inter-digit-timeout',
      digits: '',
    });
    await gather(callId, { maxDigits: 5, interDigitTimeout: 30 });
    await emu.control.sendDtmf(callId, '7');
    await expect
      .poll(() => eventsOf(callId).filter((e) => e.eventType === 'gather').length)
      .toBe(2);
    expect(eventsOf(callId).at(-1)).toMatchObject({ reason: 'inter-digit-timeout', digits: '7' });
  });

  it('completes with hung-up when the call ends, before the hangup event', async () => {
    const { activeCall, emu, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await gather(callId, { maxDigits: 4, interDigitTimeout: 30 });
    await emu.control.sendDtmf(callId, '9');
    await emu.control.hangupCall(callId);
    await waitEvent({ callId, eventType: 'hangup' });
    expect(summary(eventsOf(callId))).toEqual([
      'answer',
      'dtmf:9',
      'gather:hung-up',
      'hangup:NORMAL_CLEARING',
    ]);
    expect(eventsOf(callId)[2]).toMatchObject({ digits: '9' });
  });

  it('allows one gather at a time: 409 call-duplicate-gather-error, then a new one once it completed', async () => {
    const { activeCall, emu, call, waitEvent } = bench;
    const callId = await activeCall();
    await gather(callId, { maxDigits: 1, interDigitTimeout: 30 });
    await expectError(
      await call('POST', `/calls/${callId}/gather`, { maxDigits: 1 }),
      409,
      'call-duplicate-gather-error',
      'conflict',
    );
    await emu.control.sendDtmf(callId, '1');
    await waitEvent({ callId, eventType: 'gather' });
    await gather(callId, { maxDigits: 1 });
  });

  it('stops on POST {state: completed}: the gather event carries the digits so far', async () => {
    const { activeCall, emu, call, waitEvent } = bench;
    const callId = await activeCall();
    const gatherId = await gather(callId, { maxDigits: 5, interDigitTimeout: 30 });
    await emu.control.sendDtmf(callId, '12');
    const stop = await call('POST', `/calls/${callId}/gather/${gatherId}`, { state: 'completed' });
    expect(stop.status).toBe(200);
    expect(await waitEvent({ callId, eventType: 'gather' })).toMatchObject({
      state: 'completed',
      digits: '12',
    });
    expect(await json(await call('GET', `/calls/${callId}/gather/${gatherId}`))).toMatchObject({
      state: 'completed',
      digits: '12',
    });
    await expectError(
      await call('POST', `/calls/${callId}/gather/${gatherId}`, { state: 'started' }),
      400,
      'validation-error',
    );
  });

  it('plays its prompt, which the first digit interrupts; the timeout counts from the prompt end', async () => {
    const { activeCall, emu, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await gather(callId, {
      maxDigits: 2,
      interDigitTimeout: 30,
      prompt: { sentence: 'Press one for sales, two for support', loopEnabled: true },
    });
    await waitEvent({ callId, eventType: 'speak', status: 'started' });
    await emu.control.sendDtmf(callId, '21');
    await waitEvent({ callId, eventType: 'gather' });
    expect(summary(eventsOf(callId))).toEqual([
      'answer',
      'speak:started',
      'dtmf:2',
      'speak:done',
      'dtmf:1',
      'gather:max-digits',
    ]);
    const trace = await emu.control.trace(callId);
    expect(trace.find((entry) => entry.type === 'speak')).toMatchObject({
      source: 'gather-prompt',
      sentence: 'Press one for sales, two for support',
    });
  });

  it('plays a file prompt and times out after it when nobody presses anything', async () => {
    const { activeCall, waitEvent, eventsOf } = bench;
    const callId = await activeCall();
    await gather(callId, {
      interDigitTimeout: 1,
      prompt: { fileUrl: 'https://example.com/menu.wav' },
    });
    await waitEvent({ callId, eventType: 'gather' });
    expect(summary(eventsOf(callId))).toEqual([
      'answer',
      'playback:started',
      'playback:done',
      'gather:inter-digit-timeout',
    ]);
  });

  it.each([
    ['maxDigits 31', { maxDigits: 31 }],
    ['maxDigits 0', { maxDigits: 0 }],
    ['interDigitTimeout 31', { interDigitTimeout: 31 }],
    ['empty terminatingDigits', { terminatingDigits: '' }],
    ['a prompt sentence over 1000 characters', { prompt: { sentence: 'a'.repeat(1001) } }],
  ])('rejects %s with 400', async (_, body) => {
    const { activeCall, call } = bench;
    const callId = await activeCall();
    await expectError(await call('POST', `/calls/${callId}/gather`, body), 400, 'validation-error');
  });

  it('refuses a gather on a call that is not active, and 404s an unknown gather', async () => {
    const { createCall, activeCall, call } = bench;
    const ringing = await createCall();
    await expectError(
      await call('POST', `/calls/${ringing}/gather`, {}),
      403,
      'call-invalid-state',
    );
    const callId = await activeCall();
    await expectError(
      await call('GET', `/calls/${callId}/gather/gtr-nope`),
      404,
      'resource-not-found',
    );
  });
});
