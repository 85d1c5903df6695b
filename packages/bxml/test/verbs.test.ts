// Every verb, built with its function: the exact XML it writes, the value it parses back to, and
// a clean bill from the validator.
import { describe, expect, test } from 'vitest';
import {
  type BxmlResponse,
  call,
  conference,
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
  sendMessage,
  speakSentence,
  toXml,
  transfer,
  validateBxml,
} from '../src/index';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const APP = 'https://app.example.com';

/** A document of one verb, and the XML it must write (inside `<Response>`). */
const cases: [name: string, verb: () => ResponseVerb, xml: string][] = [
  [
    'SpeakSentence',
    () => speakSentence('Welcome', { gender: 'male', locale: 'en_US', voice: 'paul', volume: -2 }),
    '<SpeakSentence gender="male" locale="en_US" voice="paul" volume="-2">Welcome</SpeakSentence>',
  ],
  [
    'SpeakSentence without attributes',
    () => speakSentence('Hi'),
    '<SpeakSentence>Hi</SpeakSentence>',
  ],
  [
    'PlayAudio',
    () => playAudio(`${APP}/hello.mp3`, { volume: 3, repeatCount: 2 }),
    `<PlayAudio volume="3" repeatCount="2">${APP}/hello.mp3</PlayAudio>`,
  ],
  [
    'Gather with SpeakSentence prompts',
    () =>
      gather(
        {
          requestUrl: `${APP}/menu`,
          requestUrlTimeout: 10000,
          terminatingDigits: '#',
          maxDigits: 1,
          interDigitTimeout: 5,
          bargeable: false,
          tag: '{"Hello":"World"}',
        },
        speakSentence('Press 1', { voice: 'susan' }),
        speakSentence('or 2'),
      ),
    `<Gather requestUrl="${APP}/menu" requestUrlTimeout="10000" terminatingDigits="#" maxDigits="1" interDigitTimeout="5" bargeable="false" tag="{&quot;Hello&quot;:&quot;World&quot;}"><SpeakSentence voice="susan">Press 1</SpeakSentence><SpeakSentence>or 2</SpeakSentence></Gather>`,
  ],
  [
    'Gather with one PlayAudio',
    () =>
      gather(
        { requestUrl: `${APP}/menu` },
        playAudio(`${APP}/menu.wav`, { repeatCount: 3, delayBeforeRepeat: 2 }),
      ),
    `<Gather requestUrl="${APP}/menu"><PlayAudio repeatCount="3" delayBeforeRepeat="2">${APP}/menu.wav</PlayAudio></Gather>`,
  ],
  [
    'Gather without prompts',
    () => gather({ requestUrl: `${APP}/menu` }),
    `<Gather requestUrl="${APP}/menu"/>`,
  ],
  [
    'Record',
    () =>
      record({
        requestUrl: `${APP}/recorded`,
        requestUrlTimeout: 5000,
        fileFormat: 'wav',
        transcribe: true,
        transcribeCallbackUrl: `${APP}/transcribed`,
        multiChannel: false,
        maxDuration: 3600,
        silenceTimeout: 60,
        silenceThreshold: 100,
        terminatingDigits: '*',
      }),
    `<Record requestUrl="${APP}/recorded" requestUrlTimeout="5000" fileFormat="wav" transcribe="true" transcribeCallbackUrl="${APP}/transcribed" multiChannel="false" maxDuration="3600" silenceTimeout="60" silenceThreshold="100" terminatingDigits="*"/>`,
  ],
  ['Record without attributes', () => record(), '<Record/>'],
  [
    'Redirect',
    () => redirect({ requestUrl: `${APP}/next`, requestUrlTimeout: 10000 }),
    `<Redirect requestUrl="${APP}/next" requestUrlTimeout="10000"/>`,
  ],
  [
    'Transfer with PhoneNumber, SpeakSentence, PlayAudio and Record',
    () =>
      transfer(
        {
          transferTo: '+15552121243',
          transferCallerId: '+15552221235',
          callTimeout: 300,
          requestUrl: '/transferred',
          requestUrlTimeout: 10000,
          tag: 'sales',
          diversionTreatment: 'stack',
          diversionReason: 'user-busy',
        },
        phoneNumber('+15552221234'),
        phoneNumber('sip:agent@pbx.example.com'),
        speakSentence('This call has been forwarded.'),
        playAudio(`${APP}/chime.wav`),
        record({ multiChannel: true }),
      ),
    '<Transfer transferTo="+15552121243" transferCallerId="+15552221235" callTimeout="300" requestUrl="/transferred" requestUrlTimeout="10000" tag="sales" diversionTreatment="stack" diversionReason="user-busy"><PhoneNumber>+15552221234</PhoneNumber><PhoneNumber>sip:agent@pbx.example.com</PhoneNumber><SpeakSentence>This call has been forwarded.</SpeakSentence><PlayAudio>https://app.example.com/chime.wav</PlayAudio><Record multiChannel="true"/></Transfer>',
  ],
  [
    'Transfer to one number',
    () => transfer({ transferTo: '+11234567892' }),
    '<Transfer transferTo="+11234567892"/>',
  ],
  ['Pause', () => pause({ length: 3600 }), '<Pause length="3600"/>'],
  ['Pause without attributes', () => pause(), '<Pause/>'],
  ['SendDtmf', () => sendDtmf('1234*#w,WABCD'), '<SendDtmf>1234*#w,WABCD</SendDtmf>'],
  ['Hangup', () => hangup(), '<Hangup/>'],
  [
    'Call (deprecated)',
    () =>
      call(
        {
          from: '+15551110000',
          to: '+15552220000',
          timeout: 30,
          requestUrl: '/answered',
          requestUrlTimeout: 5000,
        },
        phoneNumber('+15553330000'),
        speakSentence('Connecting'),
      ),
    '<Call from="+15551110000" to="+15552220000" timeout="30" requestUrl="/answered" requestUrlTimeout="5000"><PhoneNumber>+15553330000</PhoneNumber><SpeakSentence>Connecting</SpeakSentence></Call>',
  ],
  [
    'Conference (deprecated)',
    () =>
      conference({
        from: '11234567891',
        statusCallbackUrl: 'http://requestb.in/1amf72y1',
        joinTone: true,
        leavingTone: true,
        tag: 'standup',
        mute: false,
        hold: false,
      }),
    '<Conference from="11234567891" statusCallbackUrl="http://requestb.in/1amf72y1" joinTone="true" leavingTone="true" tag="standup" mute="false" hold="false"/>',
  ],
  [
    'SendMessage (deprecated)',
    () =>
      sendMessage('Your code is 1234', {
        from: '+15551110000',
        to: '+15552220000',
        requestUrl: '/sent',
        requestUrlTimeout: 30,
        statusCallbackUrl: '/status',
      }),
    '<SendMessage from="+15551110000" to="+15552220000" requestUrl="/sent" requestUrlTimeout="30" statusCallbackUrl="/status">Your code is 1234</SendMessage>',
  ],
];

