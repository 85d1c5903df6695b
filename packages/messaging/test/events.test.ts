import { describe, expect, test } from 'vitest';
import { type MessagingEvent, parseMessageEvent } from '../src/callbacks';
import { CallbackError } from '../src/index';

const inboundSms = {
  eventType: 'sms',
  direction: 'in',
  messageId: 'm-1',
  messageUri: 'https://api.catapult.inetwork.com/v1/users/u-1/messages/m-1',
  from: '+13233326955',
  to: '+13865245000',
  text: 'Example',
  applicationId: 'a-1',
  time: '2012-11-14T16:13:06.076Z',
  state: 'received',
  segmentCount: 1,
};

describe('parseMessageEvent', () => {
  test('a JSON object becomes a typed SmsEvent with every field kept', async () => {
    const event = await parseMessageEvent(inboundSms);
    expect(event).toEqual(inboundSms);
    expect(event).not.toBe(inboundSms);
    if (event.eventType !== 'sms') throw new Error('expected sms');
    const text: string | undefined = event.text;
    expect(text).toBe('Example');
  });

  test('JSON text is parsed the same way, delivery fields included', async () => {
    const event = await parseMessageEvent(
      JSON.stringify({
        eventType: 'sms',
        direction: 'out',
        messageId: 'm-2',
        state: 'error',
        deliveryState: 'not-delivered',
        deliveryCode: 720,
        deliveryDescription: 'invalid destination',
        tag: 'order-7',
      }),
    );
    expect(event).toMatchObject({
      eventType: 'sms',
      deliveryCode: 720,
      deliveryState: 'not-delivered',
      deliveryDescription: 'invalid destination',
      tag: 'order-7',
    });
  });

  test('the GET query form coerces numbers and reads the [a, b] media list', async () => {
    const query =
      'messageId=m-asdf&from=%2B19191231111&eventType=mms&text=test&time=2016-12-01T16%3A04%3A49Z' +
      '&to=%2B13204601164&state=received&applicationId=a-1&direction=in&segmentCount=1' +
      '&deliveryCode=0&media=%5Bhttps%3A%2F%2Fx%2Fgiphy.gif%2C%20https%3A%2F%2Fx%2F123_1.smil%5D';
    const event = await parseMessageEvent(query);
    expect(event).toEqual({
      eventType: 'mms',
      messageId: 'm-asdf',
      from: '+19191231111',
      to: '+13204601164',
      text: 'test',
      time: '2016-12-01T16:04:49Z',
      state: 'received',
      applicationId: 'a-1',
      direction: 'in',
      segmentCount: 1,
      deliveryCode: 0,
      media: ['https://x/giphy.gif', 'https://x/123_1.smil'],
    });
    await expect(parseMessageEvent(`?${query}`)).resolves.toEqual(event);
  });

  test('URLSearchParams with repeated media parameters give a media list', async () => {
    const params = new URLSearchParams([
      ['eventType', 'mms'],
      ['media', 'https://x/a.jpg'],
      ['media', 'https://x/b.smil'],
      ['segmentCount', '1'],
    ]);
    const event = await parseMessageEvent(params);
    expect(event).toMatchObject({
      eventType: 'mms',
      media: ['https://x/a.jpg', 'https://x/b.smil'],
      segmentCount: 1,
    });
  });

  test('a single media value is a one-item list', async () => {
    const event = await parseMessageEvent('eventType=mms&media=https%3A%2F%2Fx%2Fa.jpg');
    expect(event.media).toEqual(['https://x/a.jpg']);
  });

  test('a Fetch Request is read as JSON for POST and as a query for GET', async () => {
    const post = new Request('http://localhost/hook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(inboundSms),
    });
    await expect(parseMessageEvent(post)).resolves.toEqual(inboundSms);
    const get = new Request('http://localhost/hook?eventType=sms&segmentCount=3&text=hi%20there');
    await expect(parseMessageEvent(get)).resolves.toEqual({
      eventType: 'sms',
      segmentCount: 3,
      text: 'hi there',
    });
  });

  test('an unknown eventType comes through as the unknown variant with the value sent', async () => {
    const event: MessagingEvent = await parseMessageEvent({
      eventType: 'group-sms',
      messageId: 'm-9',
      segmentCount: 'many',
      extra: { nested: true },
    });
    expect(event).toEqual({
      eventType: 'unknown',
      rawEventType: 'group-sms',
      messageId: 'm-9',
      extra: { nested: true },
    });
  });

  test.each([
    ['malformed JSON text', '{"eventType": "sms",'],
    ['no eventType', { messageId: 'm-1' }],
    ['an empty eventType', 'eventType=&text=x'],
    ['a non-numeric segmentCount', 'eventType=sms&segmentCount=two'],
    ['a text that is not a string', { eventType: 'sms', text: 42 }],
    ['media that is not a list of strings', { eventType: 'mms', media: [1, 2] }],
  ])('%s rejects with CallbackError 400', async (_, input) => {
    const error = await parseMessageEvent(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallbackError);
    expect(error).toMatchObject({ status: 400 });
  });

  test('the 400 says what is wrong with the event', async () => {
    await expect(parseMessageEvent({ messageId: 'm-1' })).rejects.toThrow(
      'Message event has no eventType',
    );
    await expect(parseMessageEvent({ eventType: 'sms', text: 42 })).rejects.toThrow(
      'Message event field "text" is not a valid string',
    );
  });

  test('query keys named like Object.prototype members are plain data', async () => {
    const event = await parseMessageEvent('eventType=sms&from=%2B1&toString=x');
    expect(event).toEqual({ eventType: 'sms', from: '+1', toString: 'x' });
    const more = await parseMessageEvent(
      'eventType=sms&constructor=c&valueOf=v&hasOwnProperty=h&__proto__=p&toString=a&toString=b',
    );
    expect(Object.getPrototypeOf(more)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptors(more)).toMatchObject({
      constructor: { value: 'c' },
      valueOf: { value: 'v' },
      hasOwnProperty: { value: 'h' },
      __proto__: { value: 'p' },
      toString: { value: ['a', 'b'] },
    });
  });

  test('a POST Request over maxBodyBytes rejects with CallbackError 413', async () => {
    const request = new Request('http://localhost/hook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...inboundSms, text: 'x'.repeat(2000) }),
    });
    await expect(parseMessageEvent(request, { maxBodyBytes: 1000 })).rejects.toMatchObject({
      name: 'CallbackError',
      status: 413,
    });
  });
});
