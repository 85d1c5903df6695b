import {
  type AudioOptions,
  buildSentence,
  type Call,
  Client,
  type Locale,
  type PagedIterable,
  type Voice,
  VoiceClient,
} from '@bw/voice';
import {
  type AnswerEvent,
  type GatherEvent,
  type HangupEvent,
  isVoiceEvent,
  parseVoiceEvent,
  type RecordingEvent,
  type UnknownVoiceEvent,
  type VoiceEvent,
  type VoiceEventMap,
  type VoiceEventType,
} from '@bw/voice/callbacks';
import { describe, expectTypeOf, test } from 'vitest';

declare const event: VoiceEvent;
declare const client: VoiceClient;

describe('voice events narrow on eventType', () => {
  test('every eventType of the map narrows the union to exactly its interface', () => {
    type NarrowedByKey = {
      [K in keyof VoiceEventMap]: Extract<VoiceEvent, { eventType: K }>;
    };
    expectTypeOf<NarrowedByKey>().toEqualTypeOf<VoiceEventMap>();
    expectTypeOf<VoiceEventType>().toEqualTypeOf<keyof VoiceEventMap | 'unknown'>();
  });

  test('a switch sees each event’s own fields', () => {
    switch (event.eventType) {
      case 'answer':
        expectTypeOf(event).toEqualTypeOf<AnswerEvent>();
        expectTypeOf(event.callId).toEqualTypeOf<string>();
        break;
      case 'gather':
        expectTypeOf(event).toEqualTypeOf<GatherEvent>();
        expectTypeOf(event.digits).toEqualTypeOf<string | undefined>();
        break;
      case 'hangup':
        expectTypeOf(event).toEqualTypeOf<HangupEvent>();
        break;
      case 'recording':
        expectTypeOf(event).toEqualTypeOf<RecordingEvent>();
        expectTypeOf(event.recordingId).toEqualTypeOf<string>();
        break;
      case 'unknown':
        expectTypeOf(event).toEqualTypeOf<UnknownVoiceEvent>();
        expectTypeOf(event.rawEventType).toEqualTypeOf<string>();
        break;
    }
  });

  test('a field of another event is a compile error until narrowed', () => {
    // @ts-expect-error: `digits` exists only on gather events
    event.digits;
    // @ts-expect-error: 'Gather' is not an eventType
    if (event.eventType === 'Gather') return;
  });

  test('isVoiceEvent narrows like a comparison', () => {
    if (isVoiceEvent(event, 'gather')) {
      expectTypeOf(event).toEqualTypeOf<GatherEvent>();
    }
    // @ts-expect-error: not an eventType
    isVoiceEvent(event, 'nope');
  });

  test('parseVoiceEvent resolves to the union', () => {
    expectTypeOf(parseVoiceEvent).returns.resolves.toEqualTypeOf<VoiceEvent>();
  });
});

describe('VoiceClient', () => {
  test('Client is the same class and both constructor forms work', () => {
    expectTypeOf(Client).toEqualTypeOf<typeof VoiceClient>();
    expectTypeOf(VoiceClient).toBeConstructibleWith('u-1', 't-1', 's-1', { timeout: 1000 });
    expectTypeOf(VoiceClient).toBeConstructibleWith({ apiToken: 't-1', baseUrl: 'http://x' });
  });

  test('methods return what the surface promises', () => {
    expectTypeOf(client.createCall).returns.resolves.toEqualTypeOf<string>();
    expectTypeOf(client.getCall).returns.resolves.toEqualTypeOf<Call>();
    expectTypeOf(client.updateCall).returns.resolves.toEqualTypeOf<string | undefined>();
    expectTypeOf(client.toggleCallRecording).returns.resolves.toEqualTypeOf<boolean>();
    expectTypeOf(client.listCalls).returns.toEqualTypeOf<PagedIterable<Call>>();
  });

  test('conveniences take positional values; options stay typed', () => {
    expectTypeOf(client.speakSentenceToCall).toBeCallableWith('c-1', 'Hello', { voice: 'kate' });
    expectTypeOf(client.muteConference).toBeCallableWith('conf-1', true);
    // @ts-expect-error: mute takes a boolean
    client.muteConference('conf-1', 'yes');
    // @ts-expect-error: `to` is required
    client.createCall({ from: '+1' });
    // @ts-expect-error: gender is 'female' | 'male'
    client.speakSentenceToCall('c-1', 'Hi', { gender: 'robot' });
  });

  test('open response enums still accept new values; option enums do not', () => {
    expectTypeOf(buildSentence('Hi', { locale: 'pt_BR' })).toEqualTypeOf<AudioOptions>();
    expectTypeOf<'new-state'>().toExtend<NonNullable<Call['state']>>();
  });
});

describe('text-to-speech values of the REST audio endpoints', () => {
  /** The listed values of an open union, without its `string & {}`. */
  type Listed<T> = T extends string ? (string extends T ? never : T) : never;

  test('the 10 locales, region in upper case, and the 15 voices (no simon), as the API lists them', () => {
    expectTypeOf<Listed<Locale>>().toEqualTypeOf<
      'en_US' | 'en_UK' | 'es' | 'es_MX' | 'fr' | 'fr_FR' | 'de' | 'de_DE' | 'it' | 'it_IT'
    >();
    expectTypeOf<Listed<Voice>>().toEqualTypeOf<
      | 'susan'
      | 'kate'
      | 'julie'
      | 'dave'
      | 'paul'
      | 'bridget'
      | 'esperanza'
      | 'violeta'
      | 'jorge'
      | 'jolie'
      | 'bernard'
      | 'katrin'
      | 'stefan'
      | 'paola'
      | 'luca'
    >();
    expectTypeOf<AudioOptions['locale']>().toEqualTypeOf<Locale | undefined>();
  });
});
