// Every rule: the problem `validateBxml` reports for a hand-made document (path and message), and
// the BxmlError the builders throw for the same mistake.
import { describe, expect, test } from 'vitest';
import {
  BXML_MAX_BYTES,
  BxmlError,
  type BxmlProblem,
  type BxmlResponse,
  call,
  conference,
  gather,
  hangup,
  parseBxml,
  pause,
  phoneNumber,
  playAudio,
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

const URL = 'https://app.example.com/next';

/** A document of hand-made verbs, typed loosely on purpose: the rules must catch what TypeScript would. */
const document = (...children: unknown[]) =>
  ({ verb: 'Response', children }) as unknown as BxmlResponse;
const verb = (name: string, attributes: object = {}, rest: object = {}) => ({
  verb: name,
  attributes,
  ...rest,
});

/** Runs `build` and returns the BxmlError it throws. */
function thrown(build: () => unknown): BxmlError {
  try {
    build();
  } catch (error) {
    if (error instanceof BxmlError) return error;
    throw error;
  }
  throw new Error('expected a BxmlError');
}

const only = (path: string, message: string): BxmlProblem[] => [{ path, message }];

describe('attribute values', () => {
  const cases: [string, object, string, string][] = [
    ['SpeakSentence', { volume: -5 }, 'volume', 'must be an integer from -4 to 4 (got -5)'],
    ['SpeakSentence', { volume: 1.5 }, 'volume', 'must be an integer from -4 to 4 (got 1.5)'],
    ['SpeakSentence', { volume: '2' }, 'volume', 'must be an integer from -4 to 4 (got "2")'],
    ['SpeakSentence', { volume: {} }, 'volume', 'must be an integer from -4 to 4 (got an object)'],
    ['SpeakSentence', { volume: null }, 'volume', 'must be an integer from -4 to 4 (got null)'],
    ['SpeakSentence', { gender: 'robot' }, 'gender', 'must be one of female, male (got "robot")'],
    [
      'SpeakSentence',
      { locale: 'en_GB' },
      'locale',
      'must be one of en_US, en_UK, de, de_de, es, es_mx, fr, fr_fr, it, it_it (got "en_GB")',
    ],
    [
      'SpeakSentence',
      { voice: 'alice' },
      'voice',
      'must be one of susan, julie, kate, bridget, katrin, esperanza, violeta, jolie, paola, paul, dave, simon, stefan, jorge, bernard, luca (got "alice")',
    ],
    ['PlayAudio', { repeatCount: 31 }, 'repeatCount', 'must be an integer from 1 to 30 (got 31)'],
    ['PlayAudio', { repeatCount: 0 }, 'repeatCount', 'must be an integer from 1 to 30 (got 0)'],
    [
      'PlayAudio',
      { delayBeforeRepeat: 61 },
      'delayBeforeRepeat',
      'must be an integer from 0 to 60 (got 61)',
    ],
    [
      'Gather',
      { requestUrl: URL, maxDigits: 129 },
      'maxDigits',
      'must be an integer from 1 to 128 (got 129)',
    ],
    [
      'Gather',
      { requestUrl: URL, maxDigits: 0 },
      'maxDigits',
      'must be an integer from 1 to 128 (got 0)',
    ],
    [
      'Gather',
      { requestUrl: URL, interDigitTimeout: 31 },
      'interDigitTimeout',
      'must be an integer from 1 to 30 (got 31)',
    ],
    [
      'Gather',
      { requestUrl: URL, requestUrlTimeout: 0 },
      'requestUrlTimeout',
      'must be an integer from 1 up (got 0)',
    ],
    [
      'Gather',
      { requestUrl: '/menu' },
      'requestUrl',
      'must be an absolute http(s) URL (got "/menu")',
    ],
    [
      'Gather',
      { requestUrl: 'ftp://x.example' },
      'requestUrl',
      'must be an absolute http(s) URL (got "ftp://x.example")',
    ],
    [
      'Gather',
      { requestUrl: URL, terminatingDigits: '' },
      'terminatingDigits',
      'must be one or more of 0-9 * # (got "")',
    ],
    [
      'Gather',
      { requestUrl: URL, terminatingDigits: 'x' },
      'terminatingDigits',
      'must be one or more of 0-9 * # (got "x")',
    ],
    [
      'Gather',
      { requestUrl: URL, bargeable: 'yes' },
      'bargeable',
      'must be true or false (got "yes")',
    ],
    ['Gather', { requestUrl: URL, tag: 7 }, 'tag', 'must be a string (got 7)'],
    ['Record', { fileFormat: 'ogg' }, 'fileFormat', 'must be one of wav, mp3 (got "ogg")'],
    [
      'Record',
      { maxDuration: 3601 },
      'maxDuration',
      'must be an integer from 1 to 3600 (got 3601)',
    ],
    [
      'Record',
      { silenceTimeout: 61 },
      'silenceTimeout',
      'must be an integer from 1 to 60 (got 61)',
    ],
    [
      'Record',
      { silenceThreshold: -1 },
      'silenceThreshold',
      'must be an integer from 0 up (got -1)',
    ],
    [
      'Record',
      { terminatingDigits: '#*' },
      'terminatingDigits',
      'must be one of 0-9 * # (got "#*")',
    ],
    [
      'Record',
      { requestUrl: 'record.example' },
      'requestUrl',
      'must be an absolute http(s) URL (got "record.example")',
    ],
    ['Pause', { length: 3601 }, 'length', 'must be an integer from 1 to 3600 (got 3601)'],
    ['Pause', { length: 0 }, 'length', 'must be an integer from 1 to 3600 (got 0)'],
    [
      'Transfer',
      { transferTo: '5551234' },
      'transferTo',
      'must be an E.164 number (+19195551212) or sip: URI (got "5551234")',
    ],
    [
      'Transfer',
      { transferTo: '+15551234', callTimeout: 301 },
      'callTimeout',
      'must be an integer from 1 to 300 (got 301)',
    ],
    [
      'Transfer',
      { transferTo: '+15551234', diversionTreatment: 'drop' },
      'diversionTreatment',
      'must be one of none, propagate, stack (got "drop")',
    ],
    [
      'Transfer',
      { transferTo: '+15551234', diversionReason: 'lunch' },
      'diversionReason',
      'must be one of unknown, user-busy, no-answer, unavailable, unconditional, time-of-day, do-not-disturb, deflection, follow-me, out-of-service, away (got "lunch")',
    ],
    [
      'Conference',
      { from: '+15551234', mute: 'false' },
      'mute',
      'must be true or false (got "false")',
    ],
    ['Call', { from: '', to: '+15551234' }, 'from', 'must be non-empty (got "")'],
  ];

  test.each(cases)('%s %o: @%s %s', (name, attributes, attribute, message) => {
    const content =
      name === 'SpeakSentence' ? { text: 'Hi' } : name === 'PlayAudio' ? { text: URL } : {};
    const children = ['Gather', 'Transfer', 'Call'].includes(name)
      ? { children: name === 'Gather' ? [] : [verb('PhoneNumber', {}, { text: '+15550000000' })] }
      : {};
    const problems = validateBxml(document(verb(name, attributes, { ...content, ...children })));
    expect(problems).toEqual(only(`Response/${name}[0]@${attribute}`, message));
  });

  test('an attribute the verb does not have', () => {
    expect(validateBxml(document(verb('Hangup', { reason: 'busy' })))).toEqual(
      only('Response/Hangup[0]@reason', 'is not an attribute of Hangup'),
    );
    expect(thrown(() => pause({ duration: 5 } as never)).message).toBe(
      'Pause@duration: is not an attribute of Pause',
    );
  });

  test("an element's attribute problems come in the order of the rules, then names no rule has, whatever the key order", () => {
    const attributes = { colour: 'red', maxDigits: 500, size: 2, requestUrl: 'menu' };
    expect(validateBxml(document(verb('Gather', attributes, { children: [] })))).toEqual([
      {
        path: 'Response/Gather[0]@requestUrl',
        message: 'must be an absolute http(s) URL (got "menu")',
      },
      {
        path: 'Response/Gather[0]@maxDigits',
        message: 'must be an integer from 1 to 128 (got 500)',
      },
      { path: 'Response/Gather[0]@colour', message: 'is not an attribute of Gather' },
      { path: 'Response/Gather[0]@size', message: 'is not an attribute of Gather' },
    ]);
  });

  test('an unknown name set to undefined is no attribute, beside one that is set', () => {
    expect(validateBxml(document(verb('Hangup', { reason: 'busy', cause: undefined })))).toEqual(
      only('Response/Hangup[0]@reason', 'is not an attribute of Hangup'),
    );
  });

  test('an own __proto__ key (as JSON.parse makes) is refused like any unknown attribute', () => {
    const attributes = JSON.parse('{"__proto__": {"length": 5}}');
    expect(thrown(() => pause(attributes)).problems).toEqual(
      only('Pause@__proto__', 'is not an attribute of Pause'),
    );
    expect(validateBxml(document(verb('Pause', attributes)))).toEqual(
      only('Response/Pause[0]@__proto__', 'is not an attribute of Pause'),
    );
  });
});

describe('required attributes', () => {
  test.each([
    ['Gather', {}, ['requestUrl']],
    ['Redirect', {}, ['requestUrl', 'requestUrlTimeout']],
    ['Redirect', { requestUrl: URL }, ['requestUrlTimeout']],
    ['Call', {}, ['from', 'to']],
    ['Conference', {}, ['from']],
  ])('%s %o needs %o', (name, attributes, missing) => {
    const children = name === 'Call' ? { children: [] } : name === 'Gather' ? { children: [] } : {};
    expect(validateBxml(document(verb(name, attributes, children)))).toEqual(
      missing.map((attribute) => ({
        path: `Response/${name}[0]@${attribute}`,
        message: 'is required',
      })),
    );
  });

  test('SendMessage needs from and to', () => {
    expect(validateBxml(document(verb('SendMessage', {}, { text: 'Hi' })))).toEqual([
      { path: 'Response/SendMessage[0]@from', message: 'is required' },
      { path: 'Response/SendMessage[0]@to', message: 'is required' },
    ]);
  });

  test('the builders throw a BxmlError naming the verb and the attribute', () => {
    const error = thrown(() => redirect({ requestUrl: URL } as never));
    expect(error.name).toBe('BxmlError');
    expect(error.message).toBe('Redirect@requestUrlTimeout: is required');
    expect(thrown(() => gather({} as never)).message).toBe('Gather@requestUrl: is required');
    expect(thrown(() => call({} as never)).problems).toHaveLength(2);
    expect(thrown(() => conference({} as never)).message).toBe('Conference@from: is required');
    expect(thrown(() => sendMessage('Hi', {} as never)).problems).toHaveLength(2);
  });

  test('Record needs transcribeCallbackUrl when it transcribes, and wav', () => {
    expect(thrown(() => record({ transcribe: true })).problems).toEqual(
      only('Record@transcribeCallbackUrl', 'is required when transcribe is true'),
    );
    expect(
      thrown(() => record({ transcribe: true, transcribeCallbackUrl: URL, fileFormat: 'mp3' }))
        .problems,
    ).toEqual(only('Record@fileFormat', 'must be wav when transcribe is true'));
    expect(() => record({ transcribe: false, fileFormat: 'mp3' })).not.toThrow();
  });
});

describe('text content', () => {
  test.each([
    ['SpeakSentence', '', 'text must be non-empty (got "")'],
    ['PlayAudio', 'hello.wav', 'text must be an absolute http(s) URL (got "hello.wav")'],
    ['SendDtmf', '12x', 'text must be 1 to 92 of 0-9 * # A-D w W , (got "12x")'],
    ['SendDtmf', '', 'text must be 1 to 92 of 0-9 * # A-D w W , (got "")'],
    [
      'SendDtmf',
      '1'.repeat(93),
      `text must be 1 to 92 of 0-9 * # A-D w W , (got "${'1'.repeat(93)}")`,
    ],
  ])('%s %j: %s', (name, text, message) => {
    expect(validateBxml(document(verb(name, {}, { text })))).toEqual(
      only(`Response/${name}[0]`, message),
    );
  });

  test('the builders trim text, so whitespace alone is empty', () => {
    expect(thrown(() => speakSentence('  \n\t ')).message).toBe(
      'SpeakSentence: text must be non-empty (got "")',
    );
    expect(thrown(() => sendMessage('', { from: '+1555', to: '+1666' })).message).toBe(
      'SendMessage: text must be non-empty (got "")',
    );
    expect(sendDtmf('1'.repeat(92)).text).toHaveLength(92);
    // One space at either end goes too.
    expect(speakSentence(' Hi').text).toBe('Hi');
    expect(speakSentence('Hi ').text).toBe('Hi');
  });

  test('PhoneNumber takes E.164 or a sip: URI, nothing else', () => {
    expect(thrown(() => phoneNumber('555-1234')).message).toBe(
      'PhoneNumber: text must be an E.164 number (+19195551212) or sip: URI (got "555-1234")',
    );
    expect(thrown(() => phoneNumber('+0123')).problems).toHaveLength(1);
    expect(phoneNumber('sip:desk@pbx.example.com').text).toBe('sip:desk@pbx.example.com');
  });

  test('characters XML cannot carry are refused, in text and attributes', () => {
    expect(thrown(() => speakSentence('bell\u0007')).message).toBe(
      'SpeakSentence: text holds a character XML forbids (got "bell\\u0007")',
    );
    expect(thrown(() => gather({ requestUrl: URL, tag: 'a\uFFFE' })).problems[0]?.path).toBe(
      'Gather@tag',
    );
    expect(thrown(() => speakSentence('half a pair \uD83D')).problems[0]?.message).toContain(
      'holds a character XML forbids',
    );
    expect(speakSentence('a pair 😀 is fine').text).toBe('a pair 😀 is fine');
    expect(speakSentence('tab\tnewline\nreturn\r kept').text).toBe('tab\tnewline\nreturn\r kept');
  });
});

describe('nesting', () => {
  test('Gather holds SpeakSentence prompts or one PlayAudio', () => {
    const audio = playAudio(URL);
    const speak = speakSentence('Press 1');
    expect(
      thrown(() => gather({ requestUrl: URL }, ...([speak, audio] as never[]))).problems,
    ).toEqual(only('Gather', 'holds SpeakSentence or PlayAudio, not both'));
    expect(
      thrown(() => gather({ requestUrl: URL }, ...([audio, audio] as never[]))).problems,
    ).toEqual(only('Gather', 'holds at most one PlayAudio'));
    expect(thrown(() => gather({ requestUrl: URL }, hangup() as never)).problems).toEqual(
      only('Gather/Hangup[0]', 'is not allowed in Gather'),
    );
    expect(gather({ requestUrl: URL }, speak, speak, speak).children).toHaveLength(3);
  });

  test('Transfer holds PhoneNumber, SpeakSentence, PlayAudio and Record only', () => {
    expect(
      thrown(() => transfer({ transferTo: '+15551234' }, gather({ requestUrl: URL }) as never))
        .problems,
    ).toEqual(only('Transfer/Gather[0]', 'is not allowed in Transfer'));
  });

  test('Transfer calls at most 7 numbers, transferTo included, and at least one', () => {
    const numbers = Array.from({ length: 7 }, (_, i) => phoneNumber(`+1555000000${i}`));
    expect(transfer(undefined, ...numbers).children).toHaveLength(7);
    expect(thrown(() => transfer({ transferTo: '+15559999999' }, ...numbers)).problems).toEqual(
      only('Transfer', 'has 8 phone numbers with transferTo; the limit is 7'),
    );
    expect(thrown(() => transfer()).problems).toEqual(
      only('Transfer', 'needs transferTo or a PhoneNumber'),
    );
  });

  test('PhoneNumber and Response are never verbs of a Response', () => {
    expect(thrown(() => response(phoneNumber('+15551234') as never)).problems).toEqual(
      only('Response/PhoneNumber[0]', 'is not allowed in Response'),
    );
    expect(validateBxml(document(document()))).toEqual(
      only('Response/Response[0]', 'is not allowed in Response'),
    );
  });

  test('verbs that hold text, verbs, or nothing hold nothing else', () => {
    expect(
      validateBxml(
        document(
          verb('SpeakSentence', {}, { text: 'Hi', children: [] }),
          verb('Gather', { requestUrl: URL }, { text: 'Hi', children: [] }),
          verb('Hangup', {}, { text: 'now' }),
          verb('Pause', {}, { children: [] }),
          verb('Transfer', { transferTo: '+15551234' }, { children: 'oops' }),
        ),
      ),
    ).toEqual([
      { path: 'Response/SpeakSentence[0]', message: 'may hold text only' },
      { path: 'Response/Gather[0]', message: 'may hold verbs only' },
      { path: 'Response/Hangup[0]', message: 'must be empty' },
      { path: 'Response/Pause[0]', message: 'must be empty' },
      { path: 'Response/Transfer[0]', message: 'may hold verbs only' },
    ]);
  });

  test('a string equal to the XML of a verb just built is no verb', () => {
    const sentence = '<SpeakSentence>Hi</SpeakSentence>';
    expect(toXml(response(speakSentence('Hi')))).toContain(`<Response>${sentence}</Response>`);
    speakSentence('Hi');
    expect(thrown(() => gather({ requestUrl: URL }, sentence as never)).problems).toEqual(
      only('Gather/?[0]', 'is not a BXML verb'),
    );
    speakSentence('Hi');
    expect(thrown(() => response(sentence as never)).problems).toEqual(
      only('Response/?[0]', 'is not a BXML verb'),
    );
  });

  test('unknown verbs, and values that are no verbs at all, are named by path', () => {
    expect(validateBxml(document(verb('Reject', { reason: 'busy' }), 42, null, hangup()))).toEqual([
      { path: 'Response/Reject[0]', message: 'unknown verb "Reject"' },
      { path: 'Response/?[0]', message: 'is not a BXML verb' },
      { path: 'Response/?[1]', message: 'is not a BXML verb' },
    ]);
    expect(
      validateBxml(document(verb('Gather', { requestUrl: URL }, { children: [null] }))),
    ).toEqual(only('Response/Gather[0]/?[0]', 'is not a BXML verb'));
    expect(validateBxml(document({ verb: 'Hangup', attributes: 'none' }))).toEqual(
      only('Response/Hangup[0]', 'attributes must be an object'),
    );
    expect(validateBxml(document({ verb: 'SpeakSentence', attributes: {}, text: 5 }))).toEqual(
      only('Response/SpeakSentence[0]', 'text must be a string (got 5)'),
    );
  });

  test('only a Response is a document', () => {
    expect(validateBxml(hangup() as never)).toEqual(only('', 'must be a Response'));
    expect(validateBxml(null as never)).toEqual(only('', 'must be a Response'));
    // A problem without a path makes a message without one.
    expect(thrown(() => toXml(speakSentence('Hi') as never)).message).toBe('must be a Response');
  });
});

describe('paths', () => {
  test('index each step among siblings of the same verb, so other verbs never renumber it', () => {
    const problems = validateBxml(
      document(
        verb('SpeakSentence', {}, { text: 'one' }),
        verb('Pause'),
        verb('SpeakSentence', { volume: 9 }, { text: 'two' }),
        verb(
          'Gather',
          { requestUrl: URL },
          {
            children: [
              verb('SpeakSentence', {}, { text: 'a' }),
              verb('SpeakSentence', { gender: 'x' }, { text: 'b' }),
            ],
          },
        ),
        verb(
          'Gather',
          { requestUrl: URL },
          { children: [verb('SpeakSentence', {}, { text: '' })] },
        ),
      ),
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      'Response/SpeakSentence[1]@volume',
      'Response/Gather[0]/SpeakSentence[1]@gender',
      'Response/Gather[1]/SpeakSentence[0]',
    ]);
  });
});

