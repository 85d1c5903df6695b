import type { RoutePlugin } from '../context';
import type { HttpReply, HttpRequest } from '../http';
import { absoluteUrl, userPath } from '../location';
import { paginate } from '../pagination';
import { findCall } from '../voice/lifecycle';
import {
  checkTranscribable,
  findRecording,
  findTranscription,
  startTranscription,
} from '../voice/recordings';
import { renderRecording, renderTranscription } from '../voice/render';
import { type RecordingRecord, type TranscriptionRecord, voiceState } from '../voice/voice-state';

/** Recordings and transcriptions, of the account and of one call. */
export const recordings: RoutePlugin = (app, context) => {
  // Every list answers the same way: the user's records that `belongs` keeps, in creation
  // order, rendered and paged.
  const pagedRecordings = (
    request: HttpRequest,
    reply: HttpReply,
    belongs: (recording: RecordingRecord) => boolean = () => true,
  ) => {
    const user = context.userOf(request);
    const items = [...user.slot(voiceState).recordings.values()]
      .filter(belongs)
      .sort(bySequence)
      .map((recording) => renderRecording(recording, user.userId, context.url));
    return paginate(request, reply, items, context.url, { resource: 'recording' });
  };
  const pagedTranscriptions = (
    request: HttpRequest,
    reply: HttpReply,
    belongs: (transcription: TranscriptionRecord) => boolean,
  ) => {
    const user = context.userOf(request);
    const items = [...user.slot(voiceState).transcriptions.values()]
      .filter(belongs)
      .sort(bySequence)
      .map((transcription) => renderTranscription(transcription, user.userId, context.url));
    return paginate(request, reply, items, context.url, { resource: 'transcription' });
  };

  app.get('/v1/users/:userId/recordings', async (request, reply) =>
    pagedRecordings(request, reply),
  );

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
      const recording = findRecording(context.userOf(request), request.params.recordingId);
      return pagedTranscriptions(request, reply, (item) => item.recordingId === recording.id);
    },
  );

  app.get<{ Params: { recordingId: string; transcriptionId: string } }>(
    '/v1/users/:userId/recordings/:recordingId/transcriptions/:transcriptionId',
    async (request) => {
      const user = context.userOf(request);
      const recording = findRecording(user, request.params.recordingId);
      const transcription = findTranscription(user, recording, request.params.transcriptionId);
      return renderTranscription(transcription, user.userId, context.url);
    },
  );

  app.get<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/recordings',
    async (request, reply) => {
      const call = findCall(context.userOf(request), request.params.callId);
      return pagedRecordings(request, reply, (item) => item.callId === call.id);
    },
  );

  app.get<{ Params: { callId: string } }>(
    '/v1/users/:userId/calls/:callId/transcriptions',
    async (request, reply) => {
      const call = findCall(context.userOf(request), request.params.callId);
      return pagedTranscriptions(request, reply, (item) => item.callId === call.id);
    },
  );
};

function bySequence(a: { sequence: number }, b: { sequence: number }): number {
  return a.sequence - b.sequence;
}
