import type { RoutePlugin } from '../context.js';
import { notFound } from '../errors.js';
import { absoluteUrl, userPath } from '../location.js';
import { paginate } from '../pagination.js';
import type { UserState } from '../state.js';
import { findCall } from '../voice/lifecycle.js';
import { checkTranscribable, findRecording, startTranscription } from '../voice/recordings.js';
import { type RecordingRecord, type TranscriptionRecord, voiceState } from '../voice/records.js';
import { renderRecording, renderTranscription } from '../voice/render.js';

/** Recordings and transcriptions, of the account and of one call. */
export const recordings: RoutePlugin = (app, context) => {
  const listRecordings = (
    user: UserState,
    origin: string,
    filter: (r: RecordingRecord) => boolean,
  ) =>
    [...user.slot(voiceState).recordings.values()]
      .filter(filter)
      .sort(bySequence)
      .map((recording) => renderRecording(recording, user.userId, origin));
  const listTranscriptions = (
    user: UserState,
    origin: string,
    filter: (t: TranscriptionRecord) => boolean,
  ) =>
    [...user.slot(voiceState).transcriptions.values()]
      .filter(filter)
      .sort(bySequence)
      .map((transcription) => renderTranscription(transcription, user.userId, origin));

  app.get('/v1/users/:userId/recordings', async (request, reply) => {
    const user = context.userOf(request);
    const items = listRecordings(user, context.url, () => true);
    return paginate(request, reply, items, context.url, { resource: 'recording' });
  });

  app.get<{ Params: { recordingId: string } }>(
    '/v1/users/:userId/recordings/:recordingId',
    async (request) => {
      const user = context.userOf(request);
      const recording = findRecording(user, request.params.recordingId);
      return renderRecording(recording, user.userId, context.url);
    },
  );

  app.post<{ Params: { recordingId: string } }>(
    '/v1/users/:userId/recordings/:recordingId/transcriptions',
    async (request, reply) => {
      const user = context.userOf(request);
      const recording = findRecording(user, request.params.recordingId);
      checkTranscribable(recording);
      const { transcription } = startTranscription(context, user, recording);
      const path = userPath(
        user.userId,
        'recordings',
        recording.id,
        'transcriptions',
        transcription.id,
      );
      return reply.status(201).header('Location', absoluteUrl(context, path)).send();
    },
  );

  app.get<{ Params: { recordingId: string } }>(
    '/v1/users/:userId/recordings/:recordingId/transcriptions',
    async (request, reply) => {
      const user = context.userOf(request);
      const recording = findRecording(user, request.params.recordingId);
      const items = listTranscriptions(
        user,
        context.url,
        (transcription) => transcription.recordingId === recording.id,
      );
      return paginate(request, reply, items, context.url, { resource: 'transcription' });
    },
  );

  app.get<{ Params: { recordingId: string; transcriptionId: string } }>(
    '/v1/users/:userId/recordings/:recordingId/transcriptions/:transcriptionId',
    async (request) => {
      const user = context.userOf(request);
      const recording = findRecording(user, request.params.recordingId);
      const transcription = user
        .slot(voiceState)
        .transcriptions.get(request.params.transcriptionId);
      if (!transcription || transcription.recordingId !== recording.id) {
        throw notFound('transcription-not-found', 'transcription', request.params.transcriptionId);
      }
      return renderTranscription(transcription, user.userId, context.url);
    },
  );

  app.get<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/recordings',
    async (request, reply) => {
      const user = context.userOf(request);
      const call = findCall(user, request.params.callId);
      const items = listRecordings(user, context.url, (recording) => recording.callId === call.id);
      return paginate(request, reply, items, context.url, { resource: 'recording' });
    },
  );

  app.get<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/transcriptions',
    async (request, reply) => {
      const user = context.userOf(request);
      const call = findCall(user, request.params.callId);
      const items = listTranscriptions(
        user,
        context.url,
        (transcription) => transcription.callId === call.id,
      );
      return paginate(request, reply, items, context.url, { resource: 'transcription' });
    },
  );
};

function bySequence(a: { sequence: number }, b: { sequence: number }): number {
  return a.sequence - b.sequence;
}
