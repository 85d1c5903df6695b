// Two figures on a 30-verb IVR document, each against a baseline measured in the same run:
// - build + serialize with @bw/bxml, against Twilio's TwiML builder (`VoiceResponse`) building the
//   equivalent TwiML; target at least 10x;
// - `parseBxml` (which reads, checks every rule and returns typed values) of the same document,
//   against `fast-xml-parser` only parsing it into plain objects, attributes included; target at
//   least 1.5x.
//
// The two contenders run in alternating time slices (order flipped each round) after a warm-up;
// ops/s and the ratio are medians over the rounds, so a change in machine load during the run
// affects both alike.
//
// Usage: node bench/bxml.bench.mjs   (after `pnpm turbo run build --filter=@bw/bxml`)
import { pathToFileURL } from 'node:url';
import {
  gather,
  parseBxml,
  pause,
  phoneNumber,
  playAudio,
  record,
  redirect,
  response,
  sendDtmf,
  speakSentence,
  toXml,
  transfer,
  walkBxml,
} from '@bw/bxml';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';

const BUILD_TARGET = 10;
const PARSE_TARGET = 1.5;
const WARMUP_MS = 500;
const ROUNDS = 25;
const SLICE_MS = 100;

const APP = 'https://ivr.example.com';
const voice = { gender: 'female', locale: 'en_US', voice: 'susan' };

/** The IVR as BXML: welcome, menu, retry, transfer to sales, voicemail, survey, goodbye. */
export function buildBxml() {
  return toXml(
    response(
      speakSentence('Thank you for calling Example Corporation.', voice),
      pause({ length: 1 }),
      gather(
        {
          requestUrl: `${APP}/menu`,
          requestUrlTimeout: 10000,
          terminatingDigits: '#',
          maxDigits: 1,
          interDigitTimeout: 5,
          tag: 'main-menu',
        },
        speakSentence('For sales, press 1.', voice),
        speakSentence('For support, press 2.', voice),
        speakSentence('For billing, press 3.', voice),
        speakSentence('To leave a message, press 4.', voice),
      ),
      speakSentence('We did not receive your selection.', voice),
      gather(
        { requestUrl: `${APP}/menu?retry=1`, maxDigits: 1 },
        playAudio(`${APP}/audio/menu.mp3`, { repeatCount: 2, delayBeforeRepeat: 2 }),
      ),
      speakSentence('Please hold while we connect you to the next available agent.', voice),
      playAudio(`${APP}/audio/hold.mp3`, { volume: -2 }),
      transfer(
        {
          transferCallerId: '+15552221235',
          callTimeout: 30,
          requestUrl: `${APP}/transfer-complete`,
          tag: 'sales',
        },
        phoneNumber('+15552221234'),
        phoneNumber('+15552221233'),
        phoneNumber('+15552221232'),
        speakSentence('Incoming call from the sales line.', voice),
        record({ multiChannel: true, fileFormat: 'wav' }),
      ),
      speakSentence('All of our agents are busy. Please leave a message after the tone.', voice),
      playAudio(`${APP}/audio/beep.wav`),
      record({
        requestUrl: `${APP}/voicemail`,
        maxDuration: 120,
        silenceTimeout: 5,
        terminatingDigits: '#',
        transcribe: true,
        transcribeCallbackUrl: `${APP}/transcription`,
      }),
      speakSentence('Thank you. Your message was recorded.', voice),
      pause({ length: 2 }),
      speakSentence('Connecting you to the automated attendant.', voice),
      sendDtmf('1w2w3#'),
      gather(
        { requestUrl: `${APP}/survey`, maxDigits: 1 },
        speakSentence('Rate this call from 1 to 5.', voice),
      ),
      speakSentence('Goodbye.', voice),
      pause({ length: 1 }),
      redirect({ requestUrl: `${APP}/end`, requestUrlTimeout: 10000 }),
    ),
  );
}

