import { describe, expect, test } from 'vitest';
import { describeBadIds } from '../../../test-support/method-table';
import { ValidationError, type VoiceClient } from '../src/index';
import { methodCases, plainIds } from './method-table';
import { clientFor, type Recorder, useRecorder } from './recorder';

let recorder: Recorder;
let client: VoiceClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

describeBadIds({
  cases: methodCases,
  recorder: () => recorder,
  client: () => client,
  plainIds,
});

test('the first bad id in path order is the one named', async () => {
  await expect(client.getTranscription('', '')).rejects.toThrow(/recordingId/);
  await expect(client.getCallGather('c-1', '')).rejects.toThrow(/gatherId/);
});

describe('list methods never throw synchronously', () => {
  test('a bad id surfaces on the first next(), pages() step and toArray()', async () => {
    const list = client.listCallEvents(undefined as unknown as string);
    await expect(list[Symbol.asyncIterator]().next()).rejects.toThrow(TypeError);
    await expect(list.pages()[Symbol.asyncIterator]().next()).rejects.toThrow(/callId/);
    await expect(list.toArray()).rejects.toThrow(/callId/);
    expect(recorder.requests).toHaveLength(0);
  });

  test('a list sends nothing until iterated, and every walk starts afresh', async () => {
    recorder.answer({ body: [{ id: 'm-1' }] });
    const list = client.listConferenceMembers('conf-1');
    expect(recorder.requests).toHaveLength(0);
    expect(await list.toArray()).toEqual([{ id: 'm-1' }]);
    const walked: unknown[] = [];
    for await (const member of list) walked.push(member);
    expect(walked).toEqual([{ id: 'm-1' }]);
    expect(recorder.requests).toHaveLength(2);
  });
});

describe('required options keys', () => {
  const cases: Array<[string, string, (c: VoiceClient, opts: never) => Promise<unknown>, object]> =
    [
      ['createCall', 'from', (c, o) => c.createCall(o), { to: '+19195553434' }],
      ['createCall', 'to', (c, o) => c.createCall(o), { from: '+19195551212', to: '' }],
      [
        'transferCall',
        'transferTo',
        (c, o) => c.transferCall('c-1', o),
        { transferCallerId: 'private' },
      ],
      ['sendDtmfToCall', 'dtmfOut', (c, o) => c.sendDtmfToCall('c-1', o), { dtmfOut: '' }],
      ['updateCallGather', 'state', (c, o) => c.updateCallGather('c-1', 'g-1', o), {}],
      ['createConference', 'from', (c, o) => c.createConference(o), { tag: 'x' }],
      [
        'createConferenceMember',
        'callId',
        (c, o) => c.createConferenceMember('conf-1', o),
        { mute: true },
      ],
    ];

  test.each(cases)(
    '%s without %s rejects with ValidationError, sending nothing',
    async (method, key, run, opts) => {
      const error = await run(client, opts as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toBe(`${method} options.${key} is required`);
      expect(recorder.requests).toHaveLength(0);
    },
  );

  test.each(cases)(
    '%s with no options object at all rejects with ValidationError',
    async (method, key, run) => {
      const error = await run(client, undefined as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(
        new RegExp(`^${method} options must be an object with .*${key}`),
      );
      expect(recorder.requests).toHaveLength(0);
    },
  );
});

describe('typed positional values', () => {
  test('mute/hold must be booleans and a duration a number; nothing is sent otherwise', async () => {
    await expect(client.muteConference('conf-1', 'yes' as unknown as boolean)).rejects.toThrow(
      /mute/,
    );
    await expect(
      client.holdConferenceMember('conf-1', 'm-1', 1 as unknown as boolean),
    ).rejects.toThrow(TypeError);
    // Each names its own field.
    await expect(
      client.holdConferenceMember('conf-1', 'm-1', 1 as unknown as boolean),
    ).rejects.toThrow(/^hold must be a boolean/);
    await expect(
      client.muteConferenceMember('conf-1', 'm-1', 'no' as unknown as boolean),
    ).rejects.toThrow(/^mute must be a boolean/);
    await expect(client.holdConference('conf-1', 0 as unknown as boolean)).rejects.toThrow(
      /^hold must be a boolean/,
    );
    await expect(
      client.setCallMaxRecordingDuration('c-1', '60' as unknown as number),
    ).rejects.toThrow(/recordingMaxDuration/);
    await expect(
      client.speakSentenceToBridge('brg-1', undefined as unknown as string),
    ).rejects.toThrow(/sentence/);
    await expect(
      client.playAudioFileToConference('conf-1', 7 as unknown as string),
    ).rejects.toThrow(/fileUrl/);
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('recordings without a media URL', () => {
  test.each([
    ['no media', { id: 'rec-1' }],
    ['an empty media', { id: 'rec-1', media: '' }],
    ['a media that is no string', { id: 'rec-1', media: 7 }],
  ])('%s: the recording comes back as sent, with no mediaName', async (_, body) => {
    recorder.answer({ body });
    const recording = await client.getRecording('rec-1');
    expect(recording).toStrictEqual(body);
    expect('mediaName' in recording).toBe(false);
  });
});