describe('verbs after a Redirect', () => {
  test('each is reported as never running; the Redirect itself is fine', () => {
    expect(
      validateBxml(
        document(
          verb('SpeakSentence', {}, { text: 'one' }),
          verb('Redirect', { requestUrl: URL, requestUrlTimeout: 1000 }),
          verb('SpeakSentence', {}, { text: 'two' }),
          verb('Hangup'),
        ),
      ),
    ).toEqual([
      { path: 'Response/SpeakSentence[1]', message: 'never runs: it follows a Redirect' },
      { path: 'Response/Hangup[0]', message: 'never runs: it follows a Redirect' },
    ]);
    expect(
      thrown(() => response(redirect({ requestUrl: URL, requestUrlTimeout: 1000 }), hangup()))
        .message,
    ).toBe('Response/Hangup[0]: never runs: it follows a Redirect');
    expect(() =>
      response(hangup(), redirect({ requestUrl: URL, requestUrlTimeout: 1000 })),
    ).not.toThrow();
    // Only a Response's own Redirect ends it: one misplaced in a Gather is only not allowed there.
    expect(
      validateBxml(
        document(
          verb(
            'Gather',
            { requestUrl: URL },
            {
              children: [
                verb('Redirect', { requestUrl: URL, requestUrlTimeout: 1000 }),
                verb('SpeakSentence', {}, { text: 'Press 1' }),
              ],
            },
          ),
        ),
      ),
    ).toEqual(only('Response/Gather[0]/Redirect[0]', 'is not allowed in Gather'));
  });
});

