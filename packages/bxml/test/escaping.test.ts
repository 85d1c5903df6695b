// Crafted input never becomes markup: whatever the text or attribute value, the written document
// holds exactly the elements that were built, and reads back to the same values.
import { describe, expect, test } from 'vitest';
import {
  type BxmlResponse,
  gather,
  hangup,
  parseBxml,
  playAudio,
  response,
  speakSentence,
  toXml,
  transfer,
  walkBxml,
} from '../src/index';

const URL = 'https://app.example.com/menu';

/** The element names in `xml`, in order (closing tags and the declaration left out). */
const elements = (xml: string) => [...xml.matchAll(/<([A-Za-z]+)/g)].map((match) => match[1]);

/** The verbs of a document, in order. */
function verbsOf(document: BxmlResponse): string[] {
  const verbs: string[] = [];
  walkBxml(document, (node) => {
    verbs.push(node.verb);
  });
  return verbs;
}

const CRAFTED = [
  '</SpeakSentence><Hangup/>',
  '</SpeakSentence><Redirect requestUrl="https://evil.example" requestUrlTimeout="1"/><SpeakSentence>',
  '"><Hangup/><x a="',
  "'><Hangup/><x a='",
  ']]><Hangup/><![CDATA[',
  '<![CDATA[<Hangup/>]]>',
  '<!-- --><Hangup/><!-- -->',
  '&lt;Hangup/&gt; &amp; &#60;Hangup/&#62;',
  '<?xml version="1.0"?><Response><Hangup/></Response>',
  '<!DOCTYPE x [<!ENTITY e "boom">]>&e;',
  'tabs\tnewlines\nreturns\rand "quotes" and \'apostrophes\'',
];

describe.each(CRAFTED)('%j', (crafted) => {
  test('as SpeakSentence text: one element, the same text back', () => {
    const document = response(speakSentence(`Say ${crafted} done`));
    const xml = toXml(document);
    expect(elements(xml)).toEqual(['Response', 'SpeakSentence']);
    expect(parseBxml(xml)).toStrictEqual(document);
    expect(parseBxml(toXml(document, { pretty: true }))).toStrictEqual(document);
  });

  test('as attribute values: no new attribute or element, the same values back', () => {
    const document = response(
      gather(
        { requestUrl: `${URL}?q=${crafted.replace(/\s/g, '+')}`, tag: crafted },
        speakSentence('Press 1'),
      ),
      transfer({ transferTo: '+15551234567', transferCallerId: crafted, requestUrl: crafted }),
    );
    const xml = toXml(document);
    expect(elements(xml)).toEqual(['Response', 'Gather', 'SpeakSentence', 'Transfer']);
    expect(xml.match(/ [A-Za-z]+="/g)).toEqual([
      ' version="',
      ' encoding="',
      ' requestUrl="',
      ' tag="',
      ' transferTo="',
      ' transferCallerId="',
      ' requestUrl="',
    ]);
    expect(parseBxml(xml)).toStrictEqual(document);
    expect(verbsOf(parseBxml(xml))).toEqual(['Response', 'Gather', 'SpeakSentence', 'Transfer']);
  });
});

describe('what escaping writes', () => {
  test('& < > " \' become entities in text and in attributes', () => {
    const xml = toXml(
      response(
        gather({ requestUrl: `${URL}?a=1&b=2`, tag: `<"x">'y'` }, speakSentence(`a & <b> "c" 'd'`)),
      ),
    );
    expect(xml).toContain(`requestUrl="${URL}?a=1&amp;b=2"`);
    expect(xml).toContain('tag="&lt;&quot;x&quot;&gt;&apos;y&apos;"');
    expect(xml).toContain(
      '<SpeakSentence>a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;</SpeakSentence>',
    );
  });

  test('tabs, newlines and carriage returns become character references, so they survive reading', () => {
    const document = response(speakSentence('one\ttwo\nthree\rfour'), playAudio(URL));
    const xml = toXml(document);
    expect(xml).toContain('<SpeakSentence>one&#9;two&#10;three&#13;four</SpeakSentence>');
    expect(parseBxml(xml)).toStrictEqual(document);
  });

  test.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&apos;'],
    ['\t', '&#9;'],
    ['\n', '&#10;'],
    ['\r', '&#13;'],
  ])('%j alone is escaped in a short value and in a long one', (character, written) => {
    // Short values are looked through another way than long ones: both must find it alone.
    for (const tag of [`a${character}b`, `${'x'.repeat(30)}${character}y`]) {
      const xml = toXml(response(gather({ requestUrl: URL, tag }, speakSentence(tag))));
      const escaped = tag.replace(character, written);
      expect(xml).toContain(`tag="${escaped}"`);
      expect(xml).toContain(`<SpeakSentence>${escaped}</SpeakSentence>`);
    }
  });

  test('"]]>" in text is written with &gt;, so it never closes anything', () => {
    expect(toXml(response(speakSentence('a ]]> b')))).toContain(
      '<SpeakSentence>a ]]&gt; b</SpeakSentence>',
    );
  });

  test('a verb or attribute name smuggled into a value object is refused, never written', () => {
    const smuggled = {
      verb: 'Response',
      children: [
        { verb: 'Hangup/><Redirect', attributes: {} },
        { verb: 'Pause', attributes: { 'length="1"/><Hangup': 1 } },
      ],
    } as unknown as BxmlResponse;
    expect(() => toXml(smuggled)).toThrow(/unknown verb "Hangup\/><Redirect"/);
    const attribute = {
      verb: 'Response',
      children: [smuggled.children[1]],
    } as unknown as BxmlResponse;
    expect(() => toXml(attribute)).toThrow(
      'Response/Pause[0]@length="1"/><Hangup: is not an attribute of Pause',
    );
  });

  test('an attribute is written as it was read for its check: a getter cannot slip markup past it', () => {
    // Whichever read returns the markup (a name from a list is written without escaping, being
    // one of the list), the value written is the value checked: refused, or never markup.
    for (let evil = 0; evil < 4; evil++) {
      let reads = 0;
      const attributes = Object.defineProperty({}, 'voice', {
        enumerable: true,
        get: () => (reads++ === evil ? '"/><Hangup a="' : 'paul'),
      });
      const smuggled = {
        verb: 'Response',
        children: [{ verb: 'SpeakSentence', attributes, text: 'Hi' }],
      } as unknown as BxmlResponse;
      for (const pretty of [false, true]) {
        let xml = '';
        try {
          xml = toXml(smuggled, { pretty });
        } catch (error) {
          expect((error as Error).message).toMatch(/@voice: must be one of/);
        }
        expect(xml).not.toContain('<Hangup');
      }
    }
  });

  test('a document changed after it was built is checked again before it is written pretty', () => {
    const document = response(hangup());
    (document.children as unknown as { verb: string }[]).push({ verb: '<script>' });
    expect(() => toXml(document, { pretty: true })).toThrow(/unknown verb "<script>"/);
  });
});
