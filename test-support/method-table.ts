// The method-table pattern of the client tests: one declarative case per public method (how to
// call it, what the API answers, which requests must reach the wire, what the method resolves)
// drives the surface, wire, encoding and bad-id tests of every client package. Each package keeps
// its cases, its id names and its client; this file holds what they share.
import { describe, expect, test } from 'vitest';
import type { RecordedRequest, Recorder, Reply, Responder } from './http-recorder';

/** One request a method must send. */
export interface ExpectedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, percent-encoded as sent. */
  path: string;
  /** Exact query string with `?`; `''` (the default) when none. */
  search?: string;
  /** The exact JSON body; `undefined` = no JSON body (then no body at all unless `body` says). */
  json?: unknown;
  /** The exact raw body, for a method that sends bytes rather than JSON. */
  body?: string;
  /** Headers that must have these values (`undefined` = absent); `accept` defaults to JSON. */
  headers?: Record<string, string | undefined>;
}

/** One public method of a client, once. */
export interface MethodCase<Client, IdName extends string> {
  name: string;
  /** The path ids the method takes, in argument order. */
  idParams: IdName[];
  run: (client: Client, ids: Record<IdName, string>) => Promise<unknown>;
  reply?: Reply | Responder;
  /** Built from the percent-encoded ids. */
  requests: (ids: Record<IdName, string>) => ExpectedRequest[];
  returns: unknown;
}

/** Deep-frozen, so a method that mutates its argument throws instead of passing. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** Two pages: the first links to the second with a cursor; the original query is not re-sent. */
export function twoPages(first: unknown[], second: unknown[]): Responder {
  return (request: { path: string; search: string }, recorder: Recorder) =>
    request.search === '?cursor=p2'
      ? { body: second }
      : {
          body: first,
          headers: {
            link: `<${recorder.url}${request.path}?page=0>; rel="first", <${recorder.url}${request.path}?cursor=p2>; rel="next"`,
          },
        };
}

/** The two requests of a list answered by `twoPages`. */
export function pagedRequests(path: string, search = ''): ExpectedRequest[] {
  return [
    { method: 'GET', path, search },
    { method: 'GET', path, search: '?cursor=p2' },
  ];
}

/** The names a client's own methods have (its prototype chain down to, not including, `base`). */
export function methodNames(client: { prototype: object }, base: { prototype: object }): string[] {
  const names = new Set<string>();
  for (
    let proto: object | null = client.prototype;
    proto && proto !== base.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor') names.add(name);
    }
  }
  return [...names].sort();
}

/** What a test file hands the shared tests. */
export interface MethodTable<Client, IdName extends string> {
  cases: Array<MethodCase<Client, IdName>>;
  /** The recorder and a client of it, ready when the tests run (`beforeAll`). */
  recorder: () => Recorder;
  client: () => Client;
  /** Ordinary ids, and ids that need percent-encoding (spaces, `+`, `/`, `%`). */
  plainIds: Record<IdName, string>;
  awkwardIds: Record<IdName, string>;
  /** The `Authorization` header every request carries. */
  authorization: string;
}

function encoded<IdName extends string>(ids: Record<IdName, string>): Record<IdName, string> {
  return Object.fromEntries(
    Object.entries(ids).map(([name, value]) => [name, encodeURIComponent(value as string)]),
  ) as Record<IdName, string>;
}

/** What a request looked like on the wire. */
function wire(request: RecordedRequest) {
  return { method: request.method, path: request.path, search: request.search, json: request.json };
}

/**
 * The surface test: the client has exactly the methods of the table, `count` of them. `client`
 * and `base` are the client class and the class it extends.
 */
export function describeSurface<Client, IdName extends string>(
  title: string,
  table: Pick<MethodTable<Client, IdName>, 'cases'>,
  client: { prototype: object },
  base: { prototype: object },
  count: number,
): void {
  describe(title, () => {
    test(`has exactly the ${count} documented methods, each covered by a wire case`, () => {
      const names = methodNames(client, base);
      const covered = table.cases.map((c) => c.name);
      expect(new Set(covered).size).toBe(covered.length);
      expect(names).toEqual([...covered].sort());
      expect(names).toHaveLength(count);
    });
  });
}

/**
 * Per case: the documented requests and result (method, path, query, body, auth, `Accept`, a body
 * and its `Content-Type` together), and, for a method with path ids, each id encoded once.
 */
export function describeWireCases<Client, IdName extends string>(
  table: MethodTable<Client, IdName>,
): void {
  describe.each(table.cases)('$name', (method) => {
    test('sends the documented request and resolves the documented value', async () => {
      const recorder = table.recorder();
      if (method.reply) recorder.answer(method.reply);
      const result = await method.run(table.client(), table.plainIds);

      expect(result).toEqual(method.returns);
      const expected = method.requests(table.plainIds);
      expect(recorder.requests.map(wire)).toEqual(
        expected.map(({ method: verb, path, search = '', json }) => ({
          method: verb,
          path,
          search,
          json,
        })),
      );
      recorder.requests.forEach((request, index) => {
        const { json, body, headers = {} } = expected[index] ?? {};
        expect(request.headers.authorization).toBe(table.authorization);
        expect(request.headers.accept).toBe(headers.accept ?? 'application/json');
        for (const [name, value] of Object.entries(headers)) {
          if (name !== 'accept') expect(request.headers[name]).toBe(value);
        }
        // A body and its Content-Type travel together; a request without one carries neither.
        if (body !== undefined) {
          expect(request.body).toBe(body);
        } else if (json !== undefined) {
          // The exact bytes: no undefined keys, keys in the order given.
          expect(request.body).toBe(JSON.stringify(json));
          expect(request.headers['content-type']).toMatch(/^application\/json/);
        } else {
          expect(request.body).toBe('');
          expect(request.headers['content-type']).toBeUndefined();
        }
      });
    });

    if (method.idParams.length > 0) {
      test('encodes each path id exactly once', async () => {
        const recorder = table.recorder();
        if (method.reply) recorder.answer(method.reply);
        await method.run(table.client(), table.awkwardIds);

        const expected = method.requests(encoded(table.awkwardIds));
        expect(recorder.requests[0]?.path).toBe(expected[0]?.path);
        expect(recorder.requests[0]?.path).not.toMatch(/[ +]/);
      });
    }
  });
}

const badIds: Array<[string, unknown]> = [
  ['an empty string', ''],
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
];

/** Per case with path ids: each bad id rejects with a `TypeError` naming it, sending nothing. */
export function describeBadIds<Client, IdName extends string>(
  table: Pick<MethodTable<Client, IdName>, 'cases' | 'recorder' | 'client' | 'plainIds'>,
): void {
  const withIds = table.cases.filter((method) => method.idParams.length > 0);
  describe.each(withIds)('$name with a bad path id', (method) => {
    test.each(badIds)(
      'rejects %s with a TypeError naming the parameter, sending nothing',
      async (_, bad) => {
        for (const param of method.idParams) {
          const ids = { ...table.plainIds, [param]: bad as string };
          const error = await method.run(table.client(), ids).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain(param);
        }
        expect(table.recorder().requests).toHaveLength(0);
      },
    );
  });
}
