import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  jsonReply,
  type RecordedRequest,
  type Recorder,
  type Reply,
  startRecorder,
} from '../../../test-support/http-recorder';
import { AccountClient, Client, InvalidResponseError, NotFoundError } from '../src/index';

let respond: (request: RecordedRequest) => Reply = () => ({});
let recorder: Recorder;
let client: AccountClient;

beforeAll(async () => {
  recorder = await startRecorder((request) => respond(request));
  client = new AccountClient('u 1+', 'token-1', 'secret-1', {
    baseUrl: recorder.url,
    retry: false,
  });
});
afterAll(() => recorder.close());
beforeEach(() => {
  recorder.requests.length = 0;
  respond = () => ({});
});

const created = (path: string) => () => ({ status: 201, headers: { Location: path } });

describe('paths', () => {
  test('the user id and every path id are encoded exactly once', async () => {
    respond = () => jsonReply(200, { id: 'x' });
    await client.getApplication('a/b');
    await client.getDomainEndpoint('dom 1', 'e%20+');
    await client.getPhoneNumber('+19195551212');
    await client.getError('e?1');
    await client.deleteMediaFile('my file.wav');
    expect(recorder.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/users/u%201%2B/applications/a%2Fb',
      'GET /v1/users/u%201%2B/domains/dom%201/endpoints/e%2520%2B',
      'GET /v1/users/u%201%2B/phoneNumbers/%2B19195551212',
      'GET /v1/users/u%201%2B/errors/e%3F1',
      'DELETE /v1/users/u%201%2B/media/my%20file.wav',
    ]);
  });
});

