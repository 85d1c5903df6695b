// Random callback input for the messaging and voice parsers and handlers: query strings, JSON
// objects and text, and Fetch requests of every form, built from the declared field names, the
// names of Object.prototype members and arbitrary text. Seeded, so a failure reproduces with the
// seed and path fast-check prints. `pnpm fuzz` raises the run count (FUZZ_RUNS) to 100,000.
import fc from 'fast-check';
import { expect } from 'vitest';

/** Inputs per property: 5,000 in `pnpm test`, `FUZZ_RUNS` when set (`pnpm fuzz`). */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
/** The seed of every property; `FUZZ_SEED` replays another. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_205);
/** Time a property may take: generous, as the 100,000-input run shares the machine. */
export const FUZZ_TIMEOUT_MS = Math.max(60_000, FUZZ_RUNS * 5);

/** Keys that would reach a function or the prototype setter on an ordinary object. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
] as const;

/** One callback as it may reach a parser: a `Request`, a string, `URLSearchParams` or an object. */
export type FuzzInput = Request | string | URLSearchParams | Record<string, unknown>;

/** What a generated input is, for the message of a failing property. */
export interface FuzzCase {
  form: string;
  input: FuzzInput;
}

/** Field values as the GET form carries them: text of every shape the parsers convert. */
const textValue = fc.oneof(
  fc.string(),
  fc.constantFrom('', 'true', 'FALSE', '0', '-2.5', '1e3', '0x10', ' 7 ', 'NaN', '[a, b]', '["x"]'),
  fc.constantFrom('{"counter":1}', '{"counter":"x"}', '[1]', 'null', '%', '%ZZ', '\u0000', '\r\n'),
  fc.string({ unit: 'binary' }),
);

/** Field values as a JSON body carries them: any JSON value, text ones more often. */
const jsonValue = fc.oneof(
  { weight: 2, arbitrary: textValue },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 3 }) },
);

/**
 * Every form of callback input over the given event types and field names: the form, the input
 * and, for a Fetch `Request`, a fresh one per run.
 */
export function callbackInputs(
  eventTypes: readonly string[],
  fieldNames: readonly string[],
): fc.Arbitrary<FuzzCase> {
  const eventType = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...eventTypes) },
    { weight: 1, arbitrary: fc.string() },
  );
  const key = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const pairs = fc.array(fc.tuple(key, textValue), { maxLength: 12 });
  const query = fc.tuple(fc.option(eventType, { freq: 8 }), pairs).map(([type, rest]) => {
    const entries: Array<[string, string]> = type === null ? [] : [['eventType', type]];
    return new URLSearchParams([...entries, ...rest]).toString();
  });
  const object = fc
    .tuple(eventType, fc.array(fc.tuple(key, jsonValue), { maxLength: 12 }))
    .map(([type, entries]) => {
      const record: Record<string, unknown> = {};
      for (const [name, value] of [['eventType', type] as const, ...entries]) {
        Object.defineProperty(record, name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return record;
    });
  const jsonText = object.map((record) => JSON.stringify(record));
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/vnd.api+json',
    '',
  );
  const body = fc.oneof(
    jsonText,
    query,
    fc.string(),
    jsonText.map((text) => text.slice(0, -1)),
  );
  return fc.oneof(
    query.map((input) => ({ form: 'query string', input })),
    query.map((input) => ({ form: 'query string with ?', input: `?${input}` })),
    query.map((input) => ({ form: 'URLSearchParams', input: new URLSearchParams(input) })),
    object.map((input) => ({ form: 'object', input })),
    jsonText.map((input) => ({ form: 'JSON text', input })),
    fc.string().map((input) => ({ form: 'text', input })),
    query.map((input) => ({
      form: 'GET Request',
      input: new Request(`http://127.0.0.1/callback?${input}`),
    })),
    fc.tuple(body, contentType, query).map(([text, type, search]) => ({
      form: `POST Request (${type || 'no type'})`,
      input: new Request(`http://127.0.0.1/callback?${search}`, {
        method: 'POST',
        headers: type === '' ? {} : { 'content-type': type },
        body: text,
      }),
    })),
  );
}

/** A fresh copy of a case: a `Request` body can be read once. */
export function replay({ form, input }: FuzzCase): FuzzCase {
  return { form, input: input instanceof Request ? input.clone() : input };
}

/** The input as the request a handler receives: itself, a GET with the query, or a JSON POST. */
export function toRequest(input: FuzzInput): Request {
  if (input instanceof Request) return input;
  const url = 'http://127.0.0.1/callback';
  if (input instanceof URLSearchParams) return new Request(`${url}?${input}`);
  if (typeof input === 'string' && !/^\s*[[{]/.test(input)) {
    return new Request(`${url}?${input.replace(/^\?/, '')}`);
  }
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  });
}

/** Runs `property` over `FUZZ_RUNS` seeded inputs. */
export async function fuzz(
  inputs: fc.Arbitrary<FuzzCase>,
  property: (fuzzCase: FuzzCase) => Promise<void>,
): Promise<void> {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  await fc.assert(
    fc.asyncProperty(inputs, (fuzzCase) => property(replay(fuzzCase))),
    { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
  );
  // No input may have added to, or replaced, what every object inherits.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** The event holds data only: no inherited function under a field name, no swapped prototype. */
export function expectPlainData(event: Record<string, unknown>): void {
  const prototype: unknown = Object.getPrototypeOf(event);
  expect(prototype === Object.prototype || prototype === null).toBe(true);
  for (const key of Object.keys(event)) {
    expect(typeof event[key]).not.toBe('function');
  }
}

/** A type name as the event tables declare it, checked against a value. */
export function hasDeclaredType(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/**
 * Runs `parse` over the seeded inputs: each gives an event of plain data, handed to `check`, or
 * an `errorClass` error with a 4xx `status` — never another error.
 */
export async function fuzzParser(
  inputs: fc.Arbitrary<FuzzCase>,
  parse: (input: FuzzInput) => Promise<object>,
  errorClass: abstract new (...args: never[]) => Error & { status: number },
  check: (event: Record<string, unknown>) => void,
): Promise<void> {
  await fuzz(inputs, async ({ input }) => {
    let event: Record<string, unknown>;
    try {
      event = { ...(await parse(input)) };
    } catch (error) {
      expect(error).toBeInstanceOf(errorClass);
      const { status } = error as { status: number };
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      return;
    }
    expectPlainData(event);
    check(event);
  });
}

/**
 * Sends the seeded inputs to a handler made by `create`: each is answered 200 with its
 * `onEvent` called once, or a 4xx with `onEvent` not called — never a 5xx.
 */
export async function fuzzHandler(
  inputs: fc.Arbitrary<FuzzCase>,
  create: (onEvent: () => void) => (request: Request) => Promise<Response>,
): Promise<void> {
  let delivered = 0;
  const handler = create(() => {
    delivered += 1;
  });
  await fuzz(inputs, async ({ input }) => {
    const before = delivered;
    const response = await handler(toRequest(input));
    expect(response.status === 200 || (response.status >= 400 && response.status < 500)).toBe(true);
    expect(delivered - before).toBe(response.status === 200 ? 1 : 0);
  });
}
