import { afterAll, beforeAll, expect, test } from 'vitest';
import { Transport } from '../src/index';
import { send, startServer, type TestServer } from './server';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.method === 'POST')
      return send(res, 201, undefined, { location: '/v1/users/u-1/messages/m-42' });
    send(res, 200, [{ id: 'a' }]);
  });
});
afterAll(() => server.close());

test('smoke', async () => {
  const t = new Transport({
    userId: 'u-1',
    apiToken: 'tok',
    apiSecret: 'sec',
    baseUrl: server.url,
  });
  expect(
    await t.create({ method: 'POST', path: t.userPath('messages'), json: { a: 1, b: undefined } }),
  ).toBe('m-42');
  expect(await t.paged({ method: 'GET', path: t.userPath('messages') }).toArray()).toEqual([
    { id: 'a' },
  ]);
  console.log(server.requests);
});
