import { fileURLToPath } from 'node:url';
import { runScript, withoutBandwidthSettings } from '@bw/app-kit';
import { type Emulator, startEmulator } from '@bw/emulator';
import { client, type voice } from '@bw/sdk';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { callAndSpeak } from '../src/index';

const FROM = '+19195551313';
const TO = '+19195554545';

let emulator: Emulator;
let calls: voice.VoiceClient;

beforeAll(async () => {
  emulator = await startEmulator({
    speed: 50,
    users: [{ userId: 'u-call', apiToken: 't-call', apiSecret: 's-call', numbers: [FROM] }],
  });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  calls = client('voice', userId, apiToken, apiSecret, { baseUrl: emulator.url });
});
afterEach(() => emulator.control.reset());
afterAll(() => emulator.close());

function describeEvent(event: voice.VoiceEvent): string {
  return 'status' in event && event.status ? `${event.eventType}:${event.status}` : event.eventType;
}

test('speaks once the call is answered and hangs up when the speech is done', async () => {
  const result = await callAndSpeak({ voice: calls, from: FROM, to: TO });

  expect(result).toMatchObject({ answered: true, spoken: true, cause: 'NORMAL_CLEARING' });
  expect(result.events.map(describeEvent)).toEqual([
    'answer',
    'speak:started',
    'speak:done',
    'hangup',
  ]);
  expect(await calls.getCall(result.callId)).toMatchObject({
    state: 'completed',
    from: FROM,
    to: TO,
  });
  // Every callback, the last hang-up included, got its 200 before the app closed its server.
  await emulator.control.waitForCallback(
    (record) => record.body.callId === result.callId && record.body.eventType === 'hangup',
  );
  const delivered = (await emulator.control.callbacks()).filter(
    (record) => record.body.callId === result.callId,
  );
  expect(delivered.map((record) => [record.body.eventType, record.status])).toEqual([
    ['answer', 200],
    ['speak', 200],
    ['speak', 200],
    ['hangup', 200],
  ]);

  // What the far end heard: the sentence, whole, before the hang-up.
  const trace = await emulator.control.trace(result.callId);
  const spoken = trace.filter((entry) => entry.type === 'speak' || entry.type === 'audio');
  expect(JSON.stringify(spoken)).toContain('Hello From Bandwidth. Goodbye.');
  const names = (await calls.listCallEvents(result.callId).toArray()).map(
    (event) => `${event.name}:${event.data ?? ''}`,
  );
  expect(names.indexOf('speak:done')).toBeGreaterThan(names.indexOf('speak:start'));
  expect(names.indexOf('hangup:NORMAL_CLEARING')).toBeGreaterThan(names.indexOf('speak:done'));
});

test('a call nobody answers resolves as not answered, without speaking', async () => {
  await emulator.control.setAutoAnswer('never');
  const result = await callAndSpeak({ voice: calls, from: FROM, to: TO, callTimeout: 2 });

  expect(result).toMatchObject({ answered: false, spoken: false, cause: 'NO_ANSWER' });
  expect(result.events.map((event) => event.eventType)).toEqual(['timeout', 'hangup']);
});

test('when the far end hangs up during the speech, it reports the speech as not finished', async () => {
  const result = await callAndSpeak({
    voice: calls,
    from: FROM,
    to: TO,
    sentence: 'A long sentence that the person on the other end will not wait for. '.repeat(5),
    onEvent: (event) => {
      if (event.eventType === 'speak' && event.status === 'started') {
        void emulator.control.hangupCall(event.callId);
      }
    },
  });

  expect(result.answered).toBe(true);
  expect(result.spoken).toBe(false);
  expect(result.events.map(describeEvent)).not.toContain('speak:done');
  expect(result.events.at(-1)?.eventType).toBe('hangup');
});

test('the start entry calls through its own local emulator and reports each callback', async () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const run = await runScript(main, {
    env: { ...withoutBandwidthSettings(process.env), BW_EMULATOR_SPEED: '50' },
  });

  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/call id: {2}c-\S+/);
  expect(run.stdout).toContain('callback: speak done');
  expect(run.stdout).toContain('answered, spoke the sentence, hung up (NORMAL_CLEARING)');
}, 60_000);
