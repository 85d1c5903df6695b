import { describe, expect, it } from 'vitest';
import { expectError, idFrom, json, OWNED, OWNED_2, STRANGER, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();

describe('calls: create', () => {
  it('answers 201 with an absolute Location and no body; GET shows the call as created', async () => {
    const { emu, call, cb, base } = bench;
    const response = await call('POST', '/calls', {
      from: OWNED,
      to: STRANGER,
      callbackUrl: cb(),
      callbackHttpMethod: 'post',
      callbackTimeout: 5000,
      callTimeout: 30,
      recordingEnabled: 'true',
      recordingFileFormat: 'mp3',
      transcriptionEnabled: false,
      tag: 'order-42',
      sipHeaders: { 'X-Account': 'A1' },
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe('');
    const id = idFrom(response);
    expect(id).toMatch(/^c-[a-z2-7]{23}$/);
    expect(response.headers.get('location')).toBe(`${emu.url}${base}/calls/${id}`);
    const shown = await json(await call('GET', `/calls/${id}`));
    expect(shown).toMatchObject({
      id,
      direction: 'out',
      from: OWNED,
      to: STRANGER,
      state: 'started',
      callTimeout: 30,
      callbackUrl: cb(),
      callbackHttpMethod: 'POST',
      callbackTimeout: 5000,
      recordingEnabled: true,
      recordingFileFormat: 'mp3',
      transcriptionEnabled: false,
      tag: 'order-42',
      sipHeaders: { 'X-Account': 'A1' },
      events: `${emu.url}${base}/calls/${id}/events`,
      recordings: `${emu.url}${base}/calls/${id}/recordings`,
      transcriptions: `${emu.url}${base}/calls/${id}/transcriptions`,
    });
    expect(Date.parse(String(shown.startTime))).toBeGreaterThan(Date.now() - 60_000);
    expect(shown).not.toHaveProperty('endTime');
  });

  it('accepts a SIP destination and defaults callTimeout, method and recording settings', async () => {
    const { call } = bench;
    const response = await call('POST', '/calls', { from: OWNED, to: 'sip:alice@example.com' });
    expect(response.status).toBe(201);
    const shown = await json(await call('GET', `/calls/${idFrom(response)}`));
    expect(shown).toMatchObject({
      to: 'sip:alice@example.com',
      callTimeout: 60,
      callbackHttpMethod: 'POST',
      recordingEnabled: false,
      recordingFileFormat: 'wav',
      transcriptionEnabled: false,
    });
    expect(shown).not.toHaveProperty('sipHeaders');
  });

  it.each([
    ['no from', { to: STRANGER }, 400, 'missing-property'],
    ['no to', { from: OWNED }, 400, 'missing-property'],
    ['blank to', { from: OWNED, to: '  ' }, 400, 'blank-property'],
    ['a from that is not E.164', { from: '9195551212', to: STRANGER }, 400, 'validation-error'],
    ['a to that is neither E.164 nor SIP', { from: OWNED, to: 'bob' }, 400, 'validation-error'],
    [
      'a SIPS destination',
      { from: OWNED, to: 'sips:bob@example.com' },
      403,
      'invalid-call-to-number',
    ],
    ['a from the user does not own', { from: STRANGER, to: OWNED }, 401, 'number-access-denied'],
    [
      'callTimeout above 300',
      { from: OWNED, to: STRANGER, callTimeout: 301 },
      400,
      'validation-error',
    ],
    ['callTimeout 0', { from: OWNED, to: STRANGER, callTimeout: 0 }, 400, 'validation-error'],
    [
      'callbackTimeout above 10000',
      { from: OWNED, to: STRANGER, callbackUrl: 'http://x.test/', callbackTimeout: 10001 },
      400,
      'validation-error',
    ],
    [
      'a callbackUrl that is not a URL',
      { from: OWNED, to: STRANGER, callbackUrl: 'nope' },
      400,
      'callback-invalid-url',
    ],
    [
      'a fallbackUrl without callbackUrl',
      { from: OWNED, to: STRANGER, fallbackUrl: 'http://x.test/' },
      400,
      'validation-error',
    ],
    [
      'callbackHttpMethod PUT',
      { from: OWNED, to: STRANGER, callbackHttpMethod: 'PUT' },
      400,
      'validation-error',
    ],
    [
      'recordingFileFormat ogg',
      { from: OWNED, to: STRANGER, recordingFileFormat: 'ogg' },
      400,
      'validation-error',
    ],
    [
      'recordingMaxDuration above an hour',
      { from: OWNED, to: STRANGER, recordingMaxDuration: 3601 },
      403,
      'maximum-recording-value-request',
    ],
    [
      'six SIP headers',
      {
        from: OWNED,
        to: STRANGER,
        sipHeaders: { 'X-1': 'a', 'X-2': 'a', 'X-3': 'a', 'X-4': 'a', 'X-5': 'a', 'X-6': 'a' },
      },
      400,
      'validation-error',
    ],
    [
      'a SIP header without X-',
      { from: OWNED, to: STRANGER, sipHeaders: { Via: 'a' } },
      400,
      'validation-error',
    ],
    [
      'a SIP header over 256 characters',
      { from: OWNED, to: STRANGER, sipHeaders: { 'X-Long': 'a'.repeat(257) } },
      400,
      'validation-error',
    ],
    [
      'an unknown bridge',
      { from: OWNED, to: STRANGER, bridgeId: 'brg-nope' },
      404,
      'bridge-not-found',
    ],
    [
      'an unknown conference',
      { from: OWNED, to: STRANGER, conferenceId: 'conf-nope' },
      404,
      'conference-not-found',
    ],
  ])('rejects %s', async (_, body, status, code) => {
    const { call } = bench;
    await expectError(await call('POST', '/calls', body), status, code);
    expect(await json<unknown[]>(await call('GET', '/calls'))).toEqual([]);
  });

  it('answers 403 call-rate-limit (category limit) beyond the configured rate, before creating anything', async () => {
    const { call, emu } = bench;
    await emu.control.setRateLimits({ calls: { perNumber: { limit: 2, windowMs: 60_000 } } });
    expect((await call('POST', '/calls', { from: OWNED, to: STRANGER })).status).toBe(201);
    expect((await call('POST', '/calls', { from: OWNED, to: STRANGER })).status).toBe(201);
    const body = await expectError(
      await call('POST', '/calls', { from: OWNED, to: STRANGER }),
      403,
      'call-rate-limit',
      'limit',
    );
    expect(String(body.message)).toContain('telephone number');
    expect((await call('POST', '/calls', { from: OWNED_2, to: STRANGER })).status).toBe(201);
    expect(await json<unknown[]>(await call('GET', '/calls'))).toHaveLength(3);
    await emu.control.setRateLimits({ calls: { perAccount: { limit: 0, windowMs: 60_000 } } });
    await expectError(
      await call('POST', '/calls', { from: OWNED_2, to: STRANGER }),
      403,
      'call-rate-limit',
    );
  });

  it('answers 404 call-not-found for an unknown call', async () => {
    const { call } = bench;
    const body = await expectError(
      await call('GET', '/calls/c-nope'),
      404,
      'call-not-found',
      'not-found',
    );
    expect(body.message).toBe('The call c-nope could not be found');
  });
});

describe('calls: list', () => {
  it('lists newest first by default, oldest first with sortOrder=asc, and filters by from and to', async () => {
    const { call, createCall } = bench;
    const first = await createCall({ to: '+14045550101' });
    const second = await createCall({ from: OWNED_2, to: '+14045550102' });
    const third = await createCall({ to: '+14045550101' });
    const ids = async (query: string) =>
      (await json<Array<{ id: string }>>(await call('GET', `/calls${query}`))).map((c) => c.id);
    expect(await ids('')).toEqual([third, second, first]);
    expect(await ids('?sortOrder=asc')).toEqual([first, second, third]);
    expect(await ids('?to=%2B14045550101')).toEqual([third, first]);
    expect(await ids(`?from=${encodeURIComponent(OWNED_2)}`)).toEqual([second]);
    expect(await ids('?fromDateTime=2999-01-01')).toEqual([]);
    await expectError(await call('GET', '/calls?sortOrder=up'), 400, 'validation-error');
  });

  it('pages with size and a Link rel="next" that a client can follow to the end', async () => {
    const { call, createCall, emu, base, api } = bench;
    const created: string[] = [];
    for (let index = 0; index < 5; index++) created.push(await createCall());
    const seen: string[] = [];
    let next: string | undefined = `${emu.url}${base}/calls?size=2&sortOrder=asc`;
    let pages = 0;
    while (next) {
      const response = await api('GET', next);
      pages++;
      seen.push(...(await json<Array<{ id: string }>>(response)).map((c) => c.id));
      next = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(created);
    await expectError(await call('GET', '/calls?size=1001'), 400, 'validation-error');
  });
});

describe('calls: events', () => {
  it('lists every event the call had, and gets one by id', async () => {
    const { call, activeCall, emu, waitEvent } = bench;
    const callId = await activeCall();
    await emu.control.sendDtmf(callId, '5');
    await call('POST', `/calls/${callId}/dtmf`, { dtmfOut: '12' });
    await call('POST', `/calls/${callId}`, { state: 'completed' });
    await waitEvent({ callId, eventType: 'hangup' });
    const events = await json<Array<{ id: string; name: string; data?: string; time: string }>>(
      await call('GET', `/calls/${callId}/events`),
    );
    expect(events.map((event) => [event.name, event.data])).toEqual([
      ['create', 'out'],
      ['answer', undefined],
      ['dtmf', '5'],
      ['dtmf-out', '12'],
      ['hangup', 'NORMAL_CLEARING'],
    ]);
    for (const event of events) {
      expect(event.id).toMatch(/^ce-/);
      expect(Date.parse(event.time)).not.toBeNaN();
    }
    const one = events[2] as { id: string };
    expect(await json(await call('GET', `/calls/${callId}/events/${one.id}`))).toEqual(one);
    await expectError(
      await call('GET', `/calls/${callId}/events/ce-nope`),
      404,
      'resource-not-found',
    );
    await expectError(await call('GET', '/calls/c-nope/events'), 404, 'call-not-found');
  });
});

describe('calls: the emulator state and reset', () => {
  it('shows calls in the state snapshot and forgets them on reset', async () => {
    const { emu, createCall, call } = bench;
    const callId = await createCall();
    const state = (await emu.control.state()) as { voice: { calls: Array<{ id: string }> } };
    expect(state.voice.calls.map((c) => c.id)).toEqual([callId]);
    await emu.control.reset();
    await expectError(await call('GET', `/calls/${callId}`), 404, 'call-not-found');
  });
});