describe('the 16 KB limit', () => {
  /** What a document of one sentence adds to its text (measured in each test, not while collecting). */
  const overhead = () => toXml(response(speakSentence('x'))).length - 1;

  test('counts UTF-8 bytes of the written document, declaration included', () => {
    expect(BXML_MAX_BYTES).toBe(16384);
    const fits = response(speakSentence('x'.repeat(BXML_MAX_BYTES - overhead())));
    expect(new TextEncoder().encode(toXml(fits)).length).toBe(BXML_MAX_BYTES);
    expect(validateBxml(fits)).toEqual([]);
    const over = {
      verb: 'Response',
      children: [verb('SpeakSentence', {}, { text: 'x'.repeat(BXML_MAX_BYTES - overhead() + 1) })],
    };
    expect(validateBxml(over as BxmlResponse)).toEqual(
      only('Response', 'is 16385 bytes serialized; at most 16384 are allowed'),
    );
    expect(thrown(() => toXml(over as BxmlResponse)).message).toBe(
      'Response: is 16385 bytes serialized; at most 16384 are allowed',
    );
  });

  test('holds for the compact text when the document is written pretty', () => {
    const fits = response(speakSentence('x'.repeat(BXML_MAX_BYTES - overhead())));
    const pretty = toXml(fits, { pretty: true });
    expect(pretty.length).toBeGreaterThan(BXML_MAX_BYTES);
    expect(pretty.replace(/\n */g, '')).toBe(toXml(fits));
  });

  test('a character of two UTF-8 bytes counts twice', () => {
    const half = Math.ceil((BXML_MAX_BYTES - overhead()) / 2) + 1;
    expect(thrown(() => response(speakSentence('é'.repeat(half)))).problems[0]?.message).toMatch(
      /^is \d+ bytes serialized; at most 16384 are allowed$/,
    );
  });

  test('text is measured as it arrives', () => {
    const text = `<Response>${'<Pause/>'.repeat(2100)}</Response>`;
    expect(validateBxml(text)).toEqual([
      {
        path: 'Response',
        message: `is ${text.length} bytes serialized; at most 16384 are allowed`,
      },
    ]);
    expect(() => parseBxml(text)).toThrow(/at most 16384/);
  });
});

