import { describe, expect, test } from 'vitest';
import {
  omitUndefined,
  requireBoolean,
  requireId,
  requireKeys,
  requireNumber,
  requireString,
  ValidationError,
} from '../src/internal';

describe('requireId', () => {
  test('returns a non-empty string as is', () => {
    expect(requireId('callId', 'c-1')).toBe('c-1');
  });

  test.each([[''], [undefined], [null], [42], [{}]])(
    'rejects %o with a TypeError naming the parameter',
    (value) => {
      expect(() => requireId('callId', value)).toThrow(
        new TypeError('callId must be a non-empty string'),
      );
    },
  );
});

describe('requireString, requireBoolean, requireNumber', () => {
  test('return a value of the right type as is', () => {
    expect(requireString('sentence', '')).toBe('');
    expect(requireBoolean('mute', false)).toBe(false);
    expect(requireNumber('volume', -3.5)).toBe(-3.5);
  });

  test.each([
    [() => requireString('sentence', 5), 'sentence must be a string, got number'],
    [() => requireString('sentence', null), 'sentence must be a string, got null'],
    [() => requireBoolean('mute', 'true'), 'mute must be a boolean, got string'],
    [() => requireBoolean('mute', [true]), 'mute must be a boolean, got an array'],
    [() => requireNumber('volume', Number.NaN), 'volume must be a finite number, got NaN'],
    [
      () => requireNumber('volume', 1 / 0),
      'volume must be a finite number, got a non-finite number',
    ],
    [() => requireNumber('volume', '3'), 'volume must be a finite number, got string'],
  ])(
    '%# throws a TypeError naming the parameter and the type, never the value',
    (check, message) => {
      expect(check).toThrow(new TypeError(message));
      expect(check).toThrow(TypeError);
    },
  );
});

describe('requireKeys', () => {
  test('passes when every key is present and non-empty', () => {
    expect(() =>
      requireKeys('options', { from: '+1', to: '+2', text: '' }, ['from', 'to']),
    ).not.toThrow();
    expect(() => requireKeys('options', { n: 0, b: false }, ['n', 'b'])).not.toThrow();
  });

  test.each([
    [{ to: '+2' }, 'options.from is required'],
    [{ from: '', to: '+2' }, 'options.from is required'],
    [{ from: '+1', to: undefined }, 'options.to is required'],
  ])('names the missing key of %o', (value, message) => {
    expect(() => requireKeys('options', value, ['from', 'to'])).toThrow(
      new ValidationError(message),
    );
  });

  test('a missing options object is a ValidationError too', () => {
    expect(() => requireKeys('options', undefined, ['from'])).toThrow(ValidationError);
  });
});

describe('omitUndefined', () => {
  test('drops undefined keys deeply and never mutates the input', () => {
    const input = {
      a: 1,
      b: undefined,
      nested: { c: undefined, d: null, list: [{ e: undefined, f: 'x' }] },
      when: new Date(0),
    };
    const copy = omitUndefined(input);
    expect(copy).toEqual({ a: 1, nested: { d: null, list: [{ f: 'x' }] }, when: new Date(0) });
    expect(Object.keys(copy)).toEqual(['a', 'nested', 'when']);
    expect(Object.keys(copy.nested.list[0] ?? {})).toEqual(['f']);
    expect('b' in input).toBe(true);
    expect(copy.nested).not.toBe(input.nested);
    expect(copy.when).toBe(input.when);
  });
});
