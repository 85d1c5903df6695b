// Properties over random input (fast-check): any text or attribute value XML can carry survives a
// round trip unchanged and never adds an element; any valid document round-trips; anything XML
// cannot carry is refused, never silently changed.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type BxmlError,
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
  type SpeakSentenceVerb,
  sendDtmf,
  sendMessage,
  speakSentence,
  type TransferChild,
  toXml,
  transfer,
  validateBxml,
  walkBxml,
} from '../src/index';

// A mutation run (`pnpm mutate`) runs these tests for each of hundreds of mutants, and asks for
// fewer cases per property through PROPERTY_RUNS.
fc.configureGlobal({ numRuns: Number(process.env.PROPERTY_RUNS) || 100 });

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids are what this finds.
const XML_FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/u;
const SPACE = /^[ \t\n\r]+|[ \t\n\r]+$/g;

/** Characters and pieces that matter to XML, among any other character XML allows. */
const xmlCharacter = fc.oneof(
  fc.constantFrom(
    '<',
    '>',
    '&',
    '"',
    "'",
    ']]>',
    '<!--',
    '-->',
    '&amp;',
    '&#60;',
    '\t',
    '\n',
    '\r',
    ' ',
    'é',
    '😀',
  ),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 1 })
    .filter((text) => !XML_FORBIDDEN.test(text)),
);
const xmlText = fc.string({ unit: xmlCharacter, maxLength: 40 });
const spokenText = xmlText.filter((text) => text.replace(SPACE, '') !== '');

const elementCount = (xml: string) => xml.match(/<[A-Za-z]/g)?.length ?? 0;
const nodeCount = (document: BxmlResponse) => {
  let count = 0;
  walkBxml(document, () => {
    count++;
  });
  return count;
};