describe('BxmlError', () => {
  test('is an Error with every problem; its message is the first one, located', () => {
    const error = thrown(() =>
      parseBxml('<Response>\n  <Pause length="0"/>\n  <Dance/>\n</Response>'),
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      '2:10 Response/Pause[0]@length: must be an integer from 1 to 3600 (got 0)',
    );
    expect(error.problems).toEqual([
      {
        path: 'Response/Pause[0]@length',
        message: 'must be an integer from 1 to 3600 (got 0)',
        line: 2,
        column: 10,
      },
      { path: 'Response/Dance[0]', message: 'unknown verb "Dance"', line: 3, column: 3 },
    ]);
  });

  test('made with no problems, it has an empty message and an empty list', () => {
    const error = new BxmlError([]);
    expect(error.message).toBe('');
    expect(error.problems).toEqual([]);
  });

  test('hand-made children are checked by the builder they are given to, with their path', () => {
    const bad = verb('SpeakSentence', { volume: 7 }, { text: 'Hi' });
    expect(thrown(() => gather({ requestUrl: URL }, bad as never)).message).toBe(
      'Gather/SpeakSentence[0]@volume: must be an integer from -4 to 4 (got 7)',
    );
    expect(thrown(() => response(bad as never)).message).toBe(
      'Response/SpeakSentence[0]@volume: must be an integer from -4 to 4 (got 7)',
    );
  });
});