describe('query strings', () => {
  test('booleans are lower case, numbers decimal, undefined left out, values encoded', async () => {
    respond = () => jsonReply(200, [{ number: '+19195551212' }]);
    const found = await client.searchAvailableLocalNumbers({
      areaCode: '919',
      localNumber: '555',
      inLocalCallingArea: true,
      quantity: 2,
      pattern: '*2?9*',
      city: undefined,
    });
    expect(found).toEqual([{ number: '+19195551212' }]);
    expect(recorder.requests[0]?.url).toBe(
      '/v1/availableNumbers/local?areaCode=919&localNumber=555&inLocalCallingArea=true&quantity=2&pattern=*2%3F9*',
    );
    await client.searchAvailableLocalNumbers({ state: 'NC', inLocalCallingArea: false });
    expect(recorder.requests[1]?.url).toBe(
      '/v1/availableNumbers/local?state=NC&inLocalCallingArea=false',
    );
  });

  test('a search answer that is not an array is an InvalidResponseError', async () => {
    respond = () => jsonReply(200, { number: '+1' });
    await expect(client.searchAvailableLocalNumbers({ zip: '27606' })).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  test('list filters go on the first request; later pages follow the next link only', async () => {
    respond = (request) =>
      request.url.includes('page=1')
        ? jsonReply(200, [{ id: 't-3' }])
        : jsonReply(200, [{ id: 't-1' }, { id: 't-2' }], {
            Link: '</v1/users/u%201%2B/account/transactions?page=1&size=2>; rel="next"',
          });
    const ids: string[] = [];
    for await (const transaction of client.listAccountTransactions({ type: 'charge', size: 2 })) {
      ids.push(transaction.id);
    }
    expect(ids).toEqual(['t-1', 't-2', 't-3']);
    expect(recorder.requests.map((r) => r.url)).toEqual([
      '/v1/users/u%201%2B/account/transactions?type=charge&size=2',
      '/v1/users/u%201%2B/account/transactions?page=1&size=2',
    ]);
  });
});

describe('search and order', () => {
  test('an item without location rejects with the parsed body attached', async () => {
    const body = [
      { number: '+18005550001', location: '/v1/users/u-1/phoneNumbers/n-1' },
      { number: '+18005550002' },
    ];
    respond = () => jsonReply(201, body);
    const error = await client
      .searchAndOrderTollFreeNumbers({ quantity: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).body).toEqual(body);
    expect(recorder.requests[0]?.url).toBe('/v1/availableNumbers/tollFree?quantity=2');
    expect(recorder.requests[0]?.body).toHaveLength(0);
  });
});

describe('answers that break the contract name the request and keep the body', () => {
  const searches: Array<[string, (c: AccountClient) => Promise<unknown>]> = [
    ['GET /availableNumbers/local', (c) => c.searchAvailableLocalNumbers({ zip: '27606' })],
    ['GET /availableNumbers/tollFree', (c) => c.searchAvailableTollFreeNumbers()],
    ['POST /availableNumbers/local', (c) => c.searchAndOrderLocalNumbers({ zip: '27606' })],
    ['POST /availableNumbers/tollFree', (c) => c.searchAndOrderTollFreeNumbers()],
  ];

  test.each(searches)('%s answered with no array', async (what, run) => {
    const body = { number: '+1' };
    respond = () => jsonReply(200, body);
    const error = await run(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(`${what}: response is not a JSON array`);
    expect((error as InvalidResponseError).body).toEqual(body);
  });

  test.each([
    ['a null item', [null]],
    ['an item without location', [{ number: '+18005550001' }]],
    ['an empty location', [{ number: '+18005550001', location: '' }]],
    ['a location that is no string', [{ number: '+18005550001', location: 7 }]],
  ])('an order answered with %s', async (_, body) => {
    for (const [what, run] of searches.slice(2)) {
      respond = () => jsonReply(201, body);
      const error = await run(client).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toBe(`${what}: ordered number 0 has no location`);
      expect((error as InvalidResponseError).body).toEqual(body);
    }
  });
});

describe('JSON bodies', () => {
  test('undeclared keys are sent as given', async () => {
    respond = created('/v1/users/u-1/applications/a-1');
    await client.createApplication({
      name: 'app',
      incomingMessageUrl: 'http://x',
      ...{ futureFlag: true },
    });
    expect(recorder.json(0)).toEqual({
      name: 'app',
      incomingMessageUrl: 'http://x',
      futureFlag: true,
    });
  });
});

describe('errors', () => {
  test('a 404 from a get is a NotFoundError with the API code', async () => {
    respond = () =>
      jsonReply(404, { category: 'not-found', code: 'number-not-found', message: 'Not here' });
    const error = await client.getPhoneNumber('n-404').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'number-not-found', message: 'Not here' });
  });
});

describe('secrets', () => {
  test('token, secret and passwords never reach logs, errors, JSON or inspect output', async () => {
    const lines: string[] = [];
    const record = (message: string, meta?: Record<string, unknown>) =>
      void lines.push(`${message} ${JSON.stringify(meta ?? {})}`);
    const logged = new Client('u-1', 'token-abcd', 'secret-wxyz', {
      baseUrl: recorder.url,
      retry: false,
      logger: { debug: record, info: record, warn: record, error: record },
    });
    expect(Client).toBe(AccountClient);

    respond = created('/v1/users/u-1/domains/dom-1/endpoints/re-1');
    await logged.createDomainEndpoint('dom-1', {
      name: 'alice',
      credentials: { password: 'endpoint-pass-1' },
    });
    respond = () =>
      jsonReply(401, { category: 'authentication', code: 'user-access-denied', message: 'No' });
    const error = await logged
      .orderPhoneNumber({
        number: '+19195550001',
        provider: {
          providerName: 'bandwidth-dashboard',
          properties: { accountId: '1', userName: 'me', password: 'dashboard-pass-2' },
        },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AuthenticationError', status: 401 });

    // The passwords did go to the server; they only stay out of what the SDK shows.
    expect(recorder.json(0)).toMatchObject({ credentials: { password: 'endpoint-pass-1' } });
    expect(lines.join('\n')).toContain('alice');
    expect(lines.join('\n')).toContain('[REDACTED]');
    const shown = [
      ...lines,
      JSON.stringify(error),
      inspect(error),
      JSON.stringify(logged),
      inspect(logged),
      String(error),
    ].join('\n');
    for (const secret of ['token-abcd', 'secret-wxyz', 'endpoint-pass-1', 'dashboard-pass-2']) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toContain(Buffer.from('token-abcd:secret-wxyz').toString('base64'));
    expect(JSON.stringify(logged)).toContain('u-1');
  });
});