/** The same IVR as TwiML (Dial/Number for Transfer/PhoneNumber, the whisper as a Number url). */
export function buildTwiml() {
  const say = { voice: 'woman', language: 'en-US' };
  const twiml = new twilio.twiml.VoiceResponse();
  twiml.say(say, 'Thank you for calling Example Corporation.');
  twiml.pause({ length: 1 });
  const menu = twiml.gather({
    action: `${APP}/menu`,
    method: 'GET',
    finishOnKey: '#',
    numDigits: 1,
    timeout: 5,
  });
  menu.say(say, 'For sales, press 1.');
  menu.say(say, 'For support, press 2.');
  menu.say(say, 'For billing, press 3.');
  menu.say(say, 'To leave a message, press 4.');
  twiml.say(say, 'We did not receive your selection.');
  twiml
    .gather({ action: `${APP}/menu?retry=1`, method: 'GET', numDigits: 1 })
    .play({ loop: 2 }, `${APP}/audio/menu.mp3`);
  twiml.say(say, 'Please hold while we connect you to the next available agent.');
  twiml.play({}, `${APP}/audio/hold.mp3`);
  const dial = twiml.dial({
    callerId: '+15552221235',
    timeout: 30,
    action: `${APP}/transfer-complete`,
    method: 'GET',
    record: 'record-from-answer-dual',
  });
  dial.number('+15552221234');
  dial.number('+15552221233');
  dial.number({ url: `${APP}/whisper`, method: 'GET' }, '+15552221232');
  twiml.say(say, 'All of our agents are busy. Please leave a message after the tone.');
  twiml.play({}, `${APP}/audio/beep.wav`);
  twiml.record({
    action: `${APP}/voicemail`,
    method: 'GET',
    maxLength: 120,
    timeout: 5,
    finishOnKey: '#',
    transcribe: true,
    transcribeCallback: `${APP}/transcription`,
  });
  twiml.say(say, 'Thank you. Your message was recorded.');
  twiml.pause({ length: 2 });
  twiml.say(say, 'Connecting you to the automated attendant.');
  twiml.play({ digits: '1w2w3#' });
  twiml
    .gather({ action: `${APP}/survey`, method: 'GET', numDigits: 1 })
    .say(say, 'Rate this call from 1 to 5.');
  twiml.say(say, 'Goodbye.');
  twiml.pause({ length: 1 });
  twiml.redirect({ method: 'GET' }, `${APP}/end`);
  return twiml.toString();
}

/** A fast-xml-parser that keeps attributes, as reading BXML needs them. */
const xmlParser = new XMLParser({ ignoreAttributes: false });

/** The document both parsers read: what `buildBxml` writes. */
export const IVR_XML = buildBxml();

/** Reads and checks the document with @bw/bxml; returns something sized, for the sink. */
export const parseWithBxml = () => parseBxml(IVR_XML).children;

/** Only parses the document with fast-xml-parser. */
export const parseWithFastXmlParser = () => Object.keys(xmlParser.parse(IVR_XML));

/** Runs `task` for about `ms` milliseconds; returns [operations, elapsed ms]. */
function slice(task, ms) {
  let operations = 0;
  let sink = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 8; i++) sink += task().length;
    operations += 8;
    now = performance.now();
  }
  if (sink === 0) throw new Error('no output');
  return [operations, now - start];
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Ops/s of each task in alternating slices, and the ratio of the first to the second. Each round
 * runs both back to back, so its ratio compares them under the same machine load; the medians
 * over all rounds keep a busy moment from skewing the result.
 */
function measure([first, second]) {
  slice(first, WARMUP_MS);
  slice(second, WARMUP_MS);
  const rates = [[], []];
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    const rate = [0, 0];
    for (const i of order) {
      const [operations, ms] = slice(i === 0 ? first : second, SLICE_MS);
      rate[i] = (operations * 1000) / ms;
      rates[i].push(rate[i]);
    }
    ratios.push(rate[0] / rate[1]);
  }
  return { first: median(rates[0]), second: median(rates[1]), ratio: median(ratios) };
}

const rate = (value) => Math.round(value).toLocaleString('en-US').padStart(10);

/** Measures both pairs; returns the figures in the bench result shape. */
export default async function run() {
  let verbs = -1;
  walkBxml(parseBxml(IVR_XML), () => {
    verbs++;
  });
  const twimlElements = (buildTwiml().match(/<[A-Z]/g)?.length ?? 0) - 1;
  if (verbs !== 30) throw new Error(`the BXML document has ${verbs} verbs, not 30`);
  if (JSON.stringify(xmlParser.parse(IVR_XML)).length < IVR_XML.length / 2) {
    throw new Error('fast-xml-parser did not read the whole document');
  }

  const build = measure([buildBxml, buildTwiml]);
  console.log(`BXML: build + serialize a ${verbs}-verb IVR document (${IVR_XML.length} chars)`);
  console.log(`  @bw/bxml                 ${rate(build.first)} ops/s`);
  console.log(
    `  twilio VoiceResponse     ${rate(build.second)} ops/s  (${twimlElements} TwiML elements)`,
  );
  console.log(
    `  ratio                    ${build.ratio.toFixed(1).padStart(10)}x  (target >= ${BUILD_TARGET}x)`,
  );

  const parse = measure([parseWithBxml, parseWithFastXmlParser]);
  console.log('BXML: parseBxml (read + validate) of the same document');
  console.log(`  @bw/bxml parseBxml       ${rate(parse.first)} ops/s`);
  console.log(`  fast-xml-parser parse    ${rate(parse.second)} ops/s  (parse only)`);
  console.log(
    `  ratio                    ${parse.ratio.toFixed(2).padStart(10)}x  (target >= ${PARSE_TARGET}x)`,
  );
  return [
    {
      name: 'bxml build + serialize, 30-verb IVR',
      value: build.first,
      unit: 'ops/s',
      baselineName: 'twilio VoiceResponse',
      baseline: build.second,
      ratio: build.ratio,
      target: BUILD_TARGET,
    },
    {
      name: 'bxml parseBxml + validate, same document',
      value: parse.first,
      unit: 'ops/s',
      baselineName: 'fast-xml-parser parse',
      baseline: parse.second,
      ratio: parse.ratio,
      target: PARSE_TARGET,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await run();
}