describe('any text XML can carry', () => {
  test('survives as SpeakSentence text, trimmed at the ends and nothing else', () => {
    fc.assert(
      fc.property(spokenText, (text) => {
        const document = response(speakSentence(text));
        const xml = toXml(document);
        expect(elementCount(xml)).toBe(2);
        const parsed = parseBxml(xml);
        expect(parsed).toStrictEqual(document);
        expect((parsed.children[0] as { text: string }).text).toBe(text.replace(SPACE, ''));
      }),
    );
  });

  test('survives as attribute values, exactly, with no attribute or element added', () => {
    fc.assert(
      fc.property(xmlText, spokenText, (tag, callerId) => {
        const document = response(
          gather({ requestUrl: 'https://app.example.com/g', tag }),
          transfer({
            transferTo: '+15551234567',
            transferCallerId: callerId,
            requestUrl: callerId,
          }),
        );
        const xml = toXml(document);
        expect(elementCount(xml)).toBe(3);
        expect(xml.match(/ [A-Za-z]+="/g)).toHaveLength(2 + 2 + 3);
        const parsed = parseBxml(xml);
        expect(parsed).toStrictEqual(document);
        expect(parsed.children[0]?.attributes).toEqual({
          requestUrl: 'https://app.example.com/g',
          tag,
        });
      }),
    );
  });
});

describe('anything XML cannot carry', () => {
  const forbidden = fc.oneof(
    fc.integer({ min: 0, max: 8 }),
    fc.constantFrom(0x0b, 0x0c, 0xfffe, 0xffff),
    fc.integer({ min: 0x0e, max: 0x1f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  );

  test('is refused by the builders, in text and in attributes', () => {
    fc.assert(
      fc.property(xmlText, forbidden, xmlText, (before, code, after) => {
        const text = `x${before}${String.fromCharCode(code)}${after}`;
        // A lone surrogate can pair with a neighbour; only test what really is unpaired.
        fc.pre(XML_FORBIDDEN.test(text));
        expect(() => speakSentence(text)).toThrowError(/holds a character XML forbids/);
        const error = (() => {
          try {
            gather({ requestUrl: 'https://app.example.com/g', tag: text });
          } catch (thrown) {
            return thrown as BxmlError;
          }
        })();
        expect(error?.problems).toEqual([expect.objectContaining({ path: 'Gather@tag' })]);
      }),
    );
  });
});

const url = fc
  .stringMatching(/^[a-z0-9/._~-]{0,20}$/)
  .map((path) => `https://app.example.com/${path}`);
const e164 = fc.stringMatching(/^\+[1-9]\d{6,14}$/);
const optional = <T extends Record<string, unknown>>(
  shape: { [K in keyof T]: fc.Arbitrary<T[K]> },
) => fc.record(shape, { requiredKeys: [] });

const speak = fc
  .tuple(
    spokenText,
    optional({
      gender: fc.constantFrom('female', 'male'),
      locale: fc.constantFrom(
        'en_US',
        'en_UK',
        'de',
        'de_de',
        'es',
        'es_mx',
        'fr',
        'fr_fr',
        'it',
        'it_it',
      ),
      voice: fc.constantFrom('susan', 'julie', 'kate', 'bridget', 'katrin', 'paul', 'dave', 'luca'),
      volume: fc.integer({ min: -4, max: 4 }),
    } as const),
  )
  .map(([text, attributes]) => speakSentence(text, attributes));

const audio = (delays: boolean) =>
  fc
    .tuple(
      url,
      optional({
        volume: fc.integer({ min: -4, max: 4 }),
        repeatCount: fc.integer({ min: 1, max: 30 }),
        ...(delays ? { delayBeforeRepeat: fc.integer({ min: 0, max: 60 }) } : {}),
      }),
    )
    .map(([href, attributes]) => playAudio(href, attributes));

const recording = fc
  .tuple(
    optional({
      requestUrl: url,
      requestUrlTimeout: fc.integer({ min: 1, max: 120_000 }),
      fileFormat: fc.constantFrom('wav', 'mp3'),
      multiChannel: fc.boolean(),
      maxDuration: fc.integer({ min: 1, max: 3600 }),
      silenceTimeout: fc.integer({ min: 1, max: 60 }),
      silenceThreshold: fc.nat(),
      terminatingDigits: fc.constantFrom(...'0123456789*#'),
    } as const),
    fc.option(url),
  )
  .map(([attributes, transcription]) =>
    record(
      transcription === null
        ? attributes
        : {
            ...attributes,
            transcribe: true,
            transcribeCallbackUrl: transcription,
            fileFormat: 'wav',
          },
    ),
  );

const gathering = fc
  .tuple(
    url,
    optional({
      requestUrlTimeout: fc.integer({ min: 1, max: 120_000 }),
      terminatingDigits: fc.stringMatching(/^[0-9*#]{1,4}$/),
      maxDigits: fc.integer({ min: 1, max: 128 }),
      interDigitTimeout: fc.integer({ min: 1, max: 30 }),
      bargeable: fc.boolean(),
      tag: xmlText,
    }),
    fc.oneof(
      fc.array(speak, { maxLength: 3 }),
      audio(true).map((prompt) => [prompt]),
    ),
  )
  .map(([requestUrl, attributes, prompts]) =>
    gather({ requestUrl, ...attributes }, ...(prompts as SpeakSentenceVerb[])),
  );

const transferring = fc
  .tuple(
    fc.option(e164),
    fc.array(e164, { maxLength: 6 }),
    fc.array(fc.oneof(speak, audio(false), recording), { maxLength: 2 }),
    optional({
      transferCallerId: fc.oneof(e164, fc.constant('private')),
      callTimeout: fc.integer({ min: 1, max: 300 }),
      requestUrl: url,
      tag: xmlText,
      diversionTreatment: fc.constantFrom('none', 'propagate', 'stack'),
      diversionReason: fc.constantFrom('unknown', 'user-busy', 'no-answer', 'away'),
    } as const),
  )
  .filter(([to, numbers]) => to !== null || numbers.length > 0)
  .map(([to, numbers, extras, attributes]) =>
    transfer(
      to === null ? attributes : { ...attributes, transferTo: to },
      ...numbers.map((number) => phoneNumber(number)),
      ...(extras as TransferChild[]),
    ),
  );

const verb: fc.Arbitrary<ResponseVerb> = fc.oneof(
  speak,
  audio(false),
  gathering,
  recording,
  transferring,
  fc.integer({ min: 1, max: 3600 }).map((length) => pause({ length })),
  fc.stringMatching(/^[0-9*#A-DwW,]{1,92}$/).map((digits) => sendDtmf(digits)),
  fc.constant(null).map(() => hangup()),
  fc.tuple(e164, e164, spokenText).map(([from, to, text]) => sendMessage(text, { from, to })),
  fc.tuple(e164, fc.boolean()).map(([from, mute]) => conference({ from, mute })),
  fc.tuple(e164, e164, e164).map(([from, to, number]) => call({ from, to }, phoneNumber(number))),
);

const documents = fc
  .tuple(fc.array(verb, { maxLength: 8 }), fc.option(url))
  .map(([verbs, next]) =>
    response(
      ...verbs,
      ...(next === null ? [] : [redirect({ requestUrl: next, requestUrlTimeout: 5000 })]),
    ),
  );

describe('any valid document', () => {
  test('round-trips through XML, compact and pretty, and writes the same XML again', () => {
    fc.assert(
      fc.property(documents, (document) => {
        const xml = toXml(document);
        const parsed = parseBxml(xml);
        expect(parsed).toStrictEqual(document);
        expect(parseBxml(toXml(document, { pretty: true }))).toStrictEqual(document);
        expect(toXml(parsed)).toBe(xml);
        expect(elementCount(xml)).toBe(nodeCount(document));
      }),
    );
  });

  test('validates clean as a value and as text, and survives JSON', () => {
    fc.assert(
      fc.property(documents, (document) => {
        expect(validateBxml(document)).toEqual([]);
        expect(validateBxml(toXml(document))).toEqual([]);
        expect(JSON.parse(JSON.stringify(document))).toStrictEqual(document);
      }),
    );
  });
});
