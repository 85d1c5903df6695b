import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  isVoiceEvent,
  parseVoiceEvent,
  type VoiceEvent,
  voiceEventFromPayload,
} from '../src/callbacks';
import { CallbackError } from '../src/index';
import { jsonExamples, queryExamples } from './event-examples';

describe('JSON bodies (reference §2.2)', () => {
  test.each(jsonExamples)('%s: every field comes through, typed as sent', async (_, body) => {
    const fromObject = await parseVoiceEvent(body);
    expect(fromObject).toEqual(body);
    expect(fromObject).not.toBe(body);
    await expect(parseVoiceEvent(JSON.stringify(body))).resolves.toEqual(body);
  });

  test.each(jsonExamples)('%s: as a POST Request', async (_, body) => {
    const request = new Request('https://app.example.com/voice', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    await expect(parseVoiceEvent(request)).resolves.toEqual(body);
  });

  test('the diversion object on incomingcall and answer is kept as sent', async () => {
    const diversion = {
      privacy: 'off',
      screen: 'no',
      reason: 'unavailable',
      counter: 1,
      Limit: 1,
      origTo: '+12222222222',
    };
    const event = await parseVoiceEvent({ ...jsonExamples[0]?.[1], diversion });
    expect(event).toMatchObject({ eventType: 'incomingcall', diversion });
  });

  test('the reject form is a hangup whose cause says CALL_REJECTED', async () => {
    const event = await parseVoiceEvent(jsonExamples[3]?.[1] ?? {});
    if (event.eventType !== 'hangup') throw new Error(`expected hangup, got ${event.eventType}`);
    expect(event.cause).toBe('CALL_REJECTED');
    expect(event.callState).toBe('completed');
  });
});

describe('GET query strings (reference §3.4)', () => {
  test.each(queryExamples)('%s from a query string', async (_, query, expected) => {
    await expect(parseVoiceEvent(query)).resolves.toEqual(expected);
    await expect(parseVoiceEvent(query.slice(1))).resolves.toEqual(expected);
  });

  test.each(queryExamples)('%s from URLSearchParams', async (_, query, expected) => {
    await expect(parseVoiceEvent(new URLSearchParams(query))).resolves.toEqual(expected);
  });

  test.each(queryExamples)('%s from a GET Request', async (_, query, expected) => {
    const request = new Request(`https://app.example.com/bxml${query}`);
    await expect(parseVoiceEvent(request)).resolves.toEqual(expected);
  });

  test('an empty parameter counts as absent', async () => {
    const event = await parseVoiceEvent('eventType=answer&callId=c-1&withholdCallerNumber=&tag=');
    expect(event).not.toHaveProperty('withholdCallerNumber');
    expect(event).toMatchObject({ eventType: 'answer', callId: 'c-1' });
  });
});

describe('unknown event types', () => {
  test('come through as eventType "unknown" with every field and the raw type', async () => {
    const event = await parseVoiceEvent('eventType=reject&callId=c-1&mute=perhaps&extra=1');
    expect(event).toEqual({
      eventType: 'unknown',
      rawEventType: 'reject',
      callId: 'c-1',
      mute: 'perhaps',
      extra: '1',
    });
  });

  test('undeclared fields of known events pass through untouched', async () => {
    const event = await parseVoiceEvent({
      eventType: 'dtmf',
      callId: 'c-1',
      dtmfDigit: '#',
      x: [1],
    });
    expect(event).toEqual({ eventType: 'dtmf', callId: 'c-1', dtmfDigit: '#', x: [1] });
  });
});

describe('malformed input', () => {
  const malformed: Array<[string, Parameters<typeof parseVoiceEvent>[0]]> = [
    ['no eventType', { callId: 'c-1' }],
    ['a non-string eventType', { eventType: 5, callId: 'c-1' }],
    ['a known event without its id', 'eventType=answer&from=%2B1'],
    ['a recording without recordingId', { eventType: 'recording', callId: 'c-1' }],
    ['a conference member without memberId', { eventType: 'conference-member', conferenceId: 'x' }],
    [
      'a boolean that is not one',
      'eventType=conference-member&conferenceId=x&memberId=m&mute=maybe',
    ],
    [
      'a number that is not one',
      'eventType=conference-member&conferenceId=x&memberId=m&activeMembers=two',
    ],
    ['a diversion that is not JSON', 'eventType=answer&callId=c-1&diversion=%7Bnope'],
    ['a diversion that is a JSON array', 'eventType=answer&callId=c-1&diversion=%5B1%5D'],
    ['a JSON body that does not parse', '{"eventType":"answer",'],
    ['gather digits that are a number', { eventType: 'gather', callId: 'c-1', digits: 5 }],
    ['an answer from that is a list', { eventType: 'answer', callId: 'c-1', from: ['a'] }],
    ['a speak tag that is an object', { eventType: 'speak', callId: 'c-1', tag: {} }],
    ['a repeated to in the GET form', 'eventType=redirect&callId=c-1&to=%2B1&to=%2B2'],
    ['a callId that is a number', { eventType: 'hangup', callId: 7 }],
    [
      'a transcription text that is a number',
      { eventType: 'transcription', transcriptionId: 't', text: 1 },
    ],
    [
      'a textSize that is not a number',
      { eventType: 'transcription', transcriptionId: 't', textSize: '2x' },
    ],
    [
      'a diversion counter that is not a number',
      { eventType: 'answer', callId: 'c-1', diversion: { counter: 'many' } },
    ],
    [
      'a conference status that is a boolean',
      { eventType: 'conference', conferenceId: 'x', status: true },
    ],
    [
      'a member hold that is a number',
      { eventType: 'conference-member', conferenceId: 'x', memberId: 'm', hold: 1 },
    ],
  ];

  test.each(malformed)('%s → CallbackError 400', async (_, input) => {
    const error = await parseVoiceEvent(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallbackError);
    expect((error as CallbackError).status).toBe(400);
  });

  test.each([
    ['incomingcall', 'callId'],
    ['answer', 'callId'],
    ['hangup', 'callId'],
    ['timeout', 'callId'],
    ['playback', 'callId'],
    ['speak', 'callId'],
    ['dtmf', 'callId'],
    ['gather', 'callId'],
    ['redirect', 'callId'],
    ['transferComplete', 'callId'],
    ['transcription', 'transcriptionId'],
    ['conference', 'conferenceId'],
    ['conference-playback', 'conferenceId'],
    ['conference-speak', 'conferenceId'],
  ])('a %s without %s, or with it empty, → 400 naming the id', (eventType, id) => {
    for (const payload of [{ eventType }, { eventType, [id]: '' }]) {
      expect(() => voiceEventFromPayload(payload)).toThrow(
        new CallbackError(`Voice event "${eventType}" has no ${id}`),
      );
    }
  });

  test.each([
    ['hangup', { callId: 'c-1', cause: 5 }, 'cause'],
    ['dtmf', { callId: 'c-1', dtmfDigit: 5 }, 'dtmfDigit'],
    ['recording', { callId: 'c-1', recordingId: 'r-1', recordingUri: 1 }, 'recordingUri'],
    ['transferComplete', { callId: 'c-1', from: ['+1'] }, 'from'],
    ['timeout', { callId: 'c-1', to: 7 }, 'to'],
  ])(
    'a %s field of the wrong type → 400 naming the event and the field',
    (eventType, fields, field) => {
      expect(() => voiceEventFromPayload({ eventType, ...fields })).toThrow(
        new CallbackError(`Voice event "${eventType}" field "${field}" is not a valid string`),
      );
    },
  );

  test('a payload that is not an object, or has no eventType, → 400 saying so', () => {
    for (const payload of [null, [{ eventType: 'answer' }], 'eventType=answer']) {
      expect(() => voiceEventFromPayload(payload as unknown as Record<string, unknown>)).toThrow(
        new CallbackError('Voice callback payload must be an object'),
      );
    }
    for (const payload of [{ callId: 'c-1' }, { eventType: '' }, { eventType: 3 }]) {
      expect(() => voiceEventFromPayload(payload)).toThrow(
        new CallbackError('Voice callback payload has no eventType'),
      );
    }
  });

  test('a POST Request with a broken JSON body → CallbackError 400', async () => {
    const request = new Request('https://app.example.com/voice', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"eventType":',
    });
    await expect(parseVoiceEvent(request)).rejects.toMatchObject({
      name: 'CallbackError',
      status: 400,
    });
  });

  test('a body over maxBodyBytes → CallbackError 413', async () => {
    const request = new Request('https://app.example.com/voice', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ eventType: 'speak', callId: 'c-1', tag: 'x'.repeat(2048) }),
    });
    await expect(parseVoiceEvent(request, { maxBodyBytes: 1024 })).rejects.toMatchObject({
      status: 413,
    });
  });
});

