// Wire cases of bridges, conferences, conference members, recordings and transcriptions
// (38 methods).

import {
  audioCases,
  bridge,
  conference,
  frozen,
  type MethodCase,
  mediaUrl,
  member,
  pagedRequests,
  recording,
  twoPages,
} from './method-kit';
import { created, userPrefix } from './recorder';

export const roomCases: MethodCase[] = [
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
