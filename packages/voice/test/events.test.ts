import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  CallbackError,
  isVoiceEvent,
  parseVoiceEvent,
  type VoiceEvent,
  voiceEventFromPayload,
} from '../src/index';

const api = 'https://api.catapult.inetwork.com/v1/users/u-1';

// The example bodies of the API reference (§2.2), placeholders filled in.
const jsonExamples: Array<[string, Record<string, unknown>]> = [
  [
    'incomingcall',
    {
      eventType: 'incomingcall',
      from: '+13233326955',
      to: '+13865245000',
      callId: 'c-1',
      callUri: `${api}/calls/c-1`,
      callState: 'active',
      applicationId: 'a-1',
      time: '2012-11-14T16:21:59.616Z',
    },
  ],
  [
    'answer',
    {
      eventType: 'answer',
      from: '+15753222083',
      to: '+13865245000',
      callId: 'c-2',
      callUri: `${api}/calls/c-2`,
      callState: 'active',
      time: '2012-11-14T16:29:35.427Z',
      tag: 'example-tag',
    },
  ],
  [
    'hangup',
    {
      eventType: 'hangup',
      callId: 'c-3',
      callUri: `${api}/calls/c-3`,
      from: '+13233326955',
      to: '+13233326955',
      cause: 'NORMAL_CLEARING',
      time: '2012-11-14T15:56:12.636Z',
    },
  ],
  [
    'hangup (reject)',
    {
      eventType: 'hangup',
      from: '+15302987472',
      to: '+12702380149',
      callId: 'c-4',
      callUri: 'https://api.dev.catapult.inetwork.com/v1/users/u-1/calls/c-4',
      callState: 'completed',
      cause: 'CALL_REJECTED',
      time: '2014-04-23T11:53:43-03',
    },
  ],
  [
    'timeout',
    {
      eventType: 'timeout',
      from: '+12096626728',
      to: '+15756162105',
      callId: 'c-5',
      callUri: `${api}/calls/c-5`,
      time: '2013-11-06T14:25:58.857Z',
    },
  ],
  [
    'playback',
    {
      eventType: 'playback',
      callId: 'c-6',
      callUri: `${api}/calls/c-6`,
      status: 'started',
      time: '2012-11-14T15:56:05.896Z',
    },
  ],
  [
    'speak',
    {
      callId: 'c-7',
      callUri: `${api}/calls/c-7`,
      eventType: 'speak',
      status: 'done',
      time: '2013-06-26T17:55:46.768Z',
    },
  ],
  [
    'dtmf',
    {
      eventType: 'dtmf',
      callId: 'c-8',
      callUri: `${api}/calls/c-8`,
      dtmfDigit: '5',
      time: '2012-11-14T15:56:09.276Z',
    },
  ],
  [
    'gather',
    {
      eventType: 'gather',
      reason: 'max-digits',
      state: 'completed',
      digits: '25',
      time: '2014-07-31T01:01:27Z',
      callId: 'c-9',
      gatherId: 'g-1',
      tag: 'menu',
    },
  ],
  [
    'recording',
    {
      callId: 'c-10',
      eventType: 'recording',
      recordingId: 'rec-1',
      recordingUri: `${api}/recordings/rec-1`,
      status: 'complete',
      startTime: '2013-08-19T16:56:57.643Z',
      endTime: '2013-08-19T16:57:08.712Z',
    },
  ],
  [
    'transcription',
    {
      eventType: 'transcription',
      transcriptionUri: `${api}/recordings/rec-1/transcriptions/tr-1`,
      textSize: 3627,
      text: 'Hello From Bandwidth',
      status: 'completed',
      textUrl: `${api}/media/tr-1`,
      recordingId: 'rec-1',
      state: 'completed',
      transcriptionId: 'tr-1',
    },
  ],
  [
    'transcription (error)',
    {
      eventType: 'transcription',
      status: 'error',
      recordingId: 'rec-2',
      state: 'error',
      transcriptionId: 'tr-2',
    },
  ],
  [
    'conference',
    {
      conferenceId: 'conf-1',
      conferenceUri: `${api}/conferences/conf-1`,
      eventType: 'conference',
      status: 'completed',
      createdTime: '2013-07-12T16:29:32.521-02:00',
      completedTime: '2013-07-12T16:45:10.103-02:00',
    },
  ],
  [
    'conference-member',
    {
      activeMembers: 1,
      callId: 'c-11',
      conferenceId: 'conf-1',
      eventType: 'conference-member',
      hold: false,
      memberId: 'm-1',
      memberUri: `${api}/conferences/conf-1/members/m-1`,
      mute: true,
      state: 'active',
      time: '2013-07-12T20:53:11.646Z',
    },
  ],
  [
    'conference-playback',
    {
      eventType: 'conference-playback',
      conferenceId: 'conf-1',
      conferenceUri: `${api}/conferences/conf-1`,
      status: 'started',
      time: '2013-07-12T21:18:19.966Z',
    },
  ],
  [
    'conference-speak',
    {
      eventType: 'conference-speak',
      conferenceId: 'conf-1',
      conferenceUri: `${api}/conferences/conf-1`,
      status: 'done',
      time: '2013-07-12T21:18:19.966Z',
    },
  ],
];

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