describe('keys named like Object.prototype members', () => {
  test('are plain data of a known and of an unknown event', async () => {
    for (const eventType of ['answer', 'reject']) {
      const event = await parseVoiceEvent(
        `eventType=${eventType}&callId=c-1&toString=x&constructor=c&valueOf=v&hasOwnProperty=h&__proto__=p`,
      );
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptors(event)).toMatchObject({
        toString: { value: 'x' },
        constructor: { value: 'c' },
        valueOf: { value: 'v' },
        hasOwnProperty: { value: 'h' },
        __proto__: { value: 'p' },
      });
    }
  });
});

describe('narrowing', () => {
  test('a switch on eventType and isVoiceEvent narrow to one event interface', () => {
    const event: VoiceEvent = voiceEventFromPayload({
      eventType: 'gather',
      callId: 'c-1',
      digits: '42',
    });
    expect(isVoiceEvent(event, 'gather')).toBe(true);
    expect(isVoiceEvent(event, 'answer')).toBe(false);
    if (isVoiceEvent(event, 'gather')) {
      expectTypeOf(event.digits).toEqualTypeOf<string | undefined>();
      expect(event.digits).toBe('42');
    }
    switch (event.eventType) {
      case 'conference-member':
        expectTypeOf(event.activeMembers).toEqualTypeOf<number | undefined>();
        break;
      case 'unknown':
        expectTypeOf(event.rawEventType).toEqualTypeOf<string>();
        break;
    }
  });

  test('voiceEventFromPayload does not modify the payload it is given', () => {
    const payload = Object.freeze({
      eventType: 'conference-member',
      conferenceId: 'x',
      memberId: 'm',
      mute: 'true',
    });
    expect(voiceEventFromPayload(payload)).toMatchObject({ mute: true });
    expect(payload.mute).toBe('true');
  });
});
