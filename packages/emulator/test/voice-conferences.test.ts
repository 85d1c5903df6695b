import { describe, expect, it } from 'vitest';
import { expectError, idFrom, json, OWNED, STRANGER, summary, useVoiceBench } from './voice-kit';

const bench = useVoiceBench();

async function createConference(body: Record<string, unknown> = {}): Promise<string> {
  const response = await bench.call('POST', '/conferences', {
    from: OWNED,
    callbackUrl: bench.cb('/conf'),
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  expect(response.headers.get('location')).toBe(
    `${bench.emu.url}${bench.base}/conferences/${idFrom(response)}`,
  );
  return idFrom(response);
}

/** An active call created for the conference, added as a member; the ids. */
async function join(conferenceId: string, settings: Record<string, unknown> = {}) {
  const callId = await bench.activeCall({ conferenceId });
  const response = await bench.call('POST', `/conferences/${conferenceId}/members`, {
    callId,
    ...settings,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return { callId, memberId: idFrom(response) };
}

const conferenceEvents = (conferenceId: string) =>
  bench.rx.received
    .filter((item) => item.path === '/conf' && item.event.conferenceId === conferenceId)
    .map((item) => item.event);

describe('conferences', () => {
  it('creates a conference (created event), adds members (member events), completes after the last leaves', async () => {
    const { waitEvent, call, emu, base } = bench;
    const conferenceId = await createConference({ tag: 'standup' });
    const created = await waitEvent({ eventType: 'conference', conferenceId });
    expect(created).toMatchObject({
      status: 'created',
      tag: 'standup',
      conferenceUri: `${emu.url}${base}/conferences/${conferenceId}`,
    });
    expect(await json(await call('GET', `/conferences/${conferenceId}`))).toMatchObject({
      id: conferenceId,
      state: 'created',
      from: OWNED,
      activeMembers: 0,
      hold: false,
      mute: false,
      profile: 'interpret_digits',
      tag: 'standup',
    });
    const first = await join(conferenceId);
    const second = await join(conferenceId, { mute: true });
    await waitEvent({ eventType: 'conference-member', memberId: second.memberId });
    expect(await json(await call('GET', `/conferences/${conferenceId}`))).toMatchObject({
      state: 'active',
      activeMembers: 2,
    });
    expect(
      await json(await call('GET', `/conferences/${conferenceId}/members/${second.memberId}`)),
    ).toMatchObject({
      id: second.memberId,
      state: 'active',
      mute: true,
      hold: false,
      call: `${emu.url}${base}/calls/${second.callId}`,
    });
    const listed = await json<Array<{ id: string }>>(
      await call('GET', `/calls?conferenceId=${conferenceId}`),
    );
    expect(listed.map((c) => c.id).sort()).toEqual([first.callId, second.callId].sort());
    await emu.control.hangupCall(first.callId);
    await call('POST', `/conferences/${conferenceId}/members/${second.memberId}`, {
      state: 'completed',
    });
    const completed = await waitEvent({
      eventType: 'conference',
      conferenceId,
      status: 'completed',
    });
    expect(Date.parse(String(completed.completedTime))).not.toBeNaN();
    expect(
      conferenceEvents(conferenceId).map(
        (e) => `${e.eventType}:${e.status ?? `${e.state}/${e.activeMembers}`}`,
      ),
    ).toEqual([
      'conference:created',
      'conference-member:active/1',
      'conference-member:active/2',
      'conference-member:completed/1',
      'conference-member:completed/0',
      'conference:completed',
    ]);
    const members = await json<Array<{ id: string; state: string }>>(
      await call('GET', `/conferences/${conferenceId}/members`),
    );
    expect(members.map((m) => [m.id, m.state])).toEqual([
      [first.memberId, 'completed'],
      [second.memberId, 'completed'],
    ]);
    // A completed conference cannot be reused.
    const late = await bench.activeCall();
    await expectError(
      await call('POST', `/conferences/${conferenceId}/members`, { callId: late }),
      403,
      'conference-error',
    );
    await expectError(
      await call('POST', '/calls', { from: OWNED, to: STRANGER, conferenceId }),
      403,
      'conference-error',
    );
  });

  it('mutes and holds members (member events) and the conference', async () => {
    const { call, waitEvent } = bench;
    const conferenceId = await createConference();
    const { memberId } = await join(conferenceId);
    await call('POST', `/conferences/${conferenceId}/members/${memberId}`, { mute: true });
    const muted = await waitEvent({ eventType: 'conference-member', memberId, mute: true });
    expect(muted).toMatchObject({ state: 'active', hold: false, activeMembers: 1 });
    await call('POST', `/conferences/${conferenceId}/members/${memberId}`, { hold: true });
    await waitEvent({ eventType: 'conference-member', memberId, hold: true });
    expect(
      await json(await call('GET', `/conferences/${conferenceId}/members/${memberId}`)),
    ).toMatchObject({
      mute: true,
      hold: true,
    });
    await call('POST', `/conferences/${conferenceId}`, { mute: true, hold: true });
    expect(await json(await call('GET', `/conferences/${conferenceId}`))).toMatchObject({
      mute: true,
      hold: true,
    });
  });

  it('plays join and leaving tones to the members, recorded in their calls’ trace and events', async () => {
    const { call, emu, waitEvent } = bench;
    const conferenceId = await createConference();
    const first = await join(conferenceId);
    const second = await join(conferenceId, { joinTone: true, leavingTone: true });
    await call('POST', `/conferences/${conferenceId}/members/${second.memberId}`, {
      state: 'completed',
    });
    await waitEvent({
      eventType: 'conference-member',
      memberId: second.memberId,
      state: 'completed',
    });
    const tones = async (callId: string) =>
      (await emu.control.trace(callId)).filter((e) => e.type === 'tone').map((e) => e.tone);
    expect(await tones(first.callId)).toEqual(['join', 'leaving']);
    expect(await tones(second.callId)).toEqual(['join', 'leaving']);
    const events = await json<Array<{ name: string; data?: string }>>(
      await call('GET', `/calls/${first.callId}/events`),
    );
    expect(events.filter((e) => e.name === 'tone').map((e) => e.data)).toEqual(['join', 'leaving']);
  });

  it('plays audio to the conference (conference-speak / conference-playback) and to one member (speak on its call)', async () => {
    const { call, waitEvent, eventsOf, emu } = bench;
    const conferenceId = await createConference();
    const first = await join(conferenceId);
    const second = await join(conferenceId);
    await call('POST', `/conferences/${conferenceId}/audio`, { sentence: 'Welcome all', tag: 'w' });
    const done = await waitEvent({ eventType: 'conference-speak', conferenceId, status: 'done' });
    expect(done).toMatchObject({ tag: 'w' });
    await call('POST', `/conferences/${conferenceId}/audio`, {
      fileUrl: 'https://example.com/m.wav',
      loopEnabled: true,
    });
    await waitEvent({ eventType: 'conference-playback', conferenceId, status: 'started' });
    await call('POST', `/conferences/${conferenceId}/audio`, { fileUrl: '' });
    await waitEvent({ eventType: 'conference-playback', conferenceId, status: 'done' });
    expect(
      (await emu.control.trace(first.callId)).filter((e) => e.source === 'conference'),
    ).toHaveLength(2);
    await call('POST', `/conferences/${conferenceId}/members/${second.memberId}/audio`, {
      sentence: 'Just for you',
    });
    await waitEvent({ callId: second.callId, eventType: 'speak', status: 'done' });
    const callEvents = (callId: string) =>
      summary(eventsOf(callId).filter((e) => !String(e.eventType).startsWith('conference')));
    expect(callEvents(second.callId)).toEqual(['answer', 'speak:started', 'speak:done']);
    expect(callEvents(first.callId)).toEqual(['answer']);
  });

  it('terminates: every member leaves and the conference completes', async () => {
    const { call, waitEvent } = bench;
    const conferenceId = await createConference();
    const { memberId } = await join(conferenceId);
    expect(
      (await call('POST', `/conferences/${conferenceId}`, { state: 'completed' })).status,
    ).toBe(200);
    await waitEvent({ eventType: 'conference', conferenceId, status: 'completed' });
    expect(
      await json(await call('GET', `/conferences/${conferenceId}/members/${memberId}`)),
    ).toMatchObject({
      state: 'completed',
    });
    await expectError(
      await call('POST', `/conferences/${conferenceId}/audio`, { sentence: 'hi' }),
      403,
      'conference-error',
    );
    await expectError(
      await call('POST', `/conferences/${conferenceId}`, { state: 'active' }),
      400,
      'validation-error',
    );
  });

  it('checks members: the call must be created for this conference, active, and there are at most 20', async () => {
    const { call, activeCall, createCall } = bench;
    const conferenceId = await createConference();
    const other = await activeCall();
    await expectError(
      await call('POST', `/conferences/${conferenceId}/members`, { callId: other }),
      403,
      'invalid-call-conference-id',
    );
    const ringing = await createCall({ conferenceId });
    await expectError(
      await call('POST', `/conferences/${conferenceId}/members`, { callId: ringing }),
      403,
      'call-invalid-state',
    );
    await expectError(
      await call('POST', `/conferences/${conferenceId}/members`, {}),
      400,
      'missing-property',
    );
    const { callId } = await join(conferenceId);
    await expectError(
      await call('POST', `/conferences/${conferenceId}/members`, { callId }),
      409,
      'conference-member-update-conflict',
    );
    for (let index = 1; index < 20; index++) await join(conferenceId);
    const extra = await activeCall({ conferenceId });
    await expectError(
      await call('POST', `/conferences/${conferenceId}/members`, { callId: extra }),
      403,
      'conference-max-members',
      'limit',
    );
    expect(await json(await call('GET', `/conferences/${conferenceId}`))).toMatchObject({
      activeMembers: 20,
    });
  });

  it('lets members use their keys under interpret_digits: 0 mutes, * deafens and mutes, # leaves', async () => {
    const { call, emu, waitEvent } = bench;
    const conferenceId = await createConference();
    const { callId, memberId } = await join(conferenceId);
    const member = async () =>
      json(await call('GET', `/conferences/${conferenceId}/members/${memberId}`));
    await emu.control.sendDtmf(callId, '0');
    await waitEvent({ eventType: 'conference-member', memberId, mute: true });
    await emu.control.sendDtmf(callId, '0*');
    await waitEvent({ eventType: 'conference-member', memberId, hold: true });
    expect(await member()).toMatchObject({ mute: true, hold: true, state: 'active' });
    await emu.control.sendDtmf(callId, '5#');
    await waitEvent({ eventType: 'conference', conferenceId, status: 'completed' });
    expect(await member()).toMatchObject({ state: 'completed' });
    const keys = (await emu.control.trace(callId)).filter((e) => e.type === 'conference-key');
    expect(keys.map((e) => e.action)).toEqual([
      'toggle-mute',
      'toggle-mute',
      'toggle-deaf-mute',
      'receive-volume-reset',
      'leave',
    ]);
    const passthru = await createConference({ profile: 'passthru_digits' });
    const other = await join(passthru);
    await emu.control.sendDtmf(other.callId, '#');
    await waitEvent({ callId: other.callId, eventType: 'dtmf', dtmfDigit: '#' });
    expect(
      await json(await call('GET', `/conferences/${passthru}/members/${other.memberId}`)),
    ).toMatchObject({ state: 'active' });
  });

  it('checks the hosting number and answers 404 for unknown conferences and members', async () => {
    const { call } = bench;
    await expectError(
      await call('POST', '/conferences', { from: STRANGER }),
      401,
      'number-access-denied',
    );
    await expectError(await call('POST', '/conferences', {}), 400, 'missing-property');
    await expectError(
      await call('POST', '/conferences', { from: OWNED, profile: 'loud' }),
      400,
      'validation-error',
    );
    await expectError(await call('GET', '/conferences/conf-nope'), 404, 'conference-not-found');
    const conferenceId = await createConference();
    await expectError(
      await call('GET', `/conferences/${conferenceId}/members/member-nope`),
      404,
      'conference-member-not-found',
    );
  });
});
