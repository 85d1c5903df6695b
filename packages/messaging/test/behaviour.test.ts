import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  jsonReply,
  type RecordedRequest,
  type Recorder,
  type Reply,
  startRecorder,
} from '../../../test-support/http-recorder';
import {
  Client,
  InvalidResponseError,
  MessagingClient,
  type SendMessageOptions,
  ValidationError,
} from '../src/index';

let respond: (request: RecordedRequest) => Reply = () => ({});
let recorder: Recorder;
let client: MessagingClient;

beforeAll(async () => {
  recorder = await startRecorder((request) => respond(request));
  client = new MessagingClient({
    userId: 'u-1',
    apiToken: 'token-1',
    apiSecret: 'secret-1',
    baseUrl: recorder.url,
    retry: false,
  });
});
afterAll(() => recorder.close());
beforeEach(() => {
  recorder.requests.length = 0;
  respond = () => ({});
});

const basic = `Basic ${Buffer.from('token-1:secret-1').toString('base64')}`;

describe('sendMessage', () => {
  test('a missing key is a ValidationError naming it, and nothing is sent', async () => {
    const incomplete = { from: '+1', to: '+2' } as SendMessageOptions;
    await expect(client.sendMessage(incomplete)).rejects.toThrow(
      new ValidationError('message.text is required'),
    );
    expect(recorder.requests).toHaveLength(0);
  });

  test('a 201 without Location is an InvalidResponseError', async () => {
    respond = () => ({ status: 201 });
    await expect(client.sendMessage({ from: '+1', to: '+2', text: 't' })).rejects.toThrow(
      /POST .*messages: response has no Location header/,
    );
  });
});

