import {
  type BxmlNode,
  type BxmlProblem,
  type BxmlResponse,
  type GatherVerb,
  gather,
  hangup,
  parseBxml,
  pause,
  phoneNumber,
  playAudio,
  type ResponseVerb,
  record,
  redirect,
  response,
  sendDtmf,
  speakSentence,
  type TransferChild,
  toXml,
  transfer,
  type VerbName,
  validateBxml,
  walkBxml,
} from '@bw/bxml';
import { describe, expectTypeOf, test } from 'vitest';

const menu = 'https://app.example/menu';
const wav = 'https://app.example/hello.wav';

describe('children the docs allow are accepted', () => {
  test('a Response holds any top-level verb', () => {
    const document = response(
      speakSentence('Welcome', { voice: 'paul', gender: 'male' }),
      playAudio('https://app.example/hello.wav'),
      gather({ requestUrl: menu, maxDigits: 1 }, speakSentence('Press 1'), speakSentence('or 2')),
      record({ fileFormat: 'mp3' }),
      transfer({ transferCallerId: '+15552221235' }, phoneNumber('+15552221234')),
      pause({ length: 2 }),
      sendDtmf('12w3'),
      redirect({ requestUrl: menu, requestUrlTimeout: 10_000 }),
      hangup(),
    );
    expectTypeOf(document).toEqualTypeOf<BxmlResponse>();
  });

  test('Gather takes several SpeakSentence prompts, or exactly one PlayAudio', () => {
    expectTypeOf(gather({ requestUrl: menu })).toEqualTypeOf<GatherVerb>();
    expectTypeOf(gather).toBeCallableWith(
      { requestUrl: menu },
      speakSentence('a'),
      speakSentence('b'),
    );
    expectTypeOf(gather).toBeCallableWith(
      { requestUrl: menu },
      playAudio('https://a.example/x.wav'),
    );
  });

  test('Transfer takes PhoneNumber, SpeakSentence, PlayAudio and Record', () => {
    expectTypeOf(transfer).toBeCallableWith(
      undefined,
      phoneNumber('+15552221234'),
      speakSentence('Connecting you'),
      playAudio('https://a.example/ring.wav'),
      record(),
    );
  });
});

describe('children the docs forbid are compile errors', () => {
  test('Gather cannot mix prompt kinds, hold two PlayAudio, or hold other verbs', () => {
    // @ts-expect-error: SpeakSentence and PlayAudio together
    gather({ requestUrl: menu }, speakSentence('a'), playAudio(wav));
    // @ts-expect-error: at most one PlayAudio
    gather({ requestUrl: menu }, playAudio(wav), playAudio(wav));
    // @ts-expect-error: Hangup is not a prompt
    gather({ requestUrl: menu }, hangup());
    // @ts-expect-error: Gather does not nest
    gather({ requestUrl: menu }, gather({ requestUrl: menu }));
  });

  test('Gather and Redirect need their required attributes', () => {
    // @ts-expect-error: requestUrl is required
    gather({ maxDigits: 1 });
    // @ts-expect-error: requestUrlTimeout is required too
    redirect({ requestUrl: menu });
  });

  test('Transfer refuses verbs other than its four children', () => {
    // @ts-expect-error: Gather inside Transfer
    transfer(undefined, gather({ requestUrl: menu }));
    // @ts-expect-error: Hangup inside Transfer
    transfer(undefined, hangup());
    expectTypeOf<GatherVerb>().not.toExtend<TransferChild>();
  });

  test('PhoneNumber is only a child, never a top-level verb', () => {
    // @ts-expect-error: PhoneNumber directly in Response
    response(phoneNumber('+15552221234'));
    expectTypeOf<ReturnType<typeof phoneNumber>>().not.toExtend<ResponseVerb>();
  });

  test('attribute enums are closed and values typed', () => {
    // @ts-expect-error: gender is 'female' | 'male'
    speakSentence('Hi', { gender: 'robot' });
    // @ts-expect-error: fileFormat is 'wav' | 'mp3'
    record({ fileFormat: 'ogg' });
    // @ts-expect-error: maxDigits is a number
    gather({ requestUrl: menu, maxDigits: '1' });
  });

  test('documents are read-only values', () => {
    const document = response(hangup());
    // @ts-expect-error: children cannot be replaced
    document.children = [];
  });
});

describe('reading, writing and checking', () => {
  test('toXml, parseBxml and validateBxml close the loop', () => {
    expectTypeOf(toXml).parameter(0).toEqualTypeOf<BxmlResponse>();
    expectTypeOf(toXml).returns.toEqualTypeOf<string>();
    expectTypeOf(parseBxml).returns.toEqualTypeOf<BxmlResponse>();
    expectTypeOf(validateBxml).returns.toEqualTypeOf<BxmlProblem[]>();
    expectTypeOf(validateBxml).toBeCallableWith('<Response/>');
  });

  test('nodes are discriminated on `verb`', () => {
    const inspect = (node: BxmlNode) => {
      if (node.verb === 'Gather') expectTypeOf(node).toEqualTypeOf<GatherVerb>();
    };
    expectTypeOf(inspect).toBeFunction();
    expectTypeOf<'Gather'>().toExtend<VerbName>();
    expectTypeOf(walkBxml).toBeFunction();
  });
});
