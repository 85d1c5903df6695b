import { fileURLToPath } from 'node:url';
import { InboxTimeoutError, runScript, withoutBandwidthSettings } from '@bw/app-kit';
import { type Emulator, startEmulator } from '@bw/emulator';
import { AuthenticationError, client, type messaging } from '@bw/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sendSms } from '../src/index';

const FROM = '+19195551212';
const TO = '+19195553434';

let emulator: Emulator;
let sms: messaging.MessagingClient;

beforeAll(async () => {
  emulator = await startEmulator({
    speed: 50,
    users: [{ userId: 'u-sms', apiToken: 't-sms', apiSecret: 's-sms', numbers: [FROM] }],
  });
  const { userId, apiToken, apiSecret } = emulator.credentials;
  sms = client('messaging', userId, apiToken, apiSecret, { baseUrl: emulator.url });
});
afterAll(() => emulator.close());

async function storedMessage(id: string): Promise<Record<string, unknown> | undefined> {
  const messages = (await emulator.control.state()).messages as Array<Record<string, unknown>>;
  return messages.find((message) => message.id === id);
}

describe('sendSms', () => {
  test('sends "Hello World" and resolves once a callback reports it sent', async () => {
    const seen: string[] = [];
    const result = await sendSms({
      messaging: sms,
      from: FROM,
      to: TO,
      onEvent: (event) => seen.push(String(event.state)),
    });

    expect(result.messageId).toMatch(/^m-/);
    expect(result.state).toBe('sent');
    expect(result.message).toMatchObject({
      id: result.messageId,
      state: 'sent',
      text: 'Hello World',
    });
    expect(seen.at(-1)).toBe('sent');
    expect(result.events.map((event) => event.state)).toEqual(seen);
    expect(await storedMessage(result.messageId)).toMatchObject({
      from: FROM,
      to: TO,
      text: 'Hello World',
      state: 'sent',
    });
    // The emulator delivered each state change to the app's callback server, and it answered 200.
    const delivered = (await emulator.control.callbacks()).filter(
      (record) => record.body.messageId === result.messageId,
    );
    expect(delivered.map((record) => record.body.state)).toEqual(seen);
    expect(delivered.every((record) => record.status === 200)).toBe(true);
  });

  test("waitFor: 'poll' reads the message until its state is final, without a callback server", async () => {
    const before = (await emulator.control.callbacks()).length;
    const result = await sendSms({
      messaging: sms,
      from: FROM,
      to: TO,
      text: 'polled',
      waitFor: 'poll',
    });

    expect(result.state).toBe('sent');
    expect(result.message).toMatchObject({ text: 'polled', state: 'sent' });
    expect(result.events).toEqual([]);
    expect((await emulator.control.callbacks()).length).toBe(before);
  });

  test('a number the user does not own is refused by the API', async () => {
    const failure = sendSms({ messaging: sms, from: '+19995550000', to: TO });
    await expect(failure).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failure).rejects.toMatchObject({ code: 'number-access-denied' });
  });

  test('when no callback can reach the app it gives up after timeoutMs with the message id', async () => {
    const failure = sendSms({
      messaging: sms,
      from: FROM,
      to: TO,
      timeoutMs: 300,
      // A URL nothing listens on: the API sends its callbacks there, never to this process.
      callbackServer: { publicUrl: 'http://127.0.0.1:9' },
    });
    await expect(failure).rejects.toBeInstanceOf(InboxTimeoutError);
    await expect(failure).rejects.toThrow(
      /Timed out after 300 ms waiting for the final state of message m-/,
    );
  });
});

test('the start entry sends through its own local emulator and prints the id and final state', async () => {
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const run = await runScript(main, {
    env: { ...withoutBandwidthSettings(process.env), BW_EMULATOR_SPEED: '50' },
  });

  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/send-sms → local emulator at http:\/\/127\.0\.0\.1:\d+/);
  expect(run.stdout).toMatch(/message id: {2}m-\S+/);
  expect(run.stdout).toContain('final state: sent');
}, 60_000);