// The GET query strings of the BXML callbacks (reference §3.4), placeholders filled in.
const callUri = encodeURIComponent(`${api}/calls/c-20`);
const diversionJson = encodeURIComponent(
  JSON.stringify({
    privacy: 'off',
    screen: 'no',
    reason: 'unavailable',
    counter: 1,
    limit: 1,
    origTo: '+12222222222',
  }),
);
const queryExamples: Array<[string, string, Record<string, unknown>]> = [
  [
    'answer',
    `?callState=active&to=%2B13865245000&withholdCallerNumber=false&time=2016-02-20T16%3A22%3A30Z&from=%2B15753222083&eventType=answer&withholdCallerName=false&displayName=%2B15753222083&diversion=${diversionJson}&callId=c-20&tag=flow-1&callUri=${callUri}`,
    {
      eventType: 'answer',
      callState: 'active',
      to: '+13865245000',
      from: '+15753222083',
      withholdCallerNumber: false,
      withholdCallerName: false,
      time: '2016-02-20T16:22:30Z',
      displayName: '+15753222083',
      diversion: {
        privacy: 'off',
        screen: 'no',
        reason: 'unavailable',
        counter: 1,
        limit: 1,
        origTo: '+12222222222',
      },
      callId: 'c-20',
      tag: 'flow-1',
      callUri: `${api}/calls/c-20`,
    },
  ],
  [
    'incomingcall',
    `?callState=active&to=%2B13865245000&withholdCallerNumber=true&time=2016-02-20T16%3A22%3A30Z&from=%2B15753222083&eventType=incomingcall&withholdCallerName=false&displayName=Alice&callId=c-20&callUri=${callUri}`,
    {
      eventType: 'incomingcall',
      callState: 'active',
      to: '+13865245000',
      from: '+15753222083',
      withholdCallerNumber: true,
      withholdCallerName: false,
      time: '2016-02-20T16:22:30Z',
      displayName: 'Alice',
      callId: 'c-20',
      callUri: `${api}/calls/c-20`,
    },
  ],
  [
    'gather',
    `?terminatingDigit=%23&time=2016-02-20T16%3A22%3A40Z&reason=terminating-digit&state=completed&eventType=gather&digits=123&callId=c-20&callUri=${callUri}&gatherId=g-20`,
    {
      eventType: 'gather',
      terminatingDigit: '#',
      time: '2016-02-20T16:22:40Z',
      reason: 'terminating-digit',
      state: 'completed',
      digits: '123',
      callId: 'c-20',
      callUri: `${api}/calls/c-20`,
      gatherId: 'g-20',
    },
  ],
  [
    'recording',
    `?startTime=2016-02-20T16%3A22%3A41Z&recordingUri=${encodeURIComponent(`${api}/recordings/rec-20`)}&status=complete&recordingId=rec-20&eventType=recording&endTime=2016-02-20T16%3A22%3A59Z&callId=c-20`,
    {
      eventType: 'recording',
      startTime: '2016-02-20T16:22:41Z',
      recordingUri: `${api}/recordings/rec-20`,
      status: 'complete',
      recordingId: 'rec-20',
      endTime: '2016-02-20T16:22:59Z',
      callId: 'c-20',
    },
  ],
  [
    'redirect',
    '?to=%2B13865245000&callState=active&from=%2B15753222083&eventType=redirect&callId=c-20',
    {
      eventType: 'redirect',
      to: '+13865245000',
      callState: 'active',
      from: '+15753222083',
      callId: 'c-20',
    },
  ],
  [
    'transferComplete',
    `?to=%2B19195554545&callState=active&time=2016-02-20T16%3A25%3A00Z&from=%2B13865245000&eventType=transferComplete&callId=c-20&callUri=${callUri}`,
    {
      eventType: 'transferComplete',
      to: '+19195554545',
      callState: 'active',
      time: '2016-02-20T16:25:00Z',
      from: '+13865245000',
      callId: 'c-20',
      callUri: `${api}/calls/c-20`,
    },
  ],
  [
    'hangup',
    `?callState=completed&to=%2B13865245000&time=2016-02-20T16%3A26%3A00Z&cause=NORMAL_CLEARING&from=%2B15753222083&eventType=hangup&callId=c-20&callUri=${callUri}`,
    {
      eventType: 'hangup',
      callState: 'completed',
      to: '+13865245000',
      time: '2016-02-20T16:26:00Z',
      cause: 'NORMAL_CLEARING',
      from: '+15753222083',
      callId: 'c-20',
      callUri: `${api}/calls/c-20`,
    },
  ],
  [
    'timeout',
    `?eventType=timeout&to=%2B13865245000&from=%2B15753222083&time=2016-02-20T16%3A27%3A00Z&callId=c-21&callUri=${callUri}`,
    {
      eventType: 'timeout',
      to: '+13865245000',
      from: '+15753222083',
      time: '2016-02-20T16:27:00Z',
      callId: 'c-21',
      callUri: `${api}/calls/c-20`,
    },
  ],
  [
    'conference-member (GET form of a JSON event)',
    '?eventType=conference-member&activeMembers=2&conferenceId=conf-1&memberId=m-1&callId=c-1&hold=true&mute=FALSE&state=active',
    {
      eventType: 'conference-member',
      activeMembers: 2,
      conferenceId: 'conf-1',
      memberId: 'm-1',
      callId: 'c-1',
      hold: true,
      mute: false,
      state: 'active',
    },
  ],
  [
    'transcription (GET form of a JSON event)',
    '?eventType=transcription&transcriptionId=tr-1&textSize=20&text=Hello+From+Bandwidth&status=completed',
    {
      eventType: 'transcription',
      transcriptionId: 'tr-1',
      textSize: 20,
      text: 'Hello From Bandwidth',
      status: 'completed',
    },
  ],
];

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
  ];

  test.each(malformed)('%s → CallbackError 400', async (_, input) => {
    const error = await parseVoiceEvent(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallbackError);
    expect((error as CallbackError).status).toBe(400);
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
