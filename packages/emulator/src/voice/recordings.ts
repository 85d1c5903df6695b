import { charge } from '../billing';
import type { EmulatorContext } from '../context';
import { apiError, notFound } from '../errors';
import { ID_PREFIXES } from '../ids';
import { userPath } from '../location';
import type { UserState } from '../state';
import { mp3File, wavFile } from './audio-files';
import { ownerOfCall } from './call-runtimes';
import { callEventBody, emitCallEvent, logCallEvent, traceCall } from './events';
import { MEDIA_TIMING } from './timing';
import {
  type CallRecord,
  type RecordingFormat,
  type RecordingRecord,
  type TranscriptionRecord,
  voiceState,
} from './voice-state';

/** Longest text a `transcription` event carries. */
export const TRANSCRIPTION_EVENT_TEXT_LIMIT = 1026;

/** Options of {@link startRecording}. */
export interface RecordingOptions {
  /** Default: the call's `recordingFileFormat`. */
  format?: RecordingFormat;
  /** Seconds; default: the call's `recordingMaxDuration`. */
  maxDurationSeconds?: number;
  /** Send the `recording` event to the call's callback URL (default true). */
  events?: boolean;
  /** Transcribe once saved; default: the call's `transcriptionEnabled` (WAV only). */
  transcribe?: boolean;
}

/** A recording in progress ("start/stop recording"). */
export interface ActiveRecording {
  readonly recording: RecordingRecord;
  /**
   * Stops recording now (no-op once stopped); the file is saved shortly after. `atLeastMs`: the
   * simulated time that has surely passed (a timer's delay), a floor for the duration.
   */
  stop(atLeastMs?: number): void;
  /** Settles once the file is saved (state `complete`), with the recording. */
  readonly saved: Promise<RecordingRecord>;
}

/**
 * Starts recording a call (nothing if it already records). Stops on {@link ActiveRecording.stop},
 * at the maximum duration, or when the call ends; then, after a short save, a WAV or MP3 file
 * of the recorded (simulated) length lands in the user's media as `{callId}-{n}.wav|mp3`, the
 * recording turns `complete` and the `recording` event is sent.
 */
export function startRecording(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  options: RecordingOptions = {},
): ActiveRecording | undefined {
  const runtime = context.callRuntimes.runtime(call);
  if (runtime.stopRecording) return undefined;
  const format = options.format ?? call.recordingFileFormat;
  runtime.recordingCount += 1;
  const now = Date.now();
  const recording: RecordingRecord = {
    id: context.ids.next(ID_PREFIXES.recording),
    callId: call.id,
    state: 'recording',
    startTime: new Date(now).toISOString(),
    startedAt: now,
    format,
    mediaName: `${call.id}-${runtime.recordingCount}.${format}`,
    sequence: context.sequence.next(),
  };
  user.slot(voiceState).recordings.set(recording.id, recording);
  call.recordingIds.push(recording.id);
  logCallEvent(context, call, 'recording', 'start');
  traceCall(context, call, 'record-start', { recordingId: recording.id, format });

  let settle: (value: RecordingRecord) => void = () => {};
  const saved = new Promise<RecordingRecord>((resolve) => {
    settle = resolve;
  });
  const maxSeconds = options.maxDurationSeconds ?? call.recordingMaxDuration;
  const limit = context.clock.schedule(maxSeconds * 1000, () => stop(maxSeconds * 1000));
  // `atLeastMs`: the simulated time the stop was scheduled after (a timer may fire a
  // millisecond early by the wall clock, which `speed` would magnify).
  const stop = (atLeastMs = 0) => {
    if (runtime.stopRecording !== stop) return;
    runtime.stopRecording = undefined;
    limit.cancel();
    const end = Date.now();
    recording.state = 'saving';
    recording.endedAt = end;
    recording.endTime = new Date(end).toISOString();
    recording.durationMs = Math.min(
      maxSeconds * 1000,
      Math.max(atLeastMs, Math.round((end - recording.startedAt) * context.clock.speed)),
    );
    traceCall(context, call, 'record-stop', {
      recordingId: recording.id,
      durationMs: recording.durationMs,
    });
    context.clock.schedule(MEDIA_TIMING.recordingSaveMs, () => {
      saveRecording(context, user, call, recording, options);
      settle(recording);
    });
  };
  runtime.stopRecording = stop;
  return { recording, stop, saved };
}

function saveRecording(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  recording: RecordingRecord,
  options: RecordingOptions,
): void {
  const durationMs = recording.durationMs ?? 0;
  user.media.set(recording.mediaName, {
    mediaName: recording.mediaName,
    contentType: recording.format === 'wav' ? 'audio/wav' : 'audio/mpeg',
    content: recording.format === 'wav' ? wavFile(durationMs) : mp3File(durationMs),
  });
  recording.state = 'complete';
  logCallEvent(context, call, 'recording', 'complete');
  if (options.events !== false) {
    emitCallEvent(context, call, recordingEventBody(context, user, call, recording));
  }
  if ((options.transcribe ?? call.transcriptionEnabled) && recording.format === 'wav') {
    startTranscription(context, user, recording);
  }
}

