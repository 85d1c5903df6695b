import { describe, expect, test } from 'vitest';
import { NotFoundError } from '../../src/index';
import { all, useVoiceFixture } from './fixture';

const fx = useVoiceFixture();

/** Speak/playback events a call received, as `eventType:status`. */
const audioEvents = (callId: string) =>
  fx.sink
    .eventsOf(callId)
    .filter((event) => event.eventType === 'speak' || event.eventType === 'playback')
    .map((event) => `${event.eventType}:${event.status}`);

describe('bridges through the emulator', () => {
  test('createBridge bridges two calls; getBridge and getCall show it', async () => {
    const a = await fx.activeCall();
    const b = await fx.activeCall();
    const bridgeId = await fx.client.createBridge({ callIds: [a, b] });
    expect(bridgeId).toMatch(/^brg-/);
    expect(await fx.client.getBridge(bridgeId)).toMatchObject({
      id: bridgeId,
      state: 'active',
      bridgeAudio: true,
      callIds: [a, b],
    });
    expect((await fx.client.getCall(a)).bridgeId).toBe(bridgeId);
    await expect(
      fx.client.createBridge({ callIds: [a, b, await fx.activeCall()] }),
    ).rejects.toMatchObject({ status: 403, code: 'bridge-callIds-overflow' });
    await expect(fx.client.getBridge('brg-missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('createBridge without options makes an empty bridge', async () => {
    const bridgeId = await fx.client.createBridge();
    expect(await fx.client.getBridge(bridgeId)).toMatchObject({ state: 'created', callIds: [] });
  });

  test('listBridges lists every bridge across pages', async () => {
    const ids = [
      await fx.client.createBridge(),
      await fx.client.createBridge(),
      await fx.client.createBridge(),
    ];
    expect((await all(fx.client.listBridges({ size: 2 }))).map((bridge) => bridge.id)).toEqual(ids);
  });

  test('updateBridge replaces the calls, holds with bridgeAudio false, and completes with []', async () => {
    const [a, b, c] = [await fx.activeCall(), await fx.activeCall(), await fx.activeCall()];
    const bridgeId = await fx.client.createBridge({ callIds: [a, b] });
    await fx.client.updateBridge(bridgeId, { callIds: [a, c] });
    expect((await fx.client.getBridge(bridgeId)).callIds).toEqual([a, c]);
    await fx.client.updateBridge(bridgeId, { bridgeAudio: false });
    expect((await fx.client.getBridge(bridgeId)).state).toBe('hold');
    await fx.client.updateBridge(bridgeId, { callIds: [] });
    expect((await fx.client.getBridge(bridgeId)).state).toBe('completed');
    expect((await fx.client.getCall(b)).bridgeId).toBeUndefined();
  });

  test('listBridgeCalls lists the calls of the bridge', async () => {
    const a = await fx.activeCall();
    const b = await fx.activeCall();
    const bridgeId = await fx.client.createBridge({ callIds: [b, a] });
    const calls = await fx.client.listBridgeCalls(bridgeId).toArray();
    expect(calls.map((call) => call.id)).toEqual([b, a]);
    expect(calls.every((call) => call.state === 'active')).toBe(true);
  });

  test('playAudioToBridge and speakSentenceToBridge speak to both calls; stopSpeakingToBridge stops', async () => {
    const a = await fx.activeCall();
    const b = await fx.activeCall();
    const bridgeId = await fx.client.createBridge({ callIds: [a, b] });
    await fx.client.playAudioToBridge(bridgeId, { sentence: 'Connecting you now' });
    await fx.waitFor({ callId: b, eventType: 'speak', status: 'done' });
    await fx.client.speakSentenceToBridge(bridgeId, 'Please hold', { loopEnabled: true });
    await fx.waitFor({ callId: a, eventType: 'speak', status: 'started', state: 'PLAYBACK_START' });
    await fx.client.stopSpeakingToBridge(bridgeId);
    await expect
      .poll(() => audioEvents(a))
      .toEqual(['speak:started', 'speak:done', 'speak:started', 'speak:done']);
    await expect.poll(() => audioEvents(b)).toEqual(audioEvents(a));
  });

  test('playAudioFileToBridge plays a file to both calls; stopAudioFilePlaybackToBridge stops it', async () => {
    const a = await fx.activeCall();
    const b = await fx.activeCall();
    const bridgeId = await fx.client.createBridge({ callIds: [a, b] });
    await fx.client.playAudioFileToBridge(bridgeId, 'https://example.com/music.mp3', {
      loopEnabled: true,
    });
    await fx.waitFor({ callId: a, eventType: 'playback', status: 'started' });
    await fx.client.stopAudioFilePlaybackToBridge(bridgeId);
    await fx.waitFor({ callId: a, eventType: 'playback', status: 'done' });
    await fx.waitFor({ callId: b, eventType: 'playback', status: 'done' });
    const empty = await fx.client.createBridge();
    await expect(
      fx.client.playAudioFileToBridge(empty, 'https://example.com/x.wav'),
    ).rejects.toMatchObject({ status: 400, code: 'bridge-invalid-operation' });
    await expect(fx.client.stopSpeakingToBridge('brg-missing')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
