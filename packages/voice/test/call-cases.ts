// Wire cases of the call methods: calls, call audio and DTMF, gathers, call events, call
// recordings and transcriptions (26 methods).

import {
  audioCases,
  calls,
  frozen,
  type MethodCase,
  mediaUrl,
  pagedRequests,
  twoPages,
} from './method-kit';
import { created, userPrefix } from './recorder';

const callEntity = { id: 'c-1', state: 'active', recordingEnabled: false, from: '+19195551212' };

export const callCases: MethodCase[] = [
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
          transferTo: '+19195554545',
          transferCallerId: 'private',
          whisperAudio: { sentence: 'Transfer from support', gender: 'male' },
          state: 'transferring',
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
];
