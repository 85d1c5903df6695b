import { describe, expect, test } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../src/index';
import { all, OWNED, useVoiceFixture } from './fixture';

const fx = useVoiceFixture();

async function conference(): Promise<string> {
  return fx.client.createConference({ from: OWNED, callbackUrl: fx.callbackUrl('/conference') });
}

/** A call created for the conference, answered and added; its ids. */
async function member(
  conferenceId: string,
  options: { joinTone?: boolean; leavingTone?: boolean } = {},
) {
  const callId = await fx.activeCall({ conferenceId });
  const memberId = await fx.client.createConferenceMember(conferenceId, { callId, ...options });
  return { callId, memberId };
}

const conferenceEvents = (conferenceId: string, eventType: string) =>
  fx.sink.deliveries
    .map((delivery) => delivery.event)
    .filter((event) => event.conferenceId === conferenceId && event.eventType === eventType);

describe('conferences through the emulator', () => {
  test('createConference returns the id; getConference shows it; the app gets the conference event', async () => {
    const conferenceId = await fx.client.createConference({
      from: OWNED,
      callbackUrl: fx.callbackUrl('/conference'),
      profile: 'passthru_digits',
      tag: 'weekly',
    });
    expect(conferenceId).toMatch(/^conf-/);
    expect(await fx.client.getConference(conferenceId)).toMatchObject({
      id: conferenceId,
      state: 'created',
      from: OWNED,
      profile: 'passthru_digits',
      activeMembers: 0,
      tag: 'weekly',
    });
    expect(await fx.waitFor({ eventType: 'conference', conferenceId })).toMatchObject({
      status: 'created',
    });
    await expect(fx.client.getConference('conf-missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('updateConference changes settings; terminateConference completes it for good', async () => {
    const conferenceId = await conference();
    await member(conferenceId);
    await fx.client.updateConference(conferenceId, { tag: 'renamed', mute: true });
    expect(await fx.client.getConference(conferenceId)).toMatchObject({
      tag: 'renamed',
      mute: true,
    });
    await fx.client.terminateConference(conferenceId);
    await fx.waitFor({ eventType: 'conference', conferenceId, status: 'completed' });
    expect(await fx.client.getConference(conferenceId)).toMatchObject({
      state: 'completed',
      activeMembers: 0,
    });
    await expect(fx.client.terminateConference(conferenceId)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  test('muteConference and holdConference set and clear the flags', async () => {
    const conferenceId = await conference();
    await fx.client.muteConference(conferenceId, true);
    await fx.client.holdConference(conferenceId, true);
    expect(await fx.client.getConference(conferenceId)).toMatchObject({ mute: true, hold: true });
    await fx.client.muteConference(conferenceId, false);
    await fx.client.holdConference(conferenceId, false);
    expect(await fx.client.getConference(conferenceId)).toMatchObject({ mute: false, hold: false });
  });

  test('playAudioToConference and speakSentenceToConference: conference-speak started and done', async () => {
    const conferenceId = await conference();
    await member(conferenceId);
    await fx.client.playAudioToConference(conferenceId, { sentence: 'Welcome' });
    await fx.waitFor({ eventType: 'conference-speak', conferenceId, status: 'done' });
    await fx.client.speakSentenceToConference(conferenceId, 'Two minutes left', {
      loopEnabled: true,
    });
    await expect.poll(() => conferenceEvents(conferenceId, 'conference-speak').length).toBe(3);
    await fx.client.stopSpeakingToConference(conferenceId);
    await expect
      .poll(() => conferenceEvents(conferenceId, 'conference-speak').map((event) => event.status))
      .toEqual(['started', 'done', 'started', 'done']);
  });

  test('playAudioFileToConference plays a file; stopAudioFilePlaybackToConference stops it', async () => {
    const conferenceId = await conference();
    await member(conferenceId);
    await fx.client.playAudioFileToConference(conferenceId, 'https://example.com/a.wav', {
      loopEnabled: true,
    });
    await fx.waitFor({ eventType: 'conference-playback', conferenceId, status: 'started' });
    await fx.client.stopAudioFilePlaybackToConference(conferenceId);
    await fx.waitFor({ eventType: 'conference-playback', conferenceId, status: 'done' });
  });
});

describe('conference members through the emulator', () => {
  test('createConferenceMember adds an active call; getConferenceMember and listConferenceMembers show it', async () => {
    const conferenceId = await conference();
    const first = await member(conferenceId);
    const second = await member(conferenceId);
    expect(first.memberId).toMatch(/^member-/);
    expect(await fx.client.getConferenceMember(conferenceId, first.memberId)).toMatchObject({
      id: first.memberId,
      state: 'active',
      mute: false,
      hold: false,
    });
    const members = await all(fx.client.listConferenceMembers(conferenceId));
    expect(members.map((m) => m.id)).toEqual([first.memberId, second.memberId]);
    expect(await fx.client.getConference(conferenceId)).toMatchObject({
      state: 'active',
      activeMembers: 2,
    });
    const stranger = await fx.activeCall();
    await expect(
      fx.client.createConferenceMember(conferenceId, { callId: stranger }),
    ).rejects.toMatchObject({ status: 403, code: 'invalid-call-conference-id' });
  });

  test('updateConferenceMember changes the tones and flags; removeConferenceMember removes it', async () => {
    const conferenceId = await conference();
    const stays = await member(conferenceId);
    const leaves = await member(conferenceId);
    await fx.client.updateConferenceMember(conferenceId, leaves.memberId, {
      leavingTone: true,
      mute: true,
    });
    expect(await fx.client.getConferenceMember(conferenceId, leaves.memberId)).toMatchObject({
      leavingTone: true,
      mute: true,
    });
    await fx.client.removeConferenceMember(conferenceId, leaves.memberId);
    await fx.waitFor({
      eventType: 'conference-member',
      memberId: leaves.memberId,
      state: 'completed',
    });
    const tones = (await fx.emulator.control.trace(stays.callId)).filter(
      (entry) => entry.type === 'tone',
    );
    expect(tones.map((entry) => entry.tone)).toEqual(['leaving']);
    expect((await fx.client.getConference(conferenceId)).activeMembers).toBe(1);
  });

  test('muteConferenceMember and holdConferenceMember send conference-member events', async () => {
    const conferenceId = await conference();
    const { memberId } = await member(conferenceId);
    await fx.client.muteConferenceMember(conferenceId, memberId, true);
    await fx.waitFor({ eventType: 'conference-member', memberId, mute: true });
    await fx.client.holdConferenceMember(conferenceId, memberId, true);
    await fx.waitFor({ eventType: 'conference-member', memberId, hold: true });
    expect(await fx.client.getConferenceMember(conferenceId, memberId)).toMatchObject({
      mute: true,
      hold: true,
    });
  });

  test('playAudioToConferenceMember and speakSentenceToConferenceMember speak to that member’s call only', async () => {
    const conferenceId = await conference();
    const target = await member(conferenceId);
    const other = await member(conferenceId);
    await fx.client.playAudioToConferenceMember(conferenceId, target.memberId, { sentence: 'Hi' });
    await fx.waitFor({ callId: target.callId, eventType: 'speak', status: 'done' });
    await fx.client.speakSentenceToConferenceMember(
      conferenceId,
      target.memberId,
      'You are muted',
      {
        loopEnabled: true,
      },
    );
    await expect
      .poll(() => fx.sink.eventsOf(target.callId).filter((e) => e.eventType === 'speak').length)
      .toBe(3);
    await fx.client.stopSpeakingToConferenceMember(conferenceId, target.memberId);
    await expect
      .poll(() => fx.sink.eventsOf(target.callId).filter((e) => e.eventType === 'speak').length)
      .toBe(4);
    expect(fx.sink.eventsOf(other.callId).some((e) => e.eventType === 'speak')).toBe(false);
  });

  test('playAudioFileToConferenceMember plays to one member; stopAudioFilePlaybackToConferenceMember stops it', async () => {
    const conferenceId = await conference();
    const { memberId, callId } = await member(conferenceId);
    await fx.client.playAudioFileToConferenceMember(
      conferenceId,
      memberId,
      'https://example.com/b.wav',
      {
        loopEnabled: true,
      },
    );
    await fx.waitFor({ callId, eventType: 'playback', status: 'started' });
    await fx.client.stopAudioFilePlaybackToConferenceMember(conferenceId, memberId);
    await fx.waitFor({ callId, eventType: 'playback', status: 'done' });
    await fx.client.removeConferenceMember(conferenceId, memberId);
    await expect(
      fx.client.playAudioFileToConferenceMember(
        conferenceId,
        memberId,
        'https://example.com/b.wav',
      ),
    ).rejects.toMatchObject({ status: 403, code: 'call-audio-invalid-state' });
  });
});
