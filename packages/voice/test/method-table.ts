// Every VoiceClient method once: how to call it, what the API answers, which requests must
// reach the wire and what the method resolves. Shared by the wire, encoding and validation tests.
import type { VoiceClient } from '../src/index';
import { created, type Recorder, type Reply, type Responder, userPrefix } from './recorder';

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

function pagedRequests(path: string, search = ''): ExpectedRequest[] {
  return [
    { method: 'GET', path, search },
    { method: 'GET', path, search: '?cursor=p2' },
  ];
}

const calls = (ids: Ids) => `${userPrefix}/calls/${ids.callId}`;
const bridge = (ids: Ids) => `${userPrefix}/bridges/${ids.bridgeId}`;
const conference = (ids: Ids) => `${userPrefix}/conferences/${ids.conferenceId}`;
const member = (ids: Ids) => `${conference(ids)}/members/${ids.memberId}`;
const recording = (ids: Ids) => `${userPrefix}/recordings/${ids.recordingId}`;

const speakDefaults = { gender: 'female', voice: 'susan', locale: 'en_US' };
const fileUrl = 'https://media.example.com/hold music.mp3';

const callEntity = { id: 'c-1', state: 'active', recordingEnabled: false, from: '+19195551212' };
const mediaUrl = 'https://api.example.com/v1/users/u-test/media/c-1%20take-1.wav';

