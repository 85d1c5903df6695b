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
import { createVoiceCallbackHandler, parseVoiceEvent } from '../src/callbacks';
import { CallbackError } from '../src/index';
import { eventFields } from '../src/parse-event';

const eventTypes = Object.keys(eventFields);
const fieldNames = [
  ...new Set(Object.values(eventFields).flatMap((fields) => Object.keys(fields))),
];
const inputs = callbackInputs(eventTypes, fieldNames);

test(
  `parseVoiceEvent: ${FUZZ_RUNS} inputs give a typed event or a CallbackError 4xx`,
  () =>
    fuzzParser(inputs, parseVoiceEvent, CallbackError, (event) => {
      const declared = eventFields[event.eventType as keyof typeof eventFields];
      if (declared === undefined) {
        expect(event.eventType).toBe('unknown');
        expect(typeof event.rawEventType).toBe('string');
        return;
      }
      for (const [field, type] of Object.entries(declared)) {
        if (Object.hasOwn(event, field)) expect(hasDeclaredType(type, event[field])).toBe(true);
      }
    }),
  FUZZ_TIMEOUT_MS,
);

test(
  `the voice handler answers ${FUZZ_RUNS} inputs with 200 or a 4xx, never a 5xx`,
  () => fuzzHandler(inputs, (onEvent) => createVoiceCallbackHandler({ onEvent })),
  FUZZ_TIMEOUT_MS,
);

test('Object.prototype names in the GET form are plain data', async () => {
  const query = PROTOTYPE_KEYS.map((key) => `${key}=x`).join('&');
  for (const eventType of ['answer', 'no-such-event']) {
    const event = await parseVoiceEvent(`eventType=${eventType}&callId=c-1&${query}`);
    for (const key of PROTOTYPE_KEYS) {
      expect(Object.getOwnPropertyDescriptor(event, key)?.value).toBe('x');
    }
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  }
});
