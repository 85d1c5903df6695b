// Walking a document, and the fluent chain over the builder functions.
import { expect, test } from 'vitest';
import {
  BxmlBuilder,
  BxmlError,
  type BxmlNode,
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
  speakSentence,
  toXml,
  transfer,
  walkBxml,
} from '../src/index';

const URL = 'https://app.example.com/menu';

/** A small IVR, built in each test: what runs while tests are collected counts for none of them in a mutation run. */
const ivr = () =>
  response(
    speakSentence('Welcome'),
    gather({ requestUrl: URL, maxDigits: 1 }, speakSentence('Press 1'), speakSentence('Press 2')),
    speakSentence('Transferring'),
    transfer(
      { transferCallerId: '+15550001111' },
      phoneNumber('+15551112222'),
      phoneNumber('+15553334444'),
      record(),
    ),
    hangup(),
  );

test('walkBxml visits every node depth first, in document order, with the paths problems use', () => {
  const visited: [string, string, string | undefined][] = [];
  walkBxml(ivr(), (node, path, parent) => {
    visited.push([node.verb, path, parent?.verb]);
  });
  expect(visited).toEqual([
    ['Response', 'Response', undefined],
    ['SpeakSentence', 'Response/SpeakSentence[0]', 'Response'],
    ['Gather', 'Response/Gather[0]', 'Response'],
    ['SpeakSentence', 'Response/Gather[0]/SpeakSentence[0]', 'Gather'],
    ['SpeakSentence', 'Response/Gather[0]/SpeakSentence[1]', 'Gather'],
    ['SpeakSentence', 'Response/SpeakSentence[1]', 'Response'],
    ['Transfer', 'Response/Transfer[0]', 'Response'],
    ['PhoneNumber', 'Response/Transfer[0]/PhoneNumber[0]', 'Transfer'],
    ['PhoneNumber', 'Response/Transfer[0]/PhoneNumber[1]', 'Transfer'],
    ['Record', 'Response/Transfer[0]/Record[0]', 'Transfer'],
    ['Hangup', 'Response/Hangup[0]', 'Response'],
  ]);
});

test('walkBxml skips the children of a node whose visit returns false', () => {
  const verbs: string[] = [];
  walkBxml(ivr(), (node) => {
    verbs.push(node.verb);
    return node.verb !== 'Gather' && node.verb !== 'Transfer';
  });
  expect(verbs).toEqual([
    'Response',
    'SpeakSentence',
    'Gather',
    'SpeakSentence',
    'Transfer',
    'Hangup',
  ]);
});

test('walkBxml starts at any node, and narrows nodes by verb', () => {
  const numbers: string[] = [];
  const start = ivr().children[3] as BxmlNode;
  walkBxml(start, (node, path) => {
    if (node.verb === 'PhoneNumber') numbers.push(`${path}=${node.text}`);
  });
  expect(numbers).toEqual([
    'Transfer/PhoneNumber[0]=+15551112222',
    'Transfer/PhoneNumber[1]=+15553334444',
  ]);
});

test('the chain builds the same document as the functions, and writes the same XML', () => {
  const chained = new BxmlBuilder()
    .speakSentence('Welcome')
    .gather({ requestUrl: URL, maxDigits: 1 }, speakSentence('Press 1'), speakSentence('Press 2'))
    .speakSentence('Transferring')
    .transfer(
      { transferCallerId: '+15550001111' },
      phoneNumber('+15551112222'),
      phoneNumber('+15553334444'),
      record(),
    )
    .hangup();
  expect(chained.build()).toStrictEqual(ivr());
  expect(chained.toXml()).toBe(toXml(ivr()));
  expect(parseBxml(chained.toXml({ pretty: true }))).toStrictEqual(ivr());
});

test('every verb method of the chain appends its verb; add() takes any verb, deprecated ones too', () => {
  const document = new BxmlBuilder()
    .playAudio(`${URL}.wav`, { repeatCount: 2 })
    .record({ maxDuration: 30 })
    .pause({ length: 2 })
    .sendDtmf('1#')
    .add(conference({ from: '+15550001111' }))
    .redirect({ requestUrl: URL, requestUrlTimeout: 1000 })
    .build();
  expect(document).toStrictEqual(
    response(
      playAudio(`${URL}.wav`, { repeatCount: 2 }),
      record({ maxDuration: 30 }),
      pause({ length: 2 }),
      sendDtmf('1#'),
      conference({ from: '+15550001111' }),
      redirect({ requestUrl: URL, requestUrlTimeout: 1000 }),
    ),
  );
});

test('the chain throws what the functions throw, when they throw it', () => {
  const chain = new BxmlBuilder();
  expect(() => chain.pause({ length: 0 })).toThrow(BxmlError);
  expect(() => chain.pause({ length: 0 })).toThrow(
    'Pause@length: must be an integer from 1 to 3600 (got 0)',
  );
  chain.redirect({ requestUrl: URL, requestUrlTimeout: 1000 }).hangup();
  expect(() => chain.build()).toThrow('Response/Hangup[0]: never runs: it follows a Redirect');
});
