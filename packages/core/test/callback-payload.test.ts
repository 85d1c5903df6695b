import { describe, expect, test } from 'vitest';
import {
  type CallbackFieldType,
  readCallbackPayload,
  typeCallbackFields,
} from '../src/callbacks/index';
import { CallbackError } from '../src/index';

/** The error `promise` rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<CallbackError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CallbackError);
  return error as CallbackError;
}

const post = (body: string, headers: Record<string, string> = {}, url = 'http://h/cb') =>
  new Request(url, { method: 'POST', headers, body });

describe('readCallbackPayload reads the body the way it was sent', () => {
  test('a query string whose values hold brackets or braces is not taken for JSON', async () => {
    expect(await readCallbackPayload('text=[hi]&tag={x}')).toEqual({ text: '[hi]', tag: '{x}' });
    expect(await readCallbackPayload('?media=a&text=[1,2]')).toEqual({
      media: 'a',
      text: '[1,2]',
    });
  });

  test('a form body is a form even when its first key starts with a brace', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect(await readCallbackPayload(post('{a}=1&b=2', form))).toEqual({ '{a}': '1', b: '2' });
    expect(await readCallbackPayload(post('[x]=y', form))).toEqual({ '[x]': 'y' });
  });

  test('a POST body of only whitespace gives the query, like an empty one', async () => {
    for (const body of ['', '   ', '\r\n\t ']) {
      const request = post(body, { 'content-type': 'application/json' }, 'http://h/cb?a=1&b=2');
      expect(await readCallbackPayload(request)).toEqual({ a: '1', b: '2' });
    }
  });

  test('GET and HEAD give the query whatever length the headers declare', async () => {
    for (const method of ['GET', 'HEAD']) {
      const request = new Request('http://h/cb?eventType=answer', {
        method,
        headers: { 'content-length': '5000', 'content-type': 'application/json' },
      });
      expect(await readCallbackPayload(request, { maxBodyBytes: 10 })).toEqual({
        eventType: 'answer',
      });
    }
  });

  test('a body of exactly maxBodyBytes is read, given as a string or declared by a request', async () => {
    const text = JSON.stringify({ eventType: 'sms', text: 'é'.repeat(8) });
    const limit = new TextEncoder().encode(text).byteLength;
    expect(text.length).toBeLessThan(limit); // the limit counts bytes, not characters
    const expected = { eventType: 'sms', text: 'é'.repeat(8) };
    expect(await readCallbackPayload(text, { maxBodyBytes: limit })).toEqual(expected);
    const declared = post(text, { 'content-length': String(limit) });
    expect(await readCallbackPayload(declared, { maxBodyBytes: limit })).toEqual(expected);
    const over = await rejection(readCallbackPayload(`${text} `, { maxBodyBytes: limit }));
    expect(over.status).toBe(413);
    expect(over.message).toBe(`Callback body exceeds ${limit} bytes`);
  });

  test('a body that fails while it is read is a CallbackError 400, unreadable', async () => {
    const failing = new Request('http://h/cb', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"eventType":'));
          controller.error(new Error('connection reset'));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    const error = await rejection(readCallbackPayload(failing));
    expect(error.status).toBe(400);
    expect(error.message).toBe('Callback body unreadable');
  });

  test.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [{ eventType: 'sms' }]],
    ['a number', 42],
    ['a boolean', true],
  ])('%s is a CallbackError 400 naming what is accepted', async (_label, input) => {
    const error = await rejection(readCallbackPayload(input as never));
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      'Callback input must be a Request, string, URLSearchParams or object',
    );
  });
});

describe('typeCallbackFields', () => {
  const reject = { invalid: 'reject', subject: 'Voice event "gather"' } as const;
  const omit = { invalid: 'omit', subject: 'Voice event "gather"' } as const;

  test('decimals with several fraction digits are numbers', () => {
    const typed = typeCallbackFields(
      { a: '1.25', b: '-2.75', c: '10.0625' },
      { a: 'number', b: 'number', c: 'number' },
      reject,
    );
    expect(typed).toEqual({ a: 1.25, b: -2.75, c: 10.0625 });
  });

  test('a JSON list with anything but strings is read in the bracket form, as text', () => {
    const typed = typeCallbackFields({ media: '["a", 1, null]' }, { media: 'list' }, reject);
    expect(typed.media).toEqual(['"a"', '1', 'null']);
  });

  test('an object field of only whitespace is absent, not malformed', () => {
    const typed = typeCallbackFields({ meta: ' \t ', other: 'x' }, { meta: 'object' }, reject);
    expect(typed).toEqual({ other: 'x' });
    expect(Object.hasOwn(typed, 'meta')).toBe(false);
  });

  test('null and undefined fields of every type are absent, never rejected', () => {
    const types: CallbackFieldType[] = [
      'string',
      'number',
      'boolean',
      'list',
      'object',
      { a: 'number' },
    ];
    for (const type of types) {
      for (const raw of [null, undefined]) {
        const typed = typeCallbackFields({ value: raw, kept: 1 }, { value: type }, reject);
        expect(typed).toEqual({ kept: 1 });
        expect(Object.hasOwn(typed, 'value')).toBe(false);
      }
    }
  });

  test('a declared field the payload lacks stays absent, even one named like a prototype member', () => {
    const fields = { toString: 'string', constructor: 'number', valueOf: 'object' } as const;
    expect(typeCallbackFields({ x: '1' }, fields, reject)).toEqual({ x: '1' });
    const omitted = typeCallbackFields({ x: '1' }, fields, omit);
    expect(Object.keys(omitted)).toEqual(['x']);
  });

  test('a wrong field in a nested table is named with its path and called an object', () => {
    const fields = { meta: { size: 'number' }, inner: { deep: { flag: 'boolean' } } } as const;
    expect(() => typeCallbackFields({ meta: 5 }, fields, reject)).toThrow(
      'Voice event "gather" field "meta" is not a valid object',
    );
    expect(() => typeCallbackFields({ inner: { deep: '[1]' } }, fields, reject)).toThrow(
      'Voice event "gather" field "inner.deep" is not a valid object',
    );
    expect(() =>
      typeCallbackFields({ inner: { deep: { flag: 'maybe' } } }, fields, reject),
    ).toThrow('Voice event "gather" field "inner.deep.flag" is not a valid boolean');
  });

  test('omit leaves an invalid field out entirely: no key, no placeholder value', () => {
    const typed = typeCallbackFields(
      { count: 'many', on: 'yes', media: [1], meta: '[]', name: 'n' },
      { count: 'number', on: 'boolean', media: 'list', meta: 'object', name: 'string' },
      omit,
    );
    expect(Object.keys(typed)).toEqual(['name']);
    expect(Object.getOwnPropertySymbols(typed)).toEqual([]);
    expect(Object.values(typed)).toEqual(['n']);
  });

  test('a declared __proto__ field is typed, replaced and omitted as data', () => {
    const fields = JSON.parse('{"__proto__":"number"}') as Record<string, CallbackFieldType>;
    const payload = JSON.parse('{"__proto__":"7","name":"n"}') as Record<string, unknown>;
    const typed = typeCallbackFields(payload, fields, reject);
    expect(Object.keys(typed)).toEqual(['__proto__', 'name']);
    expect(Object.getOwnPropertyDescriptor(typed, '__proto__')).toEqual({
      value: 7,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    expect(JSON.stringify(typed)).toBe('{"__proto__":7,"name":"n"}');

    const wrong = JSON.parse('{"__proto__":"seven","name":"n"}') as Record<string, unknown>;
    const omitted = typeCallbackFields(wrong, fields, omit);
    expect(Object.keys(omitted)).toEqual(['name']);
    expect(Object.hasOwn(omitted, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(omitted)).toBe(Object.prototype);
  });
});
