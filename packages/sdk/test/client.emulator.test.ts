import { inspect } from 'node:util';
import { type Emulator, startEmulator } from '@bw/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { startEmulatorFixture } from '../../../test-support/emulator';
import {
  AuthenticationError,
  account,
  BandwidthError,
  bxml,
  ConfigurationError,
  client,
  messaging,
  NotFoundError,
  voice,
} from '../src/index';

const OWNED = '+19195550100';
let emulator: Emulator;
let credentials: Emulator['credentials'];
let baseUrl: string;

beforeAll(async () => {
  const fixture = await startEmulatorFixture(
    startEmulator,
    { name: 'sdk', numbers: [OWNED] },
    { seed: 7 },
  );
  ({ emulator, credentials, url: baseUrl } = fixture);
});
afterAll(() => emulator.close());
afterEach(() => {
  vi.unstubAllEnvs();
});

async function storedMessages(): Promise<Array<{ id: string; text: string; to: string }>> {
  return (await emulator.control.state()).messages as Array<{
    id: string;
    text: string;
    to: string;
  }>;
}

describe('client(name, …) builds the matching client', () => {
  test("client('messaging', …).sendMessage sends a message the emulator stores", async () => {
    const sms = client(
      'messaging',
      credentials.userId,
      credentials.apiToken,
      credentials.apiSecret,
      {
        baseUrl,
      },
    );
    const id = await sms.sendMessage({ from: OWNED, to: '+19195553434', text: 'factory style' });

    expect(sms).toBeInstanceOf(messaging.MessagingClient);
    expect(await storedMessages()).toContainEqual(
      expect.objectContaining({ id, text: 'factory style', to: '+19195553434' }),
    );
    expect(await sms.getMessage(id)).toMatchObject({ id, from: OWNED, direction: 'out' });
  });

  test('the name is case-insensitive and selects voice and account too', async () => {
    const calls = client('VOICE', credentials.userId, credentials.apiToken, credentials.apiSecret, {
      baseUrl,
    });
    const accounts = client(
      'Account',
      credentials.userId,
      credentials.apiToken,
      credentials.apiSecret,
      {
        baseUrl,
      },
    );
    expect(calls).toBeInstanceOf(voice.VoiceClient);
    expect(accounts).toBeInstanceOf(account.AccountClient);

    const callId = await (calls as voice.VoiceClient).createCall({
      from: OWNED,
      to: '+19195554545',
    });
    expect(await (calls as voice.VoiceClient).getCall(callId)).toMatchObject({
      id: callId,
      from: OWNED,
      to: '+19195554545',
      direction: 'out',
    });
    const numbers = await (accounts as account.AccountClient).listPhoneNumbers().toArray();
    expect(numbers.map((n) => n.number)).toEqual([OWNED]);
  });

  test('credentials left out come from BANDWIDTH_USER_ID, BANDWIDTH_API_TOKEN, BANDWIDTH_API_SECRET', async () => {
    vi.stubEnv('BANDWIDTH_USER_ID', credentials.userId);
    vi.stubEnv('BANDWIDTH_API_TOKEN', credentials.apiToken);
    vi.stubEnv('BANDWIDTH_API_SECRET', credentials.apiSecret);

    const fromEnv = client('account', undefined, undefined, undefined, { baseUrl });
    expect(fromEnv.userId).toBe(credentials.userId);
    const info = await fromEnv.getAccount();
    expect(info).toHaveProperty('balance');

    // An argument wins over its variable: a wrong token given explicitly is what gets sent.
    const explicit = client('account', undefined, 't-wrong', undefined, { baseUrl, retry: false });
    await expect(explicit.getAccount()).rejects.toBeInstanceOf(AuthenticationError);
  });

  test('a missing credential is a ConfigurationError naming its variable, not any value', () => {
    vi.stubEnv('BANDWIDTH_USER_ID', '');
    vi.stubEnv('BANDWIDTH_API_TOKEN', '');
    vi.stubEnv('BANDWIDTH_API_SECRET', '');
    let thrown: unknown;
    try {
      client('voice', 'u-sdk', 't-visible-token');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toBe(
      'Missing Bandwidth credentials: apiSecret (BANDWIDTH_API_SECRET)',
    );
  });
});

describe('unknown names', () => {
  test.each(['numbers', 'catapult', '', 'voices', 'constructor', '__proto__'])(
    '%j is refused with the list of valid names',
    (name) => {
      const attempt = () => client(name, 'u-sdk', 't-sdk', 's-sdk');
      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).toThrow(
        `Invalid client name "${name}". Valid names are "voice", "messaging", "account".`,
      );
    },
  );

  test.each([42, undefined, null, { toLowerCase: () => 'voice' }])(
    'a name that is no string (%j) is refused the same way',
    (name) => {
      const attempt = () => client(name as unknown as 'voice', 'u-sdk', 't-sdk', 's-sdk');
      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).toThrow(/^Invalid client name ".*"\. Valid names are "voice"/);
    },
  );

  test('the error is a BandwidthError named ConfigurationError', () => {
    try {
      client('numbers');
      expect.unreachable('client("numbers") should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(BandwidthError);
      expect((error as Error).name).toBe('ConfigurationError');
    }
  });
});