// Each test builds its own document: code run while tests are collected counts for no test in a
// mutation run, which then has to run every test against each mutant it reaches.
describe.each(cases)('%s', (_, verb, xml) => {
  test('writes the expected XML', () => {
    expect(toXml(response(verb()))).toBe(`${DECLARATION}<Response>${xml}</Response>`);
  });

  test('parses back to the same value, numbers and booleans restored', () => {
    const document = response(verb());
    const parsed = parseBxml(toXml(document));
    expect(parsed).toStrictEqual(document);
    expect(JSON.parse(JSON.stringify(parsed))).toStrictEqual(parsed);
  });

  test('validates clean, as a value and as text', () => {
    const document = response(verb());
    expect(validateBxml(document)).toEqual([]);
    expect(validateBxml(toXml(document))).toEqual([]);
  });
});

describe('documents', () => {
  test('an empty Response writes an open and a close tag', () => {
    expect(toXml(response())).toBe(`${DECLARATION}<Response></Response>`);
    expect(parseBxml(`${DECLARATION}<Response/>`)).toStrictEqual(response());
  });

  test('the value shape is plain data: verb, attributes, then text or children', () => {
    const document = response(
      gather({ requestUrl: `${APP}/menu`, maxDigits: 1 }, speakSentence('Press 1')),
      hangup(),
    );
    expect(document).toStrictEqual({
      verb: 'Response',
      children: [
        {
          verb: 'Gather',
          attributes: { requestUrl: `${APP}/menu`, maxDigits: 1 },
          children: [{ verb: 'SpeakSentence', attributes: {}, text: 'Press 1' }],
        },
        { verb: 'Hangup', attributes: {} },
      ],
    } satisfies BxmlResponse);
    expect(Object.keys(document)).toEqual(['verb', 'children']);
  });

  test('pretty output indents two spaces per level and parses to the same value', () => {
    const document = response(
      speakSentence('Hello'),
      gather({ requestUrl: `${APP}/menu` }, speakSentence('Press 1'), speakSentence('Press 2')),
      transfer({ transferTo: '+15552221234' }),
      hangup(),
    );
    const pretty = toXml(document, { pretty: true });
    expect(pretty).toBe(
      [
        DECLARATION,
        '<Response>',
        '  <SpeakSentence>Hello</SpeakSentence>',
        `  <Gather requestUrl="${APP}/menu">`,
        '    <SpeakSentence>Press 1</SpeakSentence>',
        '    <SpeakSentence>Press 2</SpeakSentence>',
        '  </Gather>',
        '  <Transfer transferTo="+15552221234"/>',
        '  <Hangup/>',
        '</Response>',
      ].join('\n'),
    );
    expect(parseBxml(pretty)).toStrictEqual(document);
  });

  test('attributes are written in the reference order whatever the order of the keys', () => {
    const forwards = record({ requestUrl: `${APP}/r`, fileFormat: 'mp3', maxDuration: 10 });
    const backwards = record({ maxDuration: 10, fileFormat: 'mp3', requestUrl: `${APP}/r` });
    expect(toXml(response(backwards))).toBe(toXml(response(forwards)));
    expect(toXml(response(forwards))).toContain(
      `<Record requestUrl="${APP}/r" fileFormat="mp3" maxDuration="10"/>`,
    );
  });

  test('attributes set to undefined are left out of the value and the XML', () => {
    const verb = pause({ length: undefined });
    expect(verb).toStrictEqual({ verb: 'Pause', attributes: {} });
    expect(toXml(response(verb))).toContain('<Pause/>');
  });

  test("the builder copies the caller's attributes: changing them later changes nothing", () => {
    const attributes: { length?: number } = { length: 2 };
    const verb = pause(attributes);
    attributes.length = 3;
    expect(verb.attributes).toEqual({ length: 2 });
  });

  test('hand-made plain objects are documents too', () => {
    const handMade = {
      verb: 'Response',
      children: [
        { verb: 'SpeakSentence', attributes: { voice: 'kate' }, text: 'Hi' },
        { verb: 'Hangup', attributes: {} },
      ],
    } as const satisfies BxmlResponse;
    expect(toXml(handMade)).toBe(
      `${DECLARATION}<Response><SpeakSentence voice="kate">Hi</SpeakSentence><Hangup/></Response>`,
    );
    expect(toXml(response(...handMade.children))).toBe(toXml(handMade));
  });

  test('the docs’ own examples parse, and write back to equivalent documents', () => {
    const examples = [
      `<Response><Gather requestUrl="https://gather.url/nextBXML" requestUrlTimeout="10000" terminatingDigits="#" maxDigits="1" tag="{&quot;Hello&quot;:&quot;World&quot;}">
  <SpeakSentence gender="female" locale="en_US" voice="susan">Press 1 for more options</SpeakSentence></Gather></Response>`,
      `<Response><Transfer transferCallerId="+15552221235"><PhoneNumber>+15552221234</PhoneNumber><PhoneNumber>+15552221233</PhoneNumber>
  <SpeakSentence gender="male" locale="en_US" voice="paul">This call has been forwarded.</SpeakSentence></Transfer></Response>`,
      '<Response><Record requestUrl="https://record.url.server/recordVoicemail" transcribe="true" transcribeCallbackUrl="https://transcribe.url/result"/></Response>',
      '<Response><Redirect requestUrl="http://flow.url/nextBXML" requestUrlTimeout="10000"></Redirect></Response>',
      '<Response><Pause length="5"/><SendDtmf>1234</SendDtmf></Response>',
    ];
    for (const example of examples) {
      const parsed = parseBxml(example);
      expect(parseBxml(toXml(parsed))).toStrictEqual(parsed);
    }
    expect(parseBxml(examples[0] as string).children[0]).toStrictEqual(
      gather(
        {
          requestUrl: 'https://gather.url/nextBXML',
          requestUrlTimeout: 10000,
          terminatingDigits: '#',
          maxDigits: 1,
          tag: '{"Hello":"World"}',
        },
        speakSentence('Press 1 for more options', {
          gender: 'female',
          locale: 'en_US',
          voice: 'susan',
        }),
      ),
    );
  });
});
