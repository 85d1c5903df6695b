import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { InvalidResponseError, nextLink, parseLinkHeader, Transport } from '../src/internal';
import { fetchImplementations, send, startServer, type TestServer } from './server';

describe('Link header parsing (RFC 8288)', () => {
  const base = 'https://api.example.com/v1/users/u/calls?page=0';

  test.each([
    ['one link', '<https://h/p2>; rel="next"', 'https://h/p2'],
    ['unquoted rel', '<https://h/p2>; rel=next', 'https://h/p2'],
    ['single-quoted rel', "<https://h/p2>; rel='next'", 'https://h/p2'],
    ['case-insensitive rel', '<https://h/p2>; REL="NeXt"', 'https://h/p2'],
    ['several rel types', '<https://h/p2>; rel="next last"', 'https://h/p2'],
    [
      'other links first',
      '<https://h/p0>; rel="first", <https://h/p2>; rel="next"',
      'https://h/p2',
    ],
    [
      'the API fixture',
      '<https://api.catapult.inetwork.com/v1/users/u/applications?page=0&size=25>; rel="first",<https://api.catapult.inetwork.com/v1/users/u/applications>; rel="next"',
      'https://api.catapult.inetwork.com/v1/users/u/applications',
    ],
    ['commas inside <…>', '<https://h/p?a=1,2,3&b=x,y>; rel="next"', 'https://h/p?a=1,2,3&b=x,y'],
    [
      'commas and semicolons inside quotes',
      '<https://h/p1>; title="a, b; rel=next"; rel="prev", <https://h/p2>; title="x,y"; rel="next"',
      'https://h/p2',
    ],
    [
      'escaped quote in a value',
      '<https://h/p1>; title="say \\"hi\\", rel=next", <https://h/p2>; rel=next',
      'https://h/p2',
    ],
    ['backslash escapes in a quoted rel', '<https://h/p2>; rel="\\n\\e\\xt"', 'https://h/p2'],
    [
      'extra parameters',
      '<https://h/p2>; type="application/json"; rel="next"; hreflang=en',
      'https://h/p2',
    ],
    ['first next wins', '<https://h/a>; rel="next", <https://h/b>; rel="next"', 'https://h/a'],
    [
      'only the first rel of a link counts',
      '<https://h/a>; rel="prev"; rel="next", <https://h/b>; rel=next',
      'https://h/b',
    ],
    [
      'relative path',
      '<calls?page=1>; rel="next"',
      'https://api.example.com/v1/users/u/calls?page=1',
    ],
    [
      'absolute path',
      '</v1/users/u/calls?page=2>; rel="next"',
      'https://api.example.com/v1/users/u/calls?page=2',
    ],
    ['query only', '<?page=3>; rel="next"', 'https://api.example.com/v1/users/u/calls?page=3'],
    ['no spaces', '<https://h/p2>;rel=next', 'https://h/p2'],
    ['a parameter without a value', '<https://h/p2>; crossorigin; rel="next"', 'https://h/p2'],
    [
      'separators inside single quotes',
      "<https://h/p1>; title='a, b; rel=next'; rel=prev, <https://h/p2>; rel=next",
      'https://h/p2',
    ],
    [
      'bare rels in several headers',
      ['<https://h/p1>; rel=prev', '<https://h/p2>; rel=next'],
      'https://h/p2',
    ],
    ['spaces everywhere', '  <https://h/p2>  ;  rel = "next"  ,  ', 'https://h/p2'],
    ['junk before a link', 'garbage; rel=next, <https://h/p2>; rel=next', 'https://h/p2'],
    [
      'several headers as an array',
      ['<https://h/p1>; rel="prev"', '<https://h/p2>; rel="next"'],
      'https://h/p2',
    ],
  ])('%s', (_label, header, expected) => {
    expect(nextLink(header, base)).toBe(expected);
  });

  test.each([
    ['no header', null],
    ['empty', ''],
    ['no next', '<https://h/p0>; rel="first", <https://h/p9>; rel="last"'],
    ['rel=nextpage is not next', '<https://h/p2>; rel="nextpage"'],
    ['unterminated target', '<https://h/p2; rel="next"'],
  ])('%s → no next', (_label, header) => {
    expect(nextLink(header, base)).toBeUndefined();
  });

  test('parseLinkHeader keeps every link and its rel types in order', () => {
    expect(parseLinkHeader('<a>; rel="first prev", <b>; title="t"')).toEqual([
      { target: 'a', rel: ['first', 'prev'] },
      { target: 'b', rel: [] },
    ]);
  });

  test('parseLinkHeader reads commas inside single-quoted values and only the first rel', () => {
    expect(parseLinkHeader(`<a>; title='one, two'; rel="next", <b>; rel='prev'`)).toEqual([
      { target: 'a', rel: ['next'] },
      { target: 'b', rel: ['prev'] },
    ]);
    expect(parseLinkHeader('<c>; rel; rel="next"')).toEqual([{ target: 'c', rel: [] }]);
    expect(parseLinkHeader(`<d>; title="x"; rel=next'`)).toEqual([{ target: 'd', rel: ["next'"] }]);
    expect(parseLinkHeader('<e>; rel=next"')).toEqual([{ target: 'e', rel: ['next"'] }]);
  });

  test('parseLinkHeader trims targets and rel types, and reads a rel without a value as none', () => {
    expect(
      parseLinkHeader(`< a >; rel="  first   prev ", <b>; rel, <c>; rel=  next  , <d>; rel=''`),
    ).toEqual([
      { target: 'a', rel: ['first', 'prev'] },
      { target: 'b', rel: [] },
      { target: 'c', rel: ['next'] },
      { target: 'd', rel: [] },
    ]);
    expect(parseLinkHeader(undefined)).toEqual([]);
    expect(parseLinkHeader(['<x>; rel=a', '<y>; rel=b'])).toEqual([
      { target: 'x', rel: ['a'] },
      { target: 'y', rel: ['b'] },
    ]);
  });
});