/** The four audio targets share one body logic; each gets the same five cases. */
function audioCases(
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

export const methodCases: MethodCase[] = [
  // ---- calls
  {
    name: 'listCalls',
    idParams: [],
    run: (c) =>
      c
        .listCalls(frozen({ from: '+19195551212', to: undefined, sortOrder: 'asc', size: 2 }))
        .toArray(),
    reply: twoPages([{ id: 'c-1' }, { id: 'c-2' }], [{ id: 'c-3' }]),
    requests: () =>
      pagedRequests(`${userPrefix}/calls`, '?from=%2B19195551212&sortOrder=asc&size=2'),
    returns: [{ id: 'c-1' }, { id: 'c-2' }, { id: 'c-3' }],
  },
  {
    name: 'createCall',
    idParams: [],
    run: (c) =>
      c.createCall(
        frozen({
          from: '+19195551212',
          to: 'sip:alice@example.com',
          callbackUrl: 'https://app.example.com/events',
          recordingEnabled: true,
          tag: undefined,
          sipHeaders: { 'X-Customer': '42' },
        }),
      ),
    reply: created(`${userPrefix}/calls/c-new`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/calls`,
        json: {
          from: '+19195551212',
          to: 'sip:alice@example.com',
          callbackUrl: 'https://app.example.com/events',
          recordingEnabled: true,
          sipHeaders: { 'X-Customer': '42' },
        },
      },
    ],
    returns: 'c-new',
  },
  {
    name: 'getCall',
    idParams: ['callId'],
    run: (c, ids) => c.getCall(ids.callId),
    reply: { body: { ...callEntity, sipHeaders: { 'X-Customer': '42' } } },
    requests: (ids) => [{ method: 'GET', path: calls(ids) }],
    returns: { ...callEntity, sipHeaders: { 'X-Customer': '42' } },
  },
  {
    name: 'updateCall',
    idParams: ['callId'],
    run: (c, ids) =>
      c.updateCall(ids.callId, frozen({ recordingEnabled: true, recordingFileFormat: 'mp3' })),
    requests: (ids) => [
      {
        method: 'POST',
        path: calls(ids),
        json: { recordingEnabled: true, recordingFileFormat: 'mp3' },
      },
    ],
    returns: undefined,
  },
  {
    name: 'answerCall',
    idParams: ['callId'],
    run: (c, ids) => c.answerCall(ids.callId),
    requests: (ids) => [{ method: 'POST', path: calls(ids), json: { state: 'active' } }],
    returns: undefined,
  },
  {
    name: 'rejectCall',
    idParams: ['callId'],
    run: (c, ids) => c.rejectCall(ids.callId),
    requests: (ids) => [{ method: 'POST', path: calls(ids), json: { state: 'rejected' } }],
    returns: undefined,
  },
  {
    name: 'hangupCall',
    idParams: ['callId'],
    run: (c, ids) => c.hangupCall(ids.callId),
    requests: (ids) => [{ method: 'POST', path: calls(ids), json: { state: 'completed' } }],
    returns: undefined,
  },
  {
    name: 'transferCall',
    idParams: ['callId'],
    run: (c, ids) =>
      c.transferCall(
        ids.callId,
        frozen({
          transferTo: '+19195554545',
          transferCallerId: 'private',
          whisperAudio: { sentence: 'Transfer from support', gender: 'male' as const },
          callbackUrl: undefined,
        }),
      ),
    reply: created(`${userPrefix}/calls/c-leg-2`),
    requests: (ids) => [
      {
        method: 'POST',
        path: calls(ids),
        json: {
          state: 'transferring',
          transferTo: '+19195554545',
          transferCallerId: 'private',
          whisperAudio: { sentence: 'Transfer from support', gender: 'male' },
        },
      },
    ],
    returns: 'c-leg-2',
  },
  {
    name: 'enableCallRecording',
    idParams: ['callId'],
    run: (c, ids) => c.enableCallRecording(ids.callId),
    requests: (ids) => [{ method: 'POST', path: calls(ids), json: { recordingEnabled: true } }],
    returns: undefined,
  },
  {
    name: 'disableCallRecording',
    idParams: ['callId'],
    run: (c, ids) => c.disableCallRecording(ids.callId),
    requests: (ids) => [{ method: 'POST', path: calls(ids), json: { recordingEnabled: false } }],
    returns: undefined,
  },
  {
    name: 'toggleCallRecording',
    idParams: ['callId'],
    run: (c, ids) => c.toggleCallRecording(ids.callId),
    reply: (request) =>
      request.method === 'GET' ? { body: { id: 'c-1', recordingEnabled: true } } : {},
    requests: (ids) => [
      { method: 'GET', path: calls(ids) },
      { method: 'POST', path: calls(ids), json: { recordingEnabled: false } },
    ],
    returns: false,
  },
  {
    name: 'setCallMaxRecordingDuration',
    idParams: ['callId'],
    run: (c, ids) => c.setCallMaxRecordingDuration(ids.callId, 120),
    requests: (ids) => [{ method: 'POST', path: calls(ids), json: { recordingMaxDuration: 120 } }],
    returns: undefined,
  },

  // ---- call audio and DTMF
  ...audioCases('Call', ['callId'], calls, (c, ids) => ({
    play: (opts) => c.playAudioToCall(ids.callId, opts),
    speak: (sentence, opts) => c.speakSentenceToCall(ids.callId, sentence, opts),
    playFile: (url, opts) => c.playAudioFileToCall(ids.callId, url, opts),
    stopSpeaking: () => c.stopSpeakingToCall(ids.callId),
    stopPlayback: () => c.stopAudioFilePlaybackToCall(ids.callId),
  })),
  {
    name: 'sendDtmfToCall',
    idParams: ['callId'],
    run: (c, ids) => c.sendDtmfToCall(ids.callId, frozen({ dtmfOut: '1W2,3#' })),
    requests: (ids) => [
      { method: 'POST', path: `${calls(ids)}/dtmf`, json: { dtmfOut: '1W2,3#' } },
    ],
    returns: undefined,
  },

  // ---- gathers, call events, call recordings and transcriptions
  {
    name: 'createCallGather',
    idParams: ['callId'],
    run: (c, ids) =>
      c.createCallGather(
        ids.callId,
        frozen({ maxDigits: 4, terminatingDigits: '*', prompt: { sentence: 'Enter your PIN' } }),
      ),
    reply: created(`${userPrefix}/calls/c-1/gather/g-new`),
    requests: (ids) => [
      {
        method: 'POST',
        path: `${calls(ids)}/gather`,
        json: { maxDigits: 4, terminatingDigits: '*', prompt: { sentence: 'Enter your PIN' } },
      },
    ],
    returns: 'g-new',
  },
  {
    name: 'getCallGather',
    idParams: ['callId', 'gatherId'],
    run: (c, ids) => c.getCallGather(ids.callId, ids.gatherId),
    reply: { body: { id: 'g-1', state: 'completed', reason: 'max-digits', digits: '1234' } },
    requests: (ids) => [{ method: 'GET', path: `${calls(ids)}/gather/${ids.gatherId}` }],
    returns: { id: 'g-1', state: 'completed', reason: 'max-digits', digits: '1234' },
  },
  {
    name: 'updateCallGather',
    idParams: ['callId', 'gatherId'],
    run: (c, ids) => c.updateCallGather(ids.callId, ids.gatherId, frozen({ state: 'completed' })),
    requests: (ids) => [
      {
        method: 'POST',
        path: `${calls(ids)}/gather/${ids.gatherId}`,
        json: { state: 'completed' },
      },
    ],
    returns: undefined,
  },
  {
    name: 'completeCallGather',
    idParams: ['callId', 'gatherId'],
    run: (c, ids) => c.completeCallGather(ids.callId, ids.gatherId),
    requests: (ids) => [
      {
        method: 'POST',
        path: `${calls(ids)}/gather/${ids.gatherId}`,
        json: { state: 'completed' },
      },
    ],
    returns: undefined,
  },
  {
    name: 'listCallEvents',
    idParams: ['callId'],
    run: (c, ids) => c.listCallEvents(ids.callId).toArray(),
    reply: twoPages(
      [{ id: 'ce-1', name: 'create', time: '2014-12-19T19:13:09Z' }],
      [{ id: 'ce-2', name: 'answer', time: 1419032854964 }],
    ),
    requests: (ids) => pagedRequests(`${calls(ids)}/events`),
    returns: [
      { id: 'ce-1', name: 'create', time: '2014-12-19T19:13:09Z' },
      { id: 'ce-2', name: 'answer', time: 1419032854964 },
    ],
  },
  {
    name: 'getCallEvent',
    idParams: ['callId', 'eventId'],
    run: (c, ids) => c.getCallEvent(ids.callId, ids.eventId),
    reply: { body: { id: 'ce-1', name: 'hangup', data: 'NORMAL_CLEARING' } },
    requests: (ids) => [{ method: 'GET', path: `${calls(ids)}/events/${ids.eventId}` }],
    returns: { id: 'ce-1', name: 'hangup', data: 'NORMAL_CLEARING' },
  },
  {
    name: 'listCallRecordings',
    idParams: ['callId'],
    run: (c, ids) => c.listCallRecordings(ids.callId).toArray(),
    reply: twoPages([{ id: 'rec-1', media: mediaUrl }], [{ id: 'rec-2', state: 'recording' }]),
    requests: (ids) => pagedRequests(`${calls(ids)}/recordings`),
    returns: [
      { id: 'rec-1', media: mediaUrl, mediaName: 'c-1 take-1.wav' },
      { id: 'rec-2', state: 'recording' },
    ],
  },
  {
    name: 'listCallTranscriptions',
    idParams: ['callId'],
    run: (c, ids) => c.listCallTranscriptions(ids.callId).toArray(),
    reply: twoPages([{ id: 'tr-1', state: 'completed', textSize: 12 }], []),
    requests: (ids) => pagedRequests(`${calls(ids)}/transcriptions`),
    returns: [{ id: 'tr-1', state: 'completed', textSize: 12 }],
  },

  // ---- bridges
  {
    name: 'listBridges',
    idParams: [],
    run: (c) => c.listBridges({ size: 1 }).toArray(),
    reply: twoPages([{ id: 'brg-1' }], [{ id: 'brg-2', state: 'hold' }]),
    requests: () => pagedRequests(`${userPrefix}/bridges`, '?size=1'),
    returns: [{ id: 'brg-1' }, { id: 'brg-2', state: 'hold' }],
  },
  {
    name: 'createBridge',
    idParams: [],
    run: (c) => c.createBridge(frozen({ bridgeAudio: true, callIds: ['c-1', 'c-2'] })),
    reply: created(`https://api.example.com/v1/users/u-test/bridges/brg-new`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/bridges`,
        json: { bridgeAudio: true, callIds: ['c-1', 'c-2'] },
      },
    ],
    returns: 'brg-new',
  },
  {
    name: 'getBridge',
    idParams: ['bridgeId'],
    run: (c, ids) => c.getBridge(ids.bridgeId),
    reply: { body: { id: 'brg-1', state: 'active', callIds: ['c-1', 'c-2'] } },
    requests: (ids) => [{ method: 'GET', path: bridge(ids) }],
    returns: { id: 'brg-1', state: 'active', callIds: ['c-1', 'c-2'] },
  },
  {
    name: 'updateBridge',
    idParams: ['bridgeId'],
    run: (c, ids) => c.updateBridge(ids.bridgeId, frozen({ callIds: [] })),
    requests: (ids) => [{ method: 'POST', path: bridge(ids), json: { callIds: [] } }],
    returns: undefined,
  },
  {
    name: 'listBridgeCalls',
    idParams: ['bridgeId'],
    run: (c, ids) => c.listBridgeCalls(ids.bridgeId).toArray(),
    reply: twoPages([{ id: 'c-1' }], [{ id: 'c-2' }]),
    requests: (ids) => pagedRequests(`${bridge(ids)}/calls`),
    returns: [{ id: 'c-1' }, { id: 'c-2' }],
  },
  ...audioCases('Bridge', ['bridgeId'], bridge, (c, ids) => ({
    play: (opts) => c.playAudioToBridge(ids.bridgeId, opts),
    speak: (sentence, opts) => c.speakSentenceToBridge(ids.bridgeId, sentence, opts),
    playFile: (url, opts) => c.playAudioFileToBridge(ids.bridgeId, url, opts),
    stopSpeaking: () => c.stopSpeakingToBridge(ids.bridgeId),
    stopPlayback: () => c.stopAudioFilePlaybackToBridge(ids.bridgeId),
  })),

  // ---- conferences
  {
    name: 'createConference',
    idParams: [],
    run: (c) =>
      c.createConference(
        frozen({
          from: '+19195551212',
          callbackUrl: 'https://app.example.com/conf',
          profile: 'passthru_digits',
        }),
      ),
    reply: created(`${userPrefix}/conferences/conf-new`),
    requests: () => [
      {
        method: 'POST',
        path: `${userPrefix}/conferences`,
        json: {
          from: '+19195551212',
          callbackUrl: 'https://app.example.com/conf',
          profile: 'passthru_digits',
        },
      },
    ],
    returns: 'conf-new',
  },
  {
    name: 'getConference',
    idParams: ['conferenceId'],
    run: (c, ids) => c.getConference(ids.conferenceId),
    reply: { body: { id: 'conf-1', state: 'active', activeMembers: 3 } },
    requests: (ids) => [{ method: 'GET', path: conference(ids) }],
    returns: { id: 'conf-1', state: 'active', activeMembers: 3 },
  },
  {
    name: 'updateConference',
    idParams: ['conferenceId'],
    run: (c, ids) => c.updateConference(ids.conferenceId, frozen({ mute: true, tag: 'standup' })),
    requests: (ids) => [
      { method: 'POST', path: conference(ids), json: { mute: true, tag: 'standup' } },
    ],
    returns: undefined,
  },
  {
    name: 'terminateConference',
    idParams: ['conferenceId'],
    run: (c, ids) => c.terminateConference(ids.conferenceId),
    requests: (ids) => [{ method: 'POST', path: conference(ids), json: { state: 'completed' } }],
    returns: undefined,
  },
  {
    name: 'muteConference',
    idParams: ['conferenceId'],
    run: (c, ids) => c.muteConference(ids.conferenceId, false),
    requests: (ids) => [{ method: 'POST', path: conference(ids), json: { mute: false } }],
    returns: undefined,
  },
  {
    name: 'holdConference',
    idParams: ['conferenceId'],
    run: (c, ids) => c.holdConference(ids.conferenceId, true),
    requests: (ids) => [{ method: 'POST', path: conference(ids), json: { hold: true } }],
    returns: undefined,
  },
  ...audioCases('Conference', ['conferenceId'], conference, (c, ids) => ({
    play: (opts) => c.playAudioToConference(ids.conferenceId, opts),
    speak: (sentence, opts) => c.speakSentenceToConference(ids.conferenceId, sentence, opts),
    playFile: (url, opts) => c.playAudioFileToConference(ids.conferenceId, url, opts),
    stopSpeaking: () => c.stopSpeakingToConference(ids.conferenceId),
    stopPlayback: () => c.stopAudioFilePlaybackToConference(ids.conferenceId),
  })),

  // ---- conference members
  {
    name: 'listConferenceMembers',
    idParams: ['conferenceId'],
    run: (c, ids) => c.listConferenceMembers(ids.conferenceId).toArray(),
    reply: twoPages(
      [{ id: 'member-1', state: 'active' }],
      [{ id: 'member-2', state: 'completed' }],
    ),
    requests: (ids) => pagedRequests(`${conference(ids)}/members`),
    returns: [
      { id: 'member-1', state: 'active' },
      { id: 'member-2', state: 'completed' },
    ],
  },
  {
    name: 'createConferenceMember',
    idParams: ['conferenceId'],
    run: (c, ids) =>
      c.createConferenceMember(
        ids.conferenceId,
        frozen({ callId: 'c-7', joinTone: true, mute: false }),
      ),
    reply: created(`${userPrefix}/conferences/conf-1/members/member-new`),
    requests: (ids) => [
      {
        method: 'POST',
        path: `${conference(ids)}/members`,
        json: { callId: 'c-7', joinTone: true, mute: false },
      },
    ],
    returns: 'member-new',
  },
  {
    name: 'getConferenceMember',
    idParams: ['conferenceId', 'memberId'],
    run: (c, ids) => c.getConferenceMember(ids.conferenceId, ids.memberId),
    reply: { body: { id: 'member-1', state: 'active', hold: false, call: 'https://x/calls/c-7' } },
    requests: (ids) => [{ method: 'GET', path: member(ids) }],
    returns: { id: 'member-1', state: 'active', hold: false, call: 'https://x/calls/c-7' },
  },
  {
    name: 'updateConferenceMember',
    idParams: ['conferenceId', 'memberId'],
    run: (c, ids) =>
      c.updateConferenceMember(
        ids.conferenceId,
        ids.memberId,
        frozen({ hold: true, leavingTone: false }),
      ),
    requests: (ids) => [
      { method: 'POST', path: member(ids), json: { hold: true, leavingTone: false } },
    ],
    returns: undefined,
  },
  {
    name: 'removeConferenceMember',
    idParams: ['conferenceId', 'memberId'],
    run: (c, ids) => c.removeConferenceMember(ids.conferenceId, ids.memberId),
    requests: (ids) => [{ method: 'POST', path: member(ids), json: { state: 'completed' } }],
    returns: undefined,
  },
  {
    name: 'muteConferenceMember',
    idParams: ['conferenceId', 'memberId'],
    run: (c, ids) => c.muteConferenceMember(ids.conferenceId, ids.memberId, true),
    requests: (ids) => [{ method: 'POST', path: member(ids), json: { mute: true } }],
    returns: undefined,
  },
  {
    name: 'holdConferenceMember',
    idParams: ['conferenceId', 'memberId'],
    run: (c, ids) => c.holdConferenceMember(ids.conferenceId, ids.memberId, false),
    requests: (ids) => [{ method: 'POST', path: member(ids), json: { hold: false } }],
    returns: undefined,
  },
  ...audioCases('ConferenceMember', ['conferenceId', 'memberId'], member, (c, ids) => ({
    play: (opts) => c.playAudioToConferenceMember(ids.conferenceId, ids.memberId, opts),
    speak: (sentence, opts) =>
      c.speakSentenceToConferenceMember(ids.conferenceId, ids.memberId, sentence, opts),
    playFile: (url, opts) =>
      c.playAudioFileToConferenceMember(ids.conferenceId, ids.memberId, url, opts),
    stopSpeaking: () => c.stopSpeakingToConferenceMember(ids.conferenceId, ids.memberId),
    stopPlayback: () => c.stopAudioFilePlaybackToConferenceMember(ids.conferenceId, ids.memberId),
  })),

  // ---- recordings and transcriptions
  {
    name: 'listRecordings',
    idParams: [],
    run: (c) => c.listRecordings({ size: 2 }).toArray(),
    reply: twoPages(
      [
        { id: 'rec-1', media: mediaUrl, state: 'complete' },
        { id: 'rec-2', media: `${mediaUrl}?download=1` },
      ],
      [{ id: 'rec-3' }],
    ),
    requests: () => pagedRequests(`${userPrefix}/recordings`, '?size=2'),
    returns: [
      { id: 'rec-1', media: mediaUrl, state: 'complete', mediaName: 'c-1 take-1.wav' },
      { id: 'rec-2', media: `${mediaUrl}?download=1`, mediaName: 'c-1 take-1.wav' },
      { id: 'rec-3' },
    ],
  },
  {
    name: 'getRecording',
    idParams: ['recordingId'],
    run: (c, ids) => c.getRecording(ids.recordingId),
    reply: {
      body: { id: 'rec-1', media: 'https://api.example.com/v1/users/u/media/a%2Fb%2B1.mp3' },
    },
    requests: (ids) => [{ method: 'GET', path: recording(ids) }],
    returns: {
      id: 'rec-1',
      media: 'https://api.example.com/v1/users/u/media/a%2Fb%2B1.mp3',
      mediaName: 'a/b+1.mp3',
    },
  },
  {
    name: 'listTranscriptions',
    idParams: ['recordingId'],
    run: (c, ids) => c.listTranscriptions(ids.recordingId, { size: 5 }).toArray(),
    reply: twoPages([{ id: 'tr-1' }], [{ id: 'tr-2', state: 'error' }]),
    requests: (ids) => pagedRequests(`${recording(ids)}/transcriptions`, '?size=5'),
    returns: [{ id: 'tr-1' }, { id: 'tr-2', state: 'error' }],
  },
  {
    name: 'createTranscription',
    idParams: ['recordingId'],
    run: (c, ids) => c.createTranscription(ids.recordingId),
    reply: created(`${userPrefix}/recordings/rec-1/transcriptions/tr-new`),
    requests: (ids) => [{ method: 'POST', path: `${recording(ids)}/transcriptions`, json: {} }],
    returns: 'tr-new',
  },
  {
    name: 'getTranscription',
    idParams: ['recordingId', 'transcriptionId'],
    run: (c, ids) => c.getTranscription(ids.recordingId, ids.transcriptionId),
    reply: { body: { id: 'tr-1', state: 'completed', text: 'Hello', textSize: 5 } },
    requests: (ids) => [
      { method: 'GET', path: `${recording(ids)}/transcriptions/${ids.transcriptionId}` },
    ],
    returns: { id: 'tr-1', state: 'completed', text: 'Hello', textSize: 5 },
  },
];
