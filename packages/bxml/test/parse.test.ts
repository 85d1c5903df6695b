// Reading BXML text: what XML allows is read the way XML means it; what it forbids, and what BXML
// forbids, is refused with a line:column and a reason.
import { describe, expect, test } from 'vitest';
import {
  BxmlError,
  type BxmlProblem,
  gather,
  hangup,
  parseBxml,
  pause,
  playAudio,
  redirect,
  response,
  sendDtmf,
  speakSentence,
  validateBxml,
} from '../src/index';

/** The problems `parseBxml` throws for `xml` (and checks `validateBxml` lists the same). */
function problemsOf(xml: string): BxmlProblem[] {
  let problems: readonly BxmlProblem[] = [];
  try {
    parseBxml(xml);
  } catch (error) {
    if (!(error instanceof BxmlError)) throw error;
    problems = error.problems;
  }
  expect(validateBxml(xml)).toEqual(problems);
  return [...problems];
}

const URL = 'https://app.example.com/menu';

describe('XML that BXML documents use', () => {
  test('the XML declaration is optional, in either quote style, with encoding and standalone', () => {
    const expected = response(hangup());
    expect(parseBxml('<Response><Hangup/></Response>')).toStrictEqual(expected);
    expect(
      parseBxml('<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'),
    ).toStrictEqual(expected);
    expect(
      parseBxml("<?xml version='1.0' standalone='yes' ?>\n<Response><Hangup/></Response>"),
    ).toStrictEqual(expected);
  });

  test('comments go anywhere and leave nothing behind, even inside text', () => {
    const xml = `<!-- menu -->
<Response>
  <!-- greet -->
  <SpeakSentence>Hello <!-- pause here --> there</SpeakSentence>
</Response>
<!-- end -->`;
    expect(parseBxml(xml)).toStrictEqual(response(speakSentence('Hello  there')));
  });

  test('CDATA is text, markup inside it included', () => {
    const xml =
      '<Response><SpeakSentence><![CDATA[a < b & </SpeakSentence><Hangup/>]]></SpeakSentence></Response>';
    expect(parseBxml(xml)).toStrictEqual(
      response(speakSentence('a < b & </SpeakSentence><Hangup/>')),
    );
  });

  test('the five entities and character references, decimal and hex, astral included', () => {
    const xml =
      '<Response><SpeakSentence>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x0043; &#x1F600;</SpeakSentence></Response>';
    expect(parseBxml(xml).children[0]).toStrictEqual(speakSentence(`<>&"' ABC 😀`));
  });

  test('the last code point, U+10FFFF, is a reference like any other', () => {
    const xml = '<Response><SpeakSentence>a&#x10FFFF;</SpeakSentence></Response>';
    expect(parseBxml(xml).children[0]).toStrictEqual(speakSentence('a\u{10FFFF}'));
  });

  test('entity references in attributes are decoded too', () => {
    const xml = `<Response><Gather requestUrl="${URL}?a=1&amp;b=2" tag="&quot;x&quot; &#39;y&#39;"/></Response>`;
    expect(parseBxml(xml).children[0]?.attributes).toEqual({
      requestUrl: `${URL}?a=1&b=2`,
      tag: `"x" 'y'`,
    });
  });

  test('numbers and booleans come back typed, whatever the digits look like', () => {
    const xml = `<Response><SpeakSentence volume="-4">a</SpeakSentence><Gather requestUrl="${URL}" maxDigits="007" bargeable="false"/><Pause length="+3"/></Response>`;
    expect(parseBxml(xml)).toStrictEqual(
      response(
        speakSentence('a', { volume: -4 }),
        gather({ requestUrl: URL, maxDigits: 7, bargeable: false }),
        pause({ length: 3 }),
      ),
    );
  });

  test('text attributes stay text, whatever they look like', () => {
    const xml = `<Response><Gather requestUrl="${URL}" tag="true"/><Gather requestUrl="${URL}" tag="false"/><Gather requestUrl="${URL}" tag="42"/><Transfer transferTo="+15551234567" tag="007" transferCallerId="true"/></Response>`;
    const [a, b, c, transfer] = parseBxml(xml).children;
    expect(a?.attributes).toStrictEqual({ requestUrl: URL, tag: 'true' });
    expect(b?.attributes).toStrictEqual({ requestUrl: URL, tag: 'false' });
    expect(c?.attributes).toStrictEqual({ requestUrl: URL, tag: '42' });
    expect(transfer?.attributes).toStrictEqual({
      transferTo: '+15551234567',
      tag: '007',
      transferCallerId: 'true',
    });
  });

  test('a number or boolean attribute that is not spelled as one stays text, and is refused', () => {
    expect(
      problemsOf(
        `<Response><Pause length="1.5"/><Pause length="2x"/><Pause length=" 3"/><Gather requestUrl="${URL}" bargeable="1"/><Gather requestUrl="${URL}" bargeable="true "/></Response>`,
      ).map(({ path, message }) => `${path}: ${message}`),
    ).toEqual([
      'Response/Pause[0]@length: must be an integer from 1 to 3600 (got "1.5")',
      'Response/Pause[1]@length: must be an integer from 1 to 3600 (got "2x")',
      'Response/Pause[2]@length: must be an integer from 1 to 3600 (got " 3")',
      'Response/Gather[0]@bargeable: must be true or false (got "1")',
      'Response/Gather[1]@bargeable: must be true or false (got "true ")',
    ]);
    expect(
      parseBxml('<Response><Gather requestUrl="https://a.example" bargeable="true"/></Response>')
        .children[0]?.attributes,
    ).toStrictEqual({ requestUrl: 'https://a.example', bargeable: true });
  });

  // An attribute named __proto__ is read as an attribute, not taken as the node's prototype.
  test.each([
    [
      '<Response><Pause colour="5" length="2"/></Response>',
      '@colour',
      'is not an attribute of Pause',
      18,
    ],
    ['<Response><Pause toString="5"/></Response>', '@toString', 'is not an attribute of Pause', 18],
    [
      '<Response><Pause __proto__="5" length="1"/></Response>',
      '@__proto__',
      'is not an attribute of Pause',
      18,
    ],
    [
      '<Response><Pause __proto__="5" __proto__="6"/></Response>',
      '',
      'duplicate attribute __proto__',
      32,
    ],
  ])(
    'an unknown or repeated attribute is reported where it stands: %s',
    (xml, at, message, column) => {
      expect(problemsOf(xml)).toEqual([
        { path: `Response/Pause[0]${at}`, message, line: 1, column },
      ]);
    },
  );

  test('text is trimmed at both ends, as the builders trim it; whitespace inside stays', () => {
    const xml = `<Response>
      <SpeakSentence>
        Press 1   for sales.
        Press 2 for support.
      </SpeakSentence>
      <PlayAudio>  ${URL}.wav  </PlayAudio>
    </Response>`;
    expect(parseBxml(xml)).toStrictEqual(
      response(
        speakSentence('Press 1   for sales.\n        Press 2 for support.'),
        playAudio(`${URL}.wav`),
      ),
    );
  });

  test('line ends read as \\n; \\r kept only when written as a reference', () => {
    expect(
      parseBxml('<Response>\r\n<SpeakSentence>a\r\nb\rc&#13;d</SpeakSentence>\r\n</Response>'),
    ).toStrictEqual(response(speakSentence('a\nb\nc\rd')));
  });

  test('attribute values: literal tabs and newlines read as spaces, references keep them', () => {
    const xml = `<Response><Gather requestUrl="${URL}" tag="a\tb\nc&#9;d&#10;e"/></Response>`;
    expect(parseBxml(xml).children[0]?.attributes).toEqual({ requestUrl: URL, tag: 'a b c\td\ne' });
  });

  test('whitespace around attributes, = and tag ends is allowed', () => {
    const xml = `<Response ><Redirect\n  requestUrl = '${URL}'\n  requestUrlTimeout="10"\n/></Response >`;
    expect(parseBxml(xml)).toStrictEqual(
      response(redirect({ requestUrl: URL, requestUrlTimeout: 10 })),
    );
  });

  test('a request body given as bytes (a Buffer) is read as its text', () => {
    const body = Buffer.from('<Response><Hangup/></Response>');
    expect(parseBxml(body as unknown as string)).toStrictEqual(response(hangup()));
  });

  test('parsed documents are plain objects, equal to the built ones and to their JSON', () => {
    const parsed = parseBxml(`<Response><SendDtmf>12w3</SendDtmf></Response>`);
    expect(parsed).toStrictEqual(response(sendDtmf('12w3')));
    expect(JSON.parse(JSON.stringify(parsed))).toStrictEqual(parsed);
    expect(Object.getPrototypeOf(parsed.children[0])).toBe(Object.prototype);
  });
});

