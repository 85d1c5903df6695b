// The building blocks of the method table: how a case is described, and helpers shared by the
// call cases and the bridge/conference/recording cases.
import type { VoiceClient } from '../src/index';
import { type Recorder, type Reply, type Responder, userPrefix } from './recorder';

export type IdName =
  | 'callId'
  | 'gatherId'
  | 'eventId'
  | 'bridgeId'
  | 'conferenceId'
  | 'memberId'
  | 'recordingId'
  | 'transcriptionId';

export type Ids = Record<IdName, string>;

export interface ExpectedRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Exact query string with `?`; `''` when none. */
  search?: string;
  /** The exact JSON body; `undefined` = no body at all. */
  json?: unknown;
}

export interface MethodCase {
  name: string;
  /** The path ids the method takes, in argument order. */
  idParams: IdName[];
  run: (client: VoiceClient, ids: Ids) => Promise<unknown>;
  reply?: Reply | Responder;
  /** Built from the percent-encoded ids. */
  requests: (ids: Ids) => ExpectedRequest[];
  returns: unknown;
}

export const plainIds: Ids = {
  callId: 'c-1',
  gatherId: 'g-1',
  eventId: 'ce-1',
  bridgeId: 'brg-1',
  conferenceId: 'conf-1',
  memberId: 'member-1',
  recordingId: 'rec-1',
  transcriptionId: 'tr-1',
};

/** Deep-frozen, so a method that mutates its argument throws instead of passing. */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/** Two pages: the first links to the second with a cursor; the original query is not re-sent. */
export function twoPages(first: unknown[], second: unknown[]): Responder {
  return (request: { path: string; search: string }, recorder: Recorder) =>
    request.search === '?cursor=p2'
      ? { body: second }
      : {
          body: first,
          headers: {
            link: `<${recorder.url}${request.path}?page=0>; rel="first", <${recorder.url}${request.path}?cursor=p2>; rel="next"`,
          },
        };
}

export function pagedRequests(path: string, search = ''): ExpectedRequest[] {
  return [
    { method: 'GET', path, search },
    { method: 'GET', path, search: '?cursor=p2' },
  ];
}

export const calls = (ids: Ids) => `${userPrefix}/calls/${ids.callId}`;
export const bridge = (ids: Ids) => `${userPrefix}/bridges/${ids.bridgeId}`;
export const conference = (ids: Ids) => `${userPrefix}/conferences/${ids.conferenceId}`;
export const member = (ids: Ids) => `${conference(ids)}/members/${ids.memberId}`;
export const recording = (ids: Ids) => `${userPrefix}/recordings/${ids.recordingId}`;

const speakDefaults = { gender: 'female', voice: 'susan', locale: 'en_US' };
const fileUrl = 'https://media.example.com/hold music.mp3';

export const mediaUrl = 'https://api.example.com/v1/users/u-test/media/c-1%20take-1.wav';

/** The four audio targets share one body logic; each gets the same five cases. */
export function audioCases(
  target: string,
  idParams: IdName[],
  base: (ids: Ids) => string,
  call: (
    client: VoiceClient,
    ids: Ids,
  ) => {
    play: (opts: object) => Promise<unknown>;
    speak: (sentence: string, opts?: object) => Promise<unknown>;
    playFile: (url: string, opts?: object) => Promise<unknown>;
    stopSpeaking: () => Promise<unknown>;
    stopPlayback: () => Promise<unknown>;
  },
): MethodCase[] {
  const audio = (json: unknown) => (ids: Ids) => [
    { method: 'POST' as const, path: `${base(ids)}/audio`, json },
  ];
  return [
    {
      name: `playAudioTo${target}`,
      idParams,
      run: (c, ids) =>
        call(c, ids).play(frozen({ sentence: 'Hi', voice: 'kate', loopEnabled: true, volume: -2 })),
      requests: audio({ sentence: 'Hi', voice: 'kate', loopEnabled: true, volume: -2 }),
      returns: undefined,
    },
    {
      name: `speakSentenceTo${target}`,
      idParams,
      run: (c, ids) => call(c, ids).speak('Welcome to the call'),
      requests: audio({ sentence: 'Welcome to the call', ...speakDefaults }),
      returns: undefined,
    },
    {
      name: `playAudioFileTo${target}`,
      idParams,
      run: (c, ids) => call(c, ids).playFile(fileUrl, frozen({ loopEnabled: true, tag: 'hold' })),
      requests: audio({ fileUrl, loopEnabled: true, tag: 'hold' }),
      returns: undefined,
    },
    {
      name: `stopSpeakingTo${target}`,
      idParams,
      run: (c, ids) => call(c, ids).stopSpeaking(),
      requests: audio({ sentence: '' }),
      returns: undefined,
    },
    {
      name: `stopAudioFilePlaybackTo${target}`,
      idParams,
      run: (c, ids) => call(c, ids).stopPlayback(),
      requests: audio({ fileUrl: '' }),
      returns: undefined,
    },
  ];
}