describe('formats hold for the whole value, not a part of it', () => {
  const phone = 'must be an E.164 number (+19195551212) or sip: URI';
  const url = 'must be an absolute http(s) URL';

  test.each([
    ['+12', true],
    ['+123456789012345', true], // 15 digits, the most E.164 allows
    ['+1234567890123456', false], // 16
    ['+1', false],
    ['+0123456789', false],
    ['x+15551234567', false],
    ['+15551234567x', false],
    ['+1555 1234567', false],
    ['sip:desk@pbx.example.com', true],
    ['sip:', false],
    ['sip:desk@pbx.example.com more', false],
    ['<sip:desk@pbx.example.com>', false],
  ])('transferTo and PhoneNumber %j: accepted %s', (number, accepted) => {
    const problems = validateBxml(
      document(
        verb('Transfer', { transferTo: number }, { children: [phoneNumber('+15550000000')] }),
      ),
    );
    expect(problems).toEqual(
      accepted
        ? []
        : only('Response/Transfer[0]@transferTo', `${phone} (got ${JSON.stringify(number)})`),
    );
    if (accepted) expect(phoneNumber(number).text).toBe(number);
    else expect(thrown(() => phoneNumber(number)).problems).toHaveLength(1);
  });

  test.each([
    ['https://app.example.com', true],
    ['HTTP://APP.EXAMPLE.COM/Menu?x=1#top', true],
    ['http://app.example.com/a path', false],
    ['https://app.example.com/ ', false],
    [' https://app.example.com', false],
    ['see https://app.example.com', false],
    ['https://', false],
    ['https:///menu', false],
    ['https://?x=1', false],
    ['https://#top', false],
    ['https:// app.example.com', false],
    ['httpss://app.example.com', false],
  ])('requestUrl and PlayAudio %j: accepted %s', (value, accepted) => {
    expect(
      validateBxml(document(verb('Redirect', { requestUrl: value, requestUrlTimeout: 1 }))),
    ).toEqual(
      accepted
        ? []
        : only('Response/Redirect[0]@requestUrl', `${url} (got ${JSON.stringify(value)})`),
    );
    expect(validateBxml(document(verb('PlayAudio', {}, { text: value })))).toEqual(
      accepted ? [] : only('Response/PlayAudio[0]', `text ${url} (got ${JSON.stringify(value)})`),
    );
  });

  test('terminating digits, DTMF and non-empty strings are checked whole too', () => {
    expect(thrown(() => gather({ requestUrl: URL, terminatingDigits: '#x' })).message).toBe(
      'Gather@terminatingDigits: must be one or more of 0-9 * # (got "#x")',
    );
    expect(
      thrown(() => gather({ requestUrl: URL, terminatingDigits: 'x#' })).problems,
    ).toHaveLength(1);
    expect(thrown(() => record({ terminatingDigits: 'x#' })).problems).toHaveLength(1);
    expect(thrown(() => sendDtmf('12x')).message).toBe(
      'SendDtmf: text must be 1 to 92 of 0-9 * # A-D w W , (got "12x")',
    );
    expect(thrown(() => sendDtmf('x12')).problems).toHaveLength(1);
    expect(thrown(() => sendDtmf('1'.repeat(93))).problems).toHaveLength(1);
    expect(sendDtmf('0123456789*#ABCDwW,').text).toBe('0123456789*#ABCDwW,');
    expect(
      transfer({ transferTo: '+15551234', requestUrl: '/relative' }).attributes.requestUrl,
    ).toBe('/relative');
  });
});