/** The `recording` event (reference §2.2). */
export function recordingEventBody(
  context: EmulatorContext,
  user: UserState,
  call: CallRecord,
  recording: RecordingRecord,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    recordingId: recording.id,
    recordingUri: `${context.url}${userPath(user.userId, 'recordings', recording.id)}`,
    state: recording.state,
    status: recording.state === 'complete' ? 'complete' : 'error',
    startTime: recording.startTime,
  };
  if (recording.endTime !== undefined) fields.endTime = recording.endTime;
  return callEventBody(context, call, 'recording', fields);
}

/** The user's recording; 404 `recording-not-found` otherwise. */
export function findRecording(user: UserState, recordingId: string): RecordingRecord {
  const recording = user.slot(voiceState).recordings.get(recordingId);
  if (!recording) throw notFound('recording-not-found', 'recording', recordingId);
  return recording;
}

/** Checks that a recording can be transcribed: `complete` and WAV (403 `invalid-recording-state`). */
export function checkTranscribable(recording: RecordingRecord): void {
  const why =
    recording.state !== 'complete'
      ? `is ${recording.state}; only complete recordings can be transcribed`
      : recording.format !== 'wav'
        ? `is ${recording.format}; only WAV recordings can be transcribed`
        : undefined;
  if (why !== undefined) {
    throw apiError(
      403,
      'forbidden',
      'invalid-recording-state',
      `The recording ${recording.id} ${why}`,
    );
  }
}

/** The recording's transcription; 404 `transcription-not-found` otherwise. */
export function findTranscription(
  user: UserState,
  recording: RecordingRecord,
  transcriptionId: string,
): TranscriptionRecord {
  const transcription = user.slot(voiceState).transcriptions.get(transcriptionId);
  if (!transcription || transcription.recordingId !== recording.id) {
    throw notFound('transcription-not-found', 'transcription', transcriptionId);
  }
  return transcription;
}

/** Options of {@link startTranscription}. */
export interface TranscriptionOptions {
  /** Send the `transcription` event to the call's callback URL (default true). */
  events?: boolean;
}

/**
 * Transcribes a complete WAV recording: `transcribing` now, `completed` after a simulated
 * while with synthetic text, a text file in media named `{transcriptionId}`, a charge per
 * started minute and the `transcription` event. `done` settles with the transcription.
 */
export function startTranscription(
  context: EmulatorContext,
  user: UserState,
  recording: RecordingRecord,
  options: TranscriptionOptions = {},
): { transcription: TranscriptionRecord; done: Promise<TranscriptionRecord> } {
  const transcription: TranscriptionRecord = {
    id: context.ids.next(ID_PREFIXES.transcription),
    recordingId: recording.id,
    callId: recording.callId,
    state: 'transcribing',
    time: new Date().toISOString(),
    sequence: context.sequence.next(),
  };
  user.slot(voiceState).transcriptions.set(transcription.id, transcription);
  const done = new Promise<TranscriptionRecord>((resolve) => {
    context.clock.schedule(MEDIA_TIMING.transcriptionMs, () => {
      completeTranscription(context, user, recording, transcription, options);
      resolve(transcription);
    });
  });
  return { transcription, done };
}

function completeTranscription(
  context: EmulatorContext,
  user: UserState,
  recording: RecordingRecord,
  transcription: TranscriptionRecord,
  options: TranscriptionOptions,
): void {
  const seconds = Math.round((recording.durationMs ?? 0) / 1000);
  const text = `This is an emulated transcription of recording ${recording.id}: ${seconds} seconds of audio from call ${recording.callId}.`;
  user.media.set(transcription.id, {
    mediaName: transcription.id,
    contentType: 'text/plain; charset=utf-8',
    content: Buffer.from(text, 'utf8'),
  });
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  transcription.state = 'completed';
  transcription.text = text;
  transcription.textSize = text.length;
  transcription.chargeableDuration = minutes * 60;
  charge(context, user, {
    productType: 'transcription',
    units: minutes,
    resourceId: transcription.id,
  });
  const call = user.slot(voiceState).calls.get(recording.callId);
  if (!call || options.events === false || !ownerOfCall(context, call)) return;
  logCallEvent(context, call, 'transcription', transcription.id);
  emitCallEvent(context, call, transcriptionEventBody(context, user, transcription));
}

/** The `transcription` event (reference §2.2). */
export function transcriptionEventBody(
  context: EmulatorContext,
  user: UserState,
  transcription: TranscriptionRecord,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    eventType: 'transcription',
    transcriptionId: transcription.id,
    transcriptionUri: `${context.url}${userPath(user.userId, 'recordings', transcription.recordingId, 'transcriptions', transcription.id)}`,
    recordingId: transcription.recordingId,
    callId: transcription.callId,
    state: transcription.state,
    status: transcription.state === 'completed' ? 'completed' : 'error',
    time: new Date().toISOString(),
  };
  if (transcription.state === 'completed') {
    body.textSize = transcription.textSize;
    body.text = (transcription.text ?? '').slice(0, TRANSCRIPTION_EVENT_TEXT_LIMIT);
    body.textUrl = `${context.url}${userPath(user.userId, 'media', transcription.id)}`;
  }
  return body;
}