describe('malformed XML stops reading, with where and why', () => {
  test.each([
    ['', 1, 1, '', 'a document is one <Response> and comments'],
    ['   \n  ', 2, 3, '', 'a document is one <Response> and comments'],
    ['Hello', 1, 1, '', 'a document is one <Response> and comments'],
    ['<Response>', 1, 1, 'Response', '<Response> is never closed'],
    [
      '<Response>\n  <Gather requestUrl="x">\n</Response>',
      3,
      1,
      'Response/Gather[0]',
      'unexpected </Response>, expected </Gather>',
    ],
    ['<Response></Response></Response>', 1, 22, '', 'unexpected </Response>'],
    ['<Response/><Response/>', 1, 12, '', 'a document is one <Response> and comments'],
    ['<Response/>trailing', 1, 12, '', 'a document is one <Response> and comments'],
    ['<Hangup/>', 1, 1, '', 'a document is one <Response> and comments'],
    [
      '<Response><Pause length=5/></Response>',
      1,
      11,
      'Response',
      'malformed markup (BXML allows no DOCTYPE or processing instruction)',
    ],
    [
      '<Response><Pause length="<5"/></Response>',
      1,
      11,
      'Response',
      'malformed markup (BXML allows no DOCTYPE or processing instruction)',
    ],
    [
      '<Response><Pause length="5"length="6"/></Response>',
      1,
      11,
      'Response',
      'malformed markup (BXML allows no DOCTYPE or processing instruction)',
    ],
    [
      '<Response><Pause length="5" length="6"/></Response>',
      1,
      29,
      'Response/Pause[0]',
      'duplicate attribute length',
    ],
    [
      '<Response><Pause/><Hangup/><Transfer><PhoneNumber>+15552221234</PhoneNumber><PhoneNumber>&bad;</PhoneNumber></Transfer></Response>',
      1,
      90,
      'Response/Transfer[0]/PhoneNumber[1]',
      'bad reference &',
    ],
    [
      '<Response><Pause/><Hangup/><Pause length="5" length="6"/></Response>',
      1,
      46,
      'Response/Pause[1]',
      'duplicate attribute length',
    ],
    [
      '<Response>\n<!-- unclosed\n</Response>',
      2,
      1,
      'Response',
      'malformed markup (BXML allows no DOCTYPE or processing instruction)',
    ],
    [
      '<!DOCTYPE r [<!ENTITY x "y">]><Response/>',
      1,
      1,
      '',
      'malformed markup (BXML allows no DOCTYPE or processing instruction)',
    ],
    [
      '<?xml-stylesheet href="a"?><Response/>',
      1,
      1,
      '',
      'malformed markup (BXML allows no DOCTYPE or processing instruction)',
    ],
    ['<Response/>\n<?xml version="1.0"?>', 2, 1, '', 'a document is one <Response> and comments'],
    [
      '<Response><SpeakSentence>a & b</SpeakSentence></Response>',
      1,
      28,
      'Response/SpeakSentence[0]',
      'bad reference &',
    ],
    [
      '<Response><SpeakSentence>&nbsp;</SpeakSentence></Response>',
      1,
      26,
      'Response/SpeakSentence[0]',
      'bad reference &',
    ],
    [
      '<Response><SpeakSentence>&#x110000;</SpeakSentence></Response>',
      1,
      26,
      'Response/SpeakSentence[0]',
      'bad reference &#x110000;',
    ],
    [
      '<Response><SpeakSentence>&#X43;</SpeakSentence></Response>',
      1,
      26,
      'Response/SpeakSentence[0]',
      'bad reference &',
    ],
    ['<Response><Pause length="&bad;"/></Response>', 1, 18, 'Response/Pause[0]', 'bad reference &'],
    [
      '<Response>\r\n  <Hangup>\r\n</Response>',
      3,
      1,
      'Response/Hangup[0]',
      'unexpected </Response>, expected </Hangup>',
    ],
  ])('%j → %i:%i %s: %s', (xml, line, column, path, message) => {
    expect(problemsOf(xml)).toEqual([{ path, message, line, column }]);
  });

  test('the error message leads with line:column', () => {
    expect(() => parseBxml('<Response>\n  <Hangup>\n</Response>')).toThrow(BxmlError);
    expect(() => parseBxml('<Response>\n  <Hangup>\n</Response>')).toThrow(
      '3:1 Response/Hangup[0]: unexpected </Response>, expected </Hangup>',
    );
  });
});