let server: TestServer;
let reply: Parameters<typeof startServer>[0];
beforeAll(async () => {
  server = await startServer((seen, res, req) => reply(seen, res, req));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** Pages keyed by request URL: items and the Link header to send. */
function pages(
  map: Record<string, [items: unknown[] | string | undefined, link?: string | string[]]>,
) {
  reply = (seen, res) => {
    const page = map[seen.url];
    if (!page) return send(res, 404, { code: 'not-found', message: seen.url });
    const [items, link] = page;
    res.statusCode = 200;
    if (link) res.setHeader('link', link);
    if (items === undefined) return res.end();
    res.setHeader('content-type', 'application/json');
    res.end(typeof items === 'string' ? items : JSON.stringify(items));
  };
}

describe.each(fetchImplementations)('PagedIterable over %s', (_name, fetch) => {
  const transport = () =>
    new Transport({
      userId: 'u-1',
      apiToken: 'tok-1',
      apiSecret: 'sec-1',
      baseUrl: server.url,
      retry: false,
      fetch,
    });
  const list = <T = { id: number }>(query?: object, map?: (item: T) => T) => {
    const t = transport();
    return t.paged<T>({ method: 'GET', path: t.userPath('calls'), query }, undefined, map);
  };

  test('follows rel="next" across pages, relative and absolute, exactly as given', async () => {
    pages({
      '/v1/users/u-1/calls?size=2&sortOrder=asc': [
        [{ id: 1 }, { id: 2 }],
        '<calls?sortKeyLT=99&size=2>; rel="next"',
      ],
      '/v1/users/u-1/calls?sortKeyLT=99&size=2': [
        [{ id: 3 }, { id: 4 }],
        [
          `<${server.url}/v1/users/u-1/calls?page=first>; rel="first"`,
          `<${server.url}/v1/users/u-1/calls?cursor=a%2Cb>; rel="next"`,
        ],
      ],
      '/v1/users/u-1/calls?cursor=a%2Cb': [[{ id: 5 }]],
    });
    const items: unknown[] = [];
    for await (const item of list({ size: 2, sortOrder: 'asc' })) items.push(item);
    expect(items).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/users/u-1/calls?size=2&sortOrder=asc',
      '/v1/users/u-1/calls?sortKeyLT=99&size=2',
      '/v1/users/u-1/calls?cursor=a%2Cb',
    ]);
    for (const request of server.requests) expect(request.headers.authorization).toMatch(/^Basic /);
  });

  test('is lazy and starts a fresh walk for every iteration', async () => {
    pages({
      '/v1/users/u-1/calls': [[{ id: 1 }], '<calls?p=2>; rel=next'],
      '/v1/users/u-1/calls?p=2': [[{ id: 2 }]],
    });
    const paged = list();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(0);
    expect(await paged.toArray()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await paged.toArray()).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests).toHaveLength(4);
  });

  test('pages() yields one array per page, empty pages and empty bodies included', async () => {
    pages({
      '/v1/users/u-1/calls': [[], '<calls?p=2>; rel=next'],
      '/v1/users/u-1/calls?p=2': [undefined, '<calls?p=3>; rel=next'],
      '/v1/users/u-1/calls?p=3': [[{ id: 3 }]],
    });
    const seen: unknown[][] = [];
    for await (const page of list().pages()) seen.push(page);
    expect(seen).toEqual([[], [], [{ id: 3 }]]);
  });

  test('toArray({ limit }) stops requesting once it has enough', async () => {
    pages({
      '/v1/users/u-1/calls': [[{ id: 1 }, { id: 2 }], '<calls?p=2>; rel=next'],
      '/v1/users/u-1/calls?p=2': [[{ id: 3 }, { id: 4 }], '<calls?p=3>; rel=next'],
      '/v1/users/u-1/calls?p=3': [[{ id: 5 }]],
    });
    expect(await list().toArray({ limit: 3 })).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    expect(await list().toArray({ limit: 2 })).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    expect(await list().toArray({ limit: 0 })).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  test('breaking out of for await stops requesting', async () => {
    pages({ '/v1/users/u-1/calls': [[{ id: 1 }, { id: 2 }], '<calls?p=2>; rel=next'] });
    for await (const item of list()) {
      expect(item).toEqual({ id: 1 });
      break;
    }
    expect(server.requests).toHaveLength(1);
  });

  test('map is applied to every item', async () => {
    pages({
      '/v1/users/u-1/calls': [[{ id: 1 }], '<calls?p=2>; rel=next'],
      '/v1/users/u-1/calls?p=2': [[{ id: 2 }]],
    });
    expect(
      await list<{ id: number; double?: number }>(undefined, (item) => ({
        ...item,
        double: item.id * 2,
      })).toArray(),
    ).toEqual([
      { id: 1, double: 2 },
      { id: 2, double: 4 },
    ]);
  });

  test('a next link to another origin is not followed', async () => {
    pages({
      '/v1/users/u-1/calls': [
        [{ id: 1 }],
        '<https://evil.example.com/v1/users/u-1/calls?p=2>; rel=next',
      ],
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of list()) seen.push(item);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ id: 1 }]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(String(error)).toContain('https://evil.example.com');
    expect(server.requests).toHaveLength(1);
  });

  test('a next link with credentials is not followed, even to the same origin', async () => {
    pages({
      '/v1/users/u-1/calls': [
        [{ id: 1 }],
        `<http://u:p@${server.url.slice(7)}/v1/users/u-1/calls?p=2>; rel=next`,
      ],
    });
    const error = await list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(server.requests).toHaveLength(1);
  });

  test('an error on a later page names that page', async () => {
    pages({ '/v1/users/u-1/calls': [[{ id: 1 }], '<calls?page=2&size=1>; rel=next'] });
    const error = await list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'NotFoundError',
      method: 'GET',
      url: `${server.url}/v1/users/u-1/calls?page=2&size=1`,
    });
  });

  test('a page that is not a JSON array rejects with InvalidResponseError', async () => {
    pages({ '/v1/users/u-1/calls': [JSON.stringify({ calls: [] }) as string] });
    const error = await list()
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toBe(
      'GET /users/u-1/calls: expected a JSON array',
    );
    expect((error as InvalidResponseError).body).toEqual({ calls: [] });
  });

  test('argument errors of a lazily built operation surface on the first next()', async () => {
    const t = transport();
    const paged = t.paged(() => {
      throw new TypeError('callId must be a non-empty string');
    });
    await expect(paged[Symbol.asyncIterator]().next()).rejects.toThrow(TypeError);
  });

  test('request options apply to every page', async () => {
    pages({
      '/v1/users/u-1/calls': [[{ id: 1 }], '<calls?p=2>; rel=next'],
      '/v1/users/u-1/calls?p=2': [[]],
    });
    const t = transport();
    await t
      .paged({ method: 'GET', path: t.userPath('calls') }, { headers: { 'x-trace': 'z' } })
      .toArray();
    expect(server.requests.map((r) => r.headers['x-trace'])).toEqual(['z', 'z']);
  });
});
