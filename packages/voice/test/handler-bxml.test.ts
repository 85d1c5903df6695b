// A small IVR answered with @bw/bxml documents, the way the README shows it, and what the handler
// does with every other answer.
import {
  BxmlBuilder,
  type BxmlResponse,
  hangup,
  parseBxml,
  pause,
  response,
  speakSentence,
  toXml,
} from '@bw/bxml';
import { beforeEach, describe, expect, expectTypeOf, test } from 'vitest';
import {
  createVoiceCallbackHandler,
  type VoiceCallbackHandlerOptions,
  type VoiceCallbackReply,
} from '../src/callbacks';
import type { Logger } from '../src/index';

const handler = createVoiceCallbackHandler({
  onEvent: (event) => {
    switch (event.eventType) {
      case 'answer':
        return new BxmlBuilder().gather(
          { requestUrl: 'https://app.example.com/voice', maxDigits: 1 },
          speakSentence('Press 1 for sales, 2 for support'),
        );
      case 'gather':
        return new BxmlBuilder()
          .speakSentence(event.digits === '1' ? 'Sales & billing' : 'Support')
          .hangup();
      default:
        return undefined;
    }
  },
});

function get(query: string): Promise<Response> {
  return handler(new Request(`https://app.example.com/voice?${query}`));
}

test('the answer callback gets the Gather document as application/xml', async () => {
  const response = await get('eventType=answer&callId=c-1&callState=active');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const xml = await response.text();
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather /);
  expect(xml).toContain('requestUrl="https://app.example.com/voice"');
  expect(xml).toContain('<SpeakSentence>Press 1 for sales, 2 for support</SpeakSentence>');
});

test('the gather callback is answered from its digits, with text escaped', async () => {
  const response = await get(
    'eventType=gather&callId=c-1&digits=1&state=completed&reason=max-digits',
  );
  const xml = await response.text();
  expect(xml).toContain('<SpeakSentence>Sales &amp; billing</SpeakSentence><Hangup/>');
});

test('an event the app does not answer gets 200 with no body and no XML type', async () => {
  const response = await get('eventType=hangup&callId=c-1&cause=NORMAL_CLEARING');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBeNull();
  expect(await response.text()).toBe('');
});

describe('every BXML value @bw/bxml builds, and nothing else', () => {
  const logged: string[] = [];
  const warnings: unknown[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message, meta) => {
      logged.push(`warn ${message}`);
      warnings.push(meta);
    },
    error: (message, meta) => logged.push(`error ${message} ${JSON.stringify(meta)}`),
  };
  let reply: () => unknown = () => undefined;
  const answering = createVoiceCallbackHandler({
    // Plain JavaScript may return anything; the casts stand for that.
    onEvent: () => reply() as VoiceCallbackReply,
    logger,
  });
  const answer = 'eventType=answer&callId=c-1';
  const getAnswer = () => answering(new Request(`https://app.example.com/voice?${answer}`));

  beforeEach(() => {
    logged.length = 0;
    warnings.length = 0;
  });

  test('null is nothing, as undefined is: 200 with no body', async () => {
    reply = () => null;
    const nothing = await getAnswer();
    expect(nothing.status).toBe(200);
    expect(await nothing.text()).toBe('');
    expect(logged).toEqual([]);
  });

  test('response(...) is rendered as application/xml', async () => {
    reply = () => response(speakSentence('Hi <there>'), hangup());
    const reply200 = await getAnswer();
    expect(reply200.status).toBe(200);
    expect(reply200.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await reply200.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><SpeakSentence>Hi &lt;there&gt;</SpeakSentence><Hangup/></Response>',
    );
    expect(logged).toEqual([]);
  });

  test('a response value read back by parseBxml, and a string, are rendered too', async () => {
    const xml = toXml(response(pause({ length: 1 })));
    for (const value of [parseBxml(xml), xml, new BxmlBuilder().pause({ length: 1 })]) {
      reply = () => value;
      expect(await (await getAnswer()).text()).toBe(xml);
    }
  });

  test.each([
    ['a number', () => 42, /onEvent returned a number/],
    ['true', () => true, /onEvent returned a boolean/],
    ['an object without toXml()', () => ({ xml: '<Response/>' }), /without toXml\(\)/],
    ['an array', () => [speakSentence('x')], /onEvent returned an array/],
    ['a bare verb', () => speakSentence('Hello'), /bare <SpeakSentence> verb.*response\(/],
    ['a Fetch Response', () => new Response('<Response/>'), /onEvent returned a Response/],
    [
      'an object whose toXml() returns no string',
      () => ({ toXml: () => 42 }),
      /toXml\(\) of the onEvent result must return a string/,
    ],
    [
      'a Response value that breaks a BXML rule',
      () => ({ verb: 'Response', children: [{ verb: 'Bogus', attributes: {} }] }),
      /Bogus/,
    ],
  ])('%s is a logged 500, never an empty success', async (_, value, message) => {
    reply = value;
    const failed = await getAnswer();
    expect(failed.status).toBe(500);
    expect(logged.join('\n')).toMatch(message);
  });

  test('BXML answered to a POST callback is sent, with a warning that BXML only runs on GET', async () => {
    const postAnswer = () =>
      new Request('https://app.example.com/voice', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ eventType: 'answer', callId: 'c-1' }),
      });
    reply = () => response(hangup());
    const post = await answering(postAnswer());
    expect(post.status).toBe(200);
    expect(await post.text()).toContain('<Hangup/>');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /^warn .*POST "answer".*BXML only runs on GET callbacks \(callbackHttpMethod: 'GET'\)/,
    );
    expect(warnings).toEqual([{ eventType: 'answer', method: 'POST' }]);

    // Without a logger the BXML is sent all the same.
    const quiet = createVoiceCallbackHandler({ onEvent: () => response(hangup()) });
    const unlogged = await quiet(postAnswer());
    expect(unlogged.status).toBe(200);
    expect(await unlogged.text()).toContain('<Hangup/>');

    reply = () => undefined;
    await answering(
      new Request('https://app.example.com/voice', {
        method: 'POST',
        body: JSON.stringify({ eventType: 'hangup', callId: 'c-1' }),
      }),
    );
    expect(logged).toHaveLength(1);
  });

  test('onEvent is typed to accept each BXML value and nothing else', () => {
    type Reply = ReturnType<VoiceCallbackHandlerOptions['onEvent']>;
    expectTypeOf(response(hangup())).toMatchTypeOf<Reply>();
    expectTypeOf(new BxmlBuilder().hangup()).toMatchTypeOf<Reply>();
    expectTypeOf<string>().toMatchTypeOf<Reply>();
    expectTypeOf<Promise<BxmlResponse>>().toMatchTypeOf<Reply>();
    expectTypeOf<undefined>().toMatchTypeOf<Reply>();
    expectTypeOf<number>().not.toMatchTypeOf<Reply>();
    expectTypeOf(speakSentence('x')).not.toMatchTypeOf<Reply>();
    expectTypeOf<{ xml: string }>().not.toMatchTypeOf<Reply>();
    createVoiceCallbackHandler({ onEvent: () => response(hangup()) });
    createVoiceCallbackHandler({ onEvent: async () => new BxmlBuilder().hangup() });
    // @ts-expect-error a number is not an answer
    createVoiceCallbackHandler({ onEvent: () => 5 });
    // @ts-expect-error a bare verb is not a document
    createVoiceCallbackHandler({ onEvent: () => speakSentence('Hello') });
  });
});
