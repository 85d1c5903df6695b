// The voice side of the method table (test-support/method-table.ts): the path ids a voice method
// takes, the ids the tests use, the voice paths and the five audio cases every audio target gets.
import type { MethodCase as SharedCase } from '../../../test-support/method-table';
import { frozen } from '../../../test-support/method-table';
import type { VoiceClient } from '../src/index';
import { userPrefix } from './recorder';

export type { ExpectedRequest } from '../../../test-support/method-table';
export { frozen, pagedRequests, twoPages } from '../../../test-support/method-table';

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

/** One VoiceClient method. */
export type MethodCase = SharedCase<VoiceClient, IdName>;

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

/** Ids that need percent-encoding. */
export const awkwardIds: Ids = {
  callId: 'c+1 a/b',
  gatherId: 'g%20x',
  eventId: 'ce/1',
  bridgeId: 'brg 1',
  conferenceId: 'conf+1',
  memberId: 'm/1',
  recordingId: 'rec 1+2',
  transcriptionId: 'tr%2F1',
};

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