describe('sendMessages', () => {
  const message = (n: number): SendMessageOptions => ({
    from: '+19195551212',
    to: `+1919555${String(n).padStart(4, '0')}`,
    text: `m${n}`,
  });

  test('pairs every input with its result, in order, keeping failures and the caller objects', async () => {
    respond = () =>
      jsonReply(202, [
        { result: 'accepted', location: 'https://api.example/v1/users/u-1/messages/m-1' },
        {
          result: 'error',
          error: { category: 'bad-request', code: 'blank-property', message: 'to is blank' },
        },
        { result: 'accepted', location: '/v1/users/u-1/messages/m-3' },
      ]);
    const inputs = [message(1), { ...message(2), to: ' ', tag: undefined }, message(3)];
    const snapshot = structuredClone(inputs);
    const results = await client.sendMessages(inputs);

    expect(recorder.requests).toHaveLength(1);
    expect(recorder.json(0)).toEqual([message(1), { ...message(2), to: ' ' }, message(3)]);
    expect(results).toEqual([
      {
        result: 'accepted',
        id: 'm-1',
        location: 'https://api.example/v1/users/u-1/messages/m-1',
        message: inputs[0],
      },
      {
        result: 'error',
        error: { category: 'bad-request', code: 'blank-property', message: 'to is blank' },
        message: inputs[1],
      },
      {
        result: 'accepted',
        id: 'm-3',
        location: '/v1/users/u-1/messages/m-3',
        message: inputs[2],
      },
    ]);
    expect(results[1]).not.toHaveProperty('id');
    expect(results.map((r) => r.message)).toEqual(inputs.map((m) => m));
    expect(results[0]?.message).toBe(inputs[0]);
    expect(inputs).toEqual(snapshot);
  });

  test('an empty batch resolves [] without a request', async () => {
    await expect(client.sendMessages([])).resolves.toEqual([]);
    expect(recorder.requests).toHaveLength(0);
  });

  test('51 messages reject with ValidationError naming the count and send nothing', async () => {
    const inputs = Array.from({ length: 51 }, (_, n) => message(n));
    await expect(client.sendMessages(inputs)).rejects.toThrow(ValidationError);
    await expect(client.sendMessages(inputs)).rejects.toThrow(/51/);
    expect(recorder.requests).toHaveLength(0);
  });

  test('50 messages are sent in one request', async () => {
    const inputs = Array.from({ length: 50 }, (_, n) => message(n));
    respond = () =>
      jsonReply(
        202,
        inputs.map((_, n) => ({ result: 'accepted', location: `/v1/users/u-1/messages/m-${n}` })),
      );
    const results = await client.sendMessages(inputs);
    expect(results.map((r) => r.id)).toEqual(inputs.map((_, n) => `m-${n}`));
    expect(recorder.requests).toHaveLength(1);
  });

  test('a result count that differs from the input count is an InvalidResponseError', async () => {
    respond = () =>
      jsonReply(202, [{ result: 'accepted', location: '/v1/users/u-1/messages/m-1' }]);
    const error = await client.sendMessages([message(1), message(2)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/1 results for 2 messages/);
  });

  test('a response that is not an array is an InvalidResponseError', async () => {
    respond = () => jsonReply(202, { result: 'accepted' });
    const error = await client.sendMessages([message(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({
      message: 'sendMessages: response is not a JSON array',
      body: { result: 'accepted' },
    });
  });

  test.each([
    ['null', null, 'result 1 is not an object'],
    ['a number', 7, 'result 1 is not an object'],
    ['accepted without a location', { result: 'accepted' }, 'accepted result 1 has no location'],
    [
      'accepted with an empty location',
      { result: 'accepted', location: '' },
      'accepted result 1 has no location',
    ],
    [
      'accepted with a location that is not text',
      { result: 'accepted', location: 5 },
      'accepted result 1 has no location',
    ],
    [
      'neither accepted nor error',
      { result: 'queued' },
      'result 1 is neither "accepted" nor "error"',
    ],
  ])(
    'a result that is %s rejects the whole batch: nothing is guessed',
    async (_label, item, why) => {
      respond = () =>
        jsonReply(202, [{ result: 'accepted', location: '/v1/users/u-1/messages/m-1' }, item]);
      const error = await client.sendMessages([message(1), message(2)]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toBe(`sendMessages: ${why}`);
    },
  );

  test('an argument that is not an array is a ValidationError, and nothing is sent', async () => {
    const notArray = message(1) as unknown as SendMessageOptions[];
    await expect(client.sendMessages(notArray)).rejects.toThrow(
      new ValidationError('messages must be an array'),
    );
    expect(recorder.requests).toHaveLength(0);
  });
});

describe('getMessage', () => {
  test('an empty 200 body on getMessage is an InvalidResponseError', async () => {
    respond = () => ({ status: 200 });
    await expect(client.getMessage('m-1')).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('listMessages', () => {
  test('sends the filters on the first request only and follows the cursor link as given', async () => {
    respond = (request) =>
      request.url.includes('sortKeyLT')
        ? jsonReply(200, [{ id: 'm-3' }])
        : jsonReply(200, [{ id: 'm-1' }, { id: 'm-2' }], {
            Link: `<${recorder.url}/v1/users/u-1/messages?sortKeyLT=900&size=2>; rel="next"`,
          });
    const list = client.listMessages({
      direction: 'in',
      from: '+19195551212',
      size: 2,
      to: undefined,
    });
    expect(recorder.requests).toHaveLength(0);

    const ids: string[] = [];
    for await (const message of list) ids.push(message.id);

    expect(ids).toEqual(['m-1', 'm-2', 'm-3']);
    expect(recorder.requests.map((r) => r.url)).toEqual([
      '/v1/users/u-1/messages?direction=in&from=%2B19195551212&size=2',
      '/v1/users/u-1/messages?sortKeyLT=900&size=2',
    ]);
    expect(recorder.requests[1]?.headers.authorization).toBe(basic);
  });
});

describe('request options', () => {
  test('extra headers are sent but cannot replace Authorization', async () => {
    respond = () => jsonReply(200, { id: 'm-1' });
    await client.getMessage('m-1', {
      headers: { Authorization: 'Basic bm9wZTpub3Bl', 'X-Trace': 'abc' },
    });
    expect(recorder.requests[0]?.headers.authorization).toBe(basic);
    expect(recorder.requests[0]?.headers['x-trace']).toBe('abc');
  });
});

describe('the client object', () => {
  test('Client is MessagingClient, and neither JSON nor inspect output shows the credentials', () => {
    expect(Client).toBe(MessagingClient);
    const shown = `${JSON.stringify(client)}\n${inspect(client)}`;
    expect(shown).toContain('u-1');
    for (const secret of ['token-1', 'secret-1', basic.slice(6)]) {
      expect(shown).not.toContain(secret);
    }
  });

  test('a 401 error names the failure without the Authorization value', async () => {
    respond = () =>
      jsonReply(401, { category: 'authentication', code: 'user-access-denied', message: 'Denied' });
    const error = await client.getMessage('m-1').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      status: 401,
      message: 'Denied (user u-1; check its API token and secret)',
    });
    const shown = `${JSON.stringify(error)}\n${inspect(error)}\n${String(error)}`;
    expect(shown).not.toContain(basic.slice(6));
    expect(shown).not.toContain('secret-1');
  });
});