describe('namespaces', () => {
  test('new messaging.Client(…) is the same class and sends through the emulator', async () => {
    expect(messaging.Client).toBe(messaging.MessagingClient);
    const sms = new messaging.Client({ ...credentials, baseUrl });
    const id = await sms.sendMessage({ from: OWNED, to: '+19195557878', text: 'namespace style' });
    expect(await storedMessages()).toContainEqual(
      expect.objectContaining({ id, text: 'namespace style' }),
    );
  });

  test('voice and account namespaces construct working clients', async () => {
    expect(voice.Client).toBe(voice.VoiceClient);
    expect(account.Client).toBe(account.AccountClient);
    const calls = new voice.Client(
      credentials.userId,
      credentials.apiToken,
      credentials.apiSecret,
      {
        baseUrl,
      },
    );
    const callId = await calls.createCall({ from: OWNED, to: '+19195556060' });
    await calls.hangupCall(callId);
    expect((await calls.getCall(callId)).state).toBe('completed');

    const accounts = new account.Client({ ...credentials, baseUrl });
    const applicationId = await accounts.createApplication({
      name: 'sdk namespace',
      incomingMessageUrl: 'http://127.0.0.1:9/messages',
    });
    expect(await accounts.getApplication(applicationId)).toMatchObject({ name: 'sdk namespace' });
  });

  test('the bxml namespace builds documents the voice handler serves', async () => {
    const document = bxml.response(
      bxml.speakSentence('Hello <caller> & goodbye', { voice: 'kate' }),
      bxml.hangup(),
    );
    const xml = bxml.toXml(document);
    expect(xml).toContain('Hello &lt;caller&gt; &amp; goodbye</SpeakSentence>');
    expect(bxml.parseBxml(xml)).toEqual(document);

    const replies = [xml, { toXml: () => xml }];
    const handler = voice.createVoiceCallbackHandler({ onEvent: () => replies.shift() });
    for (let round = 0; round < 2; round += 1) {
      const answer = await handler(
        new Request('http://127.0.0.1/voice?eventType=answer&callId=c-1&from=%2B1&to=%2B2'),
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toContain('application/xml');
      expect(await answer.text()).toBe(xml);
    }
  });

  test('errors thrown by namespaced clients are the classes exported at the top', async () => {
    const sms = new messaging.Client({ ...credentials, baseUrl });
    const failure = await sms.getMessage('m-does-not-exist').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure).toBeInstanceOf(messaging.NotFoundError);
    expect((failure as NotFoundError).status).toBe(404);

    const wrong = client('messaging', credentials.userId, credentials.apiToken, 'not-the-secret', {
      baseUrl,
      retry: false,
    });
    const denied = await wrong.getMessage('m-x').catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(AuthenticationError);
    expect(String(denied)).not.toContain('not-the-secret');
  });
});

test('a factory-built client keeps its token and secret out of JSON and inspect output', () => {
  const built = client('voice', 'u-sdk', 't-hidden-token', 's-hidden-secret', { baseUrl });
  const shown = `${JSON.stringify(built)} ${inspect(built, { depth: 10, showHidden: true })}`;
  expect(shown).toContain('u-sdk');
  expect(shown).not.toContain('t-hidden-token');
  expect(shown).not.toContain('s-hidden-secret');
});