describe('BXML problems are collected, each with its position', () => {
  test('unknown verbs, case included, at their start tags', () => {
    expect(
      problemsOf('<Response>\n  <speakSentence>Hi</speakSentence>\n  <Dance/>\n</Response>'),
    ).toEqual([
      {
        path: 'Response/speakSentence[0]',
        message: 'unknown verb "speakSentence"',
        line: 2,
        column: 3,
      },
      { path: 'Response/Dance[0]', message: 'unknown verb "Dance"', line: 3, column: 3 },
    ]);
  });

  test('bad nesting, at the child', () => {
    expect(
      problemsOf(
        `<Response><Gather requestUrl="${URL}">\n  <Hangup/>\n</Gather><PhoneNumber>+15551234</PhoneNumber></Response>`,
      ),
    ).toEqual([
      {
        path: 'Response/Gather[0]/Hangup[0]',
        message: 'is not allowed in Gather',
        line: 2,
        column: 3,
      },
      {
        path: 'Response/PhoneNumber[0]',
        message: 'is not allowed in Response',
        line: 3,
        column: 10,
      },
    ]);
  });

  test('content a verb cannot hold, at the verb', () => {
    expect(
      problemsOf(
        `<Response><Gather requestUrl="${URL}">Press 1</Gather><Hangup>now</Hangup><SpeakSentence>Hi <Pause/></SpeakSentence></Response>`,
      ),
    ).toEqual([
      { path: 'Response/Gather[0]', message: 'may hold verbs only', line: 1, column: 11 },
      { path: 'Response/Hangup[0]', message: 'must be empty', line: 1, column: 77 },
      { path: 'Response/SpeakSentence[0]', message: 'may hold text only', line: 1, column: 97 },
    ]);
  });

  test('bad attribute names and values, at the attribute; values keep the text they had', () => {
    expect(
      problemsOf(
        `<Response>\n<Gather requestUrl="${URL}" maxDigits="abc" bargeable="TRUE" colour="red"/></Response>`,
      ),
    ).toEqual([
      {
        path: 'Response/Gather[0]@maxDigits',
        message: 'must be an integer from 1 to 128 (got "abc")',
        line: 2,
        column: 51,
      },
      {
        path: 'Response/Gather[0]@bargeable',
        message: 'must be true or false (got "TRUE")',
        line: 2,
        column: 67,
      },
      {
        path: 'Response/Gather[0]@colour',
        message: 'is not an attribute of Gather',
        line: 2,
        column: 84,
      },
    ]);
  });

  test('missing required attributes, at the element; Response takes no attributes', () => {
    expect(problemsOf('<Response lang="en"><Redirect/></Response>')).toEqual([
      { path: 'Response@lang', message: 'is not an attribute of Response', line: 1, column: 11 },
      { path: 'Response/Redirect[0]@requestUrl', message: 'is required', line: 1, column: 21 },
      {
        path: 'Response/Redirect[0]@requestUrlTimeout',
        message: 'is required',
        line: 1,
        column: 21,
      },
    ]);
  });

  test('a character reference to a character XML forbids is refused by path', () => {
    expect(problemsOf('<Response><SpeakSentence>bell&#7;</SpeakSentence></Response>')).toEqual([
      {
        path: 'Response/SpeakSentence[0]',
        message: 'text holds a character XML forbids (got "bell\\u0007")',
        line: 1,
        column: 11,
      },
    ]);
  });

  test('an unknown verb keeps its attributes as text and is named, not a crash', () => {
    expect(problemsOf('<Response><Dance speed="5" style="waltz"/></Response>')).toEqual([
      { path: 'Response/Dance[0]', message: 'unknown verb "Dance"', line: 1, column: 11 },
    ]);
  });

  test('a text verb written empty has empty text, refused as such', () => {
    expect(problemsOf('<Response><SpeakSentence/><PlayAudio></PlayAudio></Response>')).toEqual([
      {
        path: 'Response/SpeakSentence[0]',
        message: 'text must be non-empty (got "")',
        line: 1,
        column: 11,
      },
      {
        path: 'Response/PlayAudio[0]',
        message: 'text must be an absolute http(s) URL (got "")',
        line: 1,
        column: 27,
      },
    ]);
  });

  test('the 16 KB limit counts the text as given, carriage returns included', () => {
    const xml = `<Response>${'<Pause/>\r\n'.repeat(1637)}</Response>`;
    expect(xml.length).toBe(16391);
    expect(problemsOf(xml)).toEqual([
      { path: 'Response', message: 'is 16391 bytes serialized; at most 16384 are allowed' },
    ]);
  });

  test('validateBxml never throws, whatever it is given', () => {
    expect(validateBxml('<<<')).toHaveLength(1);
    expect(validateBxml(undefined as never)).toEqual([{ path: '', message: 'must be a Response' }]);
  });
});
