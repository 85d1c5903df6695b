// Seeded random callbacks through the parser and the handler: every input is an event or a 4xx
// CallbackError, never a crash, a 5xx, a function under a field name or a changed prototype.
import { expect, test } from 'vitest';
import {
  callbackInputs,
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  fuzzHandler,
  fuzzParser,
  hasDeclaredType,
  PROTOTYPE_KEYS,
} from '../../../test-support/callback-fuzz';
import { createMessagingCallbackHandler, parseMessageEvent } from '../src/callbacks';
import { FIELD_TYPES } from '../src/events';
import { CallbackError } from '../src/index';

const inputs = callbackInputs(['sms', 'mms'], Object.keys(FIELD_TYPES));

test(
  `parseMessageEvent: ${FUZZ_RUNS} inputs give a typed event or a CallbackError 4xx`,
  () =>
    fuzzParser(inputs, parseMessageEvent, CallbackError, (event) => {
      expect(['sms', 'mms', 'unknown']).toContain(event.eventType);
      for (const [field, type] of Object.entries(FIELD_TYPES)) {
        if (Object.hasOwn(event, field)) expect(hasDeclaredType(type, event[field])).toBe(true);
      }
    }),
  FUZZ_TIMEOUT_MS,
);

test(
  `the messaging handler answers ${FUZZ_RUNS} inputs with 200 or a 4xx, never a 5xx`,
  () => fuzzHandler(inputs, (onEvent) => createMessagingCallbackHandler({ onEvent })),
  FUZZ_TIMEOUT_MS,
);

test('Object.prototype names in the GET form are plain data', async () => {
  const query = PROTOTYPE_KEYS.map((key) => `${key}=x`).join('&');
  const event = await parseMessageEvent(`eventType=sms&from=%2B1&${query}`);
  for (const key of PROTOTYPE_KEYS)
    expect(Object.getOwnPropertyDescriptor(event, key)?.value).toBe('x');
  expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  expect(event).toMatchObject({ eventType: 'sms', from: '+1' });
});
