import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import {
  buildAudioPlayback,
  buildSentence,
  Client,
  ConfigurationError,
  InvalidResponseError,
  NotFoundError,
  type SpeakSentenceOptions,
  VoiceClient,
} from '../src/index';
import { frozen, twoPages } from './method-table';
import { clientFor, created, type Recorder, useRecorder, userPrefix } from './recorder';

let recorder: Recorder;
let client: VoiceClient;

useRecorder(clientFor, (started) => {
  ({ recorder, client } = started);
});

const speakTargets: Array<
  [string, (c: VoiceClient, sentence: string, opts?: SpeakSentenceOptions) => Promise<void>, string]
> = [
  ['call', (c, s, o) => c.speakSentenceToCall('c-1', s, o), `${userPrefix}/calls/c-1/audio`],
  [
    'bridge',
    (c, s, o) => c.speakSentenceToBridge('brg-1', s, o),
    `${userPrefix}/bridges/brg-1/audio`,
  ],
  [
    'conference',
    (c, s, o) => c.speakSentenceToConference('conf-1', s, o),
    `${userPrefix}/conferences/conf-1/audio`,
  ],
  [
    'conference member',
    (c, s, o) => c.speakSentenceToConferenceMember('conf-1', 'm-1', s, o),
    `${userPrefix}/conferences/conf-1/members/m-1/audio`,
  ],
];

describe.each(speakTargets)('speaking to a %s', (_, speak, path) => {
  test('the caller overrides the defaults, and an undefined option keeps its default', async () => {
    const opts = frozen({
      voice: 'paul',
      gender: 'male' as const,
      locale: undefined,
      loopEnabled: false,
      tag: 'greeting',
      volume: 3,
    });
    await speak(client, 'Thanks for calling', opts);
    expect(recorder.requests[0]?.path).toBe(path);
    expect(recorder.requests[0]?.json).toEqual({
      sentence: 'Thanks for calling',
      voice: 'paul',
      gender: 'male',
      locale: 'en_US',
      loopEnabled: false,
      tag: 'greeting',
      volume: 3,
    });
  });
});

describe('audio bodies', () => {
  test('file playback is flat, never nested under fileUrl, and adds no speech defaults', async () => {
    await client.playAudioFileToBridge('brg-1', 'https://x.example/a.wav', { volume: 0 });
    expect(recorder.requests[0]?.json).toEqual({ fileUrl: 'https://x.example/a.wav', volume: 0 });
  });

  test('playAudioTo* sends the audio object as given, without defaults or undefined keys', async () => {
    await client.playAudioToConferenceMember('conf-1', 'm-1', { sentence: 'Psst', tag: undefined });
    expect(recorder.requests[0]?.json).toEqual({ sentence: 'Psst' });
  });
});

describe('buildSentence and buildAudioPlayback', () => {
  test('buildSentence copies the options, drops undefined keys and adds no defaults', () => {
    const opts = frozen({ gender: 'male' as const, voice: undefined, loopEnabled: true });
    const audio = buildSentence('Please hold', opts);
    expect(audio).toEqual({ sentence: 'Please hold', gender: 'male', loopEnabled: true });
    expect(Object.keys(audio)).not.toContain('voice');
    expect(buildSentence('Hi')).toEqual({ sentence: 'Hi' });
  });

  test('buildAudioPlayback gives { fileUrl, ...opts } without undefined keys', () => {
    const opts = frozen({ loopEnabled: false, tag: undefined, volume: -4 });
    expect(buildAudioPlayback('https://x.example/b.mp3', opts)).toEqual({
      fileUrl: 'https://x.example/b.mp3',
      loopEnabled: false,
      volume: -4,
    });
    expect(buildAudioPlayback('https://x.example/b.mp3')).toEqual({
      fileUrl: 'https://x.example/b.mp3',
    });
  });

  test('a built sentence serves as whisperAudio and as a gather prompt unchanged', async () => {
    recorder.answer(created(`${userPrefix}/calls/c-2`));
    await client.transferCall('c-1', {
      transferTo: '+19195554545',
      whisperAudio: buildSentence('Customer on the line', { voice: 'kate' }),
    });
    expect(recorder.requests[0]?.json).toEqual({
      state: 'transferring',
      transferTo: '+19195554545',
      whisperAudio: { sentence: 'Customer on the line', voice: 'kate' },
    });
    recorder.answer(created(`${userPrefix}/calls/c-1/gather/g-2`));
    await client.createCallGather('c-1', { prompt: buildSentence('Press 1') });
    expect(recorder.requests[1]?.json).toEqual({ prompt: { sentence: 'Press 1' } });
  });
});