describe('hand-made verbs', () => {
  test('a verb without attributes is refused by name, and never written', () => {
    const bare = document({ verb: 'Hangup' }, { verb: 'SpeakSentence', text: 'Hi' });
    expect(validateBxml(bare)).toEqual([
      { path: 'Response/Hangup[0]', message: 'attributes must be an object' },
      { path: 'Response/SpeakSentence[0]', message: 'attributes must be an object' },
    ]);
    expect(thrown(() => toXml(bare)).message).toBe(
      'Response/Hangup[0]: attributes must be an object',
    );
    expect(
      thrown(() => transfer({}, { verb: 'PhoneNumber', text: '+15551234' } as never)).problems,
    ).toEqual(only('Transfer/PhoneNumber[0]', 'attributes must be an object'));
  });

  test('an attribute set to undefined is unset, in a hand-made verb too', () => {
    const handMade = document(
      verb('Pause', { length: undefined }),
      verb('Hangup', { x: undefined }),
    );
    expect(validateBxml(handMade)).toEqual([]);
    expect(toXml(handMade)).toContain('<Response><Pause/><Hangup/></Response>');
    expect(
      validateBxml(document(verb('Redirect', { requestUrl: URL, requestUrlTimeout: undefined }))),
    ).toEqual(only('Response/Redirect[0]@requestUrlTimeout', 'is required'));
  });

  test('a verb name that is not a string is named by its value, at a ? path', () => {
    expect(
      validateBxml(document({ verb: 5, attributes: {} }, { verb: 'Hangup', attributes: {} })),
    ).toEqual(only('Response/?[0]', 'unknown verb 5'));
  });

  test('the builders refuse text that is no string, as JavaScript callers can pass', () => {
    expect(thrown(() => speakSentence(5 as never)).message).toBe(
      'SpeakSentence: text must be a string (got 5)',
    );
    expect(thrown(() => toXml(undefined as never)).message).toBe('must be a Response');
  });

  test('the builders refuse attributes that are no object, as JavaScript callers can pass', () => {
    expect(thrown(() => pause('long' as never)).problems).toEqual(
      only('Pause', 'attributes must be an object'),
    );
    expect(thrown(() => speakSentence('Hi', ['loud'] as never)).problems).toEqual(
      only('SpeakSentence', 'attributes must be an object'),
    );
  });

  test('a Response may carry no attributes, or an empty set; anything else is named', () => {
    expect(validateBxml({ verb: 'Response', attributes: {}, children: [] } as never)).toEqual([]);
    expect(
      validateBxml({ verb: 'Response', attributes: { id: 'x' }, children: [] } as never),
    ).toEqual(only('Response@id', 'is not an attribute of Response'));
    expect(validateBxml({ verb: 'Response' } as never)).toEqual(
      only('Response', 'may hold verbs only'),
    );
  });
});