describe('calls', () => {
  test('updateCall resolves the new call id when the API answers with a Location', async () => {
    recorder.answer(created('https://api.example.com/v1/users/u-test/calls/c-new%2B1?x=1#f'));
    await expect(
      client.updateCall('c-1', { state: 'transferring', transferTo: '+1' }),
    ).resolves.toBe('c-new+1');
  });

  test('transferCall resolves undefined when the API answers without a Location', async () => {
    await expect(
      client.transferCall('c-1', { transferTo: '+19195554545' }),
    ).resolves.toBeUndefined();
  });

  test('transferCall always sends state "transferring", whatever the options hold', async () => {
    const opts = { transferTo: '+1', state: 'completed' } as unknown as { transferTo: string };
    await client.transferCall('c-1', opts);
    expect(recorder.requests[0]?.json).toEqual({ transferTo: '+1', state: 'transferring' });
  });

  test('toggleCallRecording turns recording on when the call does not report it', async () => {
    recorder.answer((request) => (request.method === 'GET' ? { body: { id: 'c-1' } } : {}));
    await expect(client.toggleCallRecording('c-1')).resolves.toBe(true);
    expect(recorder.requests[1]?.json).toEqual({ recordingEnabled: true });
  });

  test('createCallGather with no options sends {}', async () => {
    recorder.answer(created(`${userPrefix}/calls/c-1/gather/g-9`));
    await expect(client.createCallGather('c-1')).resolves.toBe('g-9');
    expect(recorder.requests[0]?.json).toEqual({});
  });

  test('a create without Location rejects with InvalidResponseError naming the request', async () => {
    recorder.answer({ status: 201 });
    const error = await client.createCall({ from: '+1', to: '+2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/POST .*calls.*no Location header/);
  });

  test('an API error arrives as the matching error class with the API code', async () => {
    recorder.answer({
      status: 404,
      body: { category: 'not-found', code: 'call-not-found', message: 'Call c-x not found' },
    });
    const error = await client.getCall('c-x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 'call-not-found',
      message: 'Call c-x not found',
    });
  });
});

describe('request options', () => {
  test('apply to both requests of toggleCallRecording', async () => {
    recorder.answer((request) =>
      request.method === 'GET' ? { body: { id: 'c-1', recordingEnabled: false } } : {},
    );
    await client.toggleCallRecording('c-1', { headers: { 'x-trace': 't-1' } });
    expect(recorder.requests.map((r) => r.headers['x-trace'])).toEqual(['t-1', 't-1']);
  });

  test('apply to every page of a list, and pages() yields each page', async () => {
    recorder.answer(twoPages([{ id: 'brg-1' }, { id: 'brg-2' }], [{ id: 'brg-3' }]));
    const pages: unknown[][] = [];
    for await (const page of client
      .listBridges(undefined, { headers: { 'x-trace': 't-2' } })
      .pages()) {
      pages.push(page);
    }
    expect(pages).toEqual([[{ id: 'brg-1' }, { id: 'brg-2' }], [{ id: 'brg-3' }]]);
    expect(recorder.requests.map((r) => r.headers['x-trace'])).toEqual(['t-2', 't-2']);
  });

  test('toArray({ limit }) stops requesting pages once it has enough', async () => {
    recorder.answer(twoPages([{ id: 'c-1' }, { id: 'c-2' }], [{ id: 'c-3' }]));
    await expect(client.listCalls().toArray({ limit: 2 })).resolves.toEqual([
      { id: 'c-1' },
      { id: 'c-2' },
    ]);
    expect(recorder.requests).toHaveLength(1);
  });

  test('an aborted signal rejects without waiting for the server', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.getCall('c-1', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('construction', () => {
  test('Client is VoiceClient', () => {
    expect(Client).toBe(VoiceClient);
  });

  test('missing credentials throw ConfigurationError naming them, never their values', () => {
    const saved = { ...process.env };
    try {
      delete process.env.BANDWIDTH_API_TOKEN;
      delete process.env.BANDWIDTH_API_SECRET;
      process.env.BANDWIDTH_USER_ID = 'u-env';
      expect(() => new VoiceClient()).toThrow(ConfigurationError);
      expect(() => new VoiceClient()).toThrow(/BANDWIDTH_API_TOKEN/);
      process.env.BANDWIDTH_API_TOKEN = 'env-token';
      process.env.BANDWIDTH_API_SECRET = 'env-secret';
      expect(new VoiceClient({ baseUrl: recorder.url }).userId).toBe('u-env');
    } finally {
      process.env = saved;
    }
  });

  test('the client never shows its token or secret', () => {
    const shown = `${JSON.stringify(client)} ${inspect(client, { depth: 10, showHidden: true })}`;
    expect(shown).not.toContain('token-value');
    expect(shown).not.toContain('secret-value');
    expect(shown).toContain('u-test');
  });
});
