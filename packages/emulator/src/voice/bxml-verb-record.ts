import type { RecordAttributes, RecordVerb } from '@bw/bxml';
import type { ClockTimer } from '../clock';
import type { BxmlSession } from './bxml-session';
import { NEXT, STOP, type VerbContext, type VerbStep } from './bxml-step';
import { type BxmlVerbTraceEntry, traceResult } from './bxml-trace';
import {
  recordingEventBody,
  startRecording,
  startTranscription,
  transcriptionEventBody,
} from './recordings';
import type { RecordingRecord } from './voice-state';

/** BXML `<Record>` defaults (reference §3.2), seconds. */
export const BXML_RECORD_DEFAULTS = Object.freeze({
  maxDuration: 60,
  silenceTimeout: 3,
  /** Inside `<Transfer>` `maxDuration` is ignored; the platform's recording limit applies. */
  maxDurationInTransfer: 3600,
});

/**
 * Why a `<Record>` stopped: `silence` (`silenceTimeout` seconds without far-end activity —
 * the emulated caller is silent unless it presses keys), `terminating-digit`, `max-duration`,
 * `hung-up`, `transfer-ended` (a recording inside `<Transfer>`), `stopped` (through REST).
 */
export type RecordStopReason =
  | 'silence'
  | 'terminating-digit'
  | 'max-duration'
  | 'hung-up'
  | 'transfer-ended'
  | 'stopped';

/** A `<Record>` in progress. */
export interface RecordInProgress {
  readonly recording: RecordingRecord;
  /** Stops it now with `reason` (no-op once stopped). */
  stop(reason: RecordStopReason): void;
  /** Settles once the file is saved; `undefined` when the emulator is reset first. */
  readonly finished: Promise<{ recording: RecordingRecord; reason: RecordStopReason } | undefined>;
}

/**
 * Starts the recording of a `<Record>` on the session's call; undefined when the call is
 * already being recorded (call-level `recordingEnabled`). Outside `<Transfer>` it honours
 * `maxDuration`, `silenceTimeout` (far-end digits count as sound) and `terminatingDigits`, all
 * in simulated time; inside `<Transfer>` it runs until stopped.
 */
export function startRecordVerb(
  session: BxmlSession,
  attributes: RecordAttributes,
  insideTransfer: boolean,
): RecordInProgress | undefined {
  const { context, call, user } = session;
  const maxSeconds = insideTransfer
    ? BXML_RECORD_DEFAULTS.maxDurationInTransfer
    : (attributes.maxDuration ?? BXML_RECORD_DEFAULTS.maxDuration);
  const active = startRecording(context, user, call, {
    format: attributes.fileFormat ?? 'wav',
    maxDurationSeconds: maxSeconds,
    events: false,
    transcribe: false,
  });
  if (!active) return undefined;
  const runtime = context.callRuntimes.runtime(call);
  const lifetime = runtime.lifetime.signal;
  const silenceMs = (attributes.silenceTimeout ?? BXML_RECORD_DEFAULTS.silenceTimeout) * 1000;
  const terminators = insideTransfer ? '' : (attributes.terminatingDigits ?? '');
  let reason: RecordStopReason | undefined;
  let silence: ClockTimer | undefined;

  const cleanUp = () => {
    silence?.cancel();
    runtime.digitListeners.delete(onDigit);
    lifetime.removeEventListener('abort', onEnd);
  };
  const stop = (why: RecordStopReason) => {
    if (reason !== undefined) return;
    // The call model stops at the maximum duration by itself.
    reason = active.recording.state === 'recording' ? why : 'max-duration';
    cleanUp();
    // Silence is only heard after `silenceTimeout` of it.
    active.stop(why === 'silence' ? silenceMs : 0);
  };
  const listenForSilence = () => {
    silence?.cancel();
    silence = context.clock.schedule(silenceMs, () => stop('silence'));
  };
  const onDigit = (digit: string) => {
    if (terminators.includes(digit)) stop('terminating-digit');
    else if (!insideTransfer) listenForSilence();
  };
  // The call model stops and saves the recording when the call ends.
  const onEnd = () => {
    reason ??= 'hung-up';
    cleanUp();
  };

  runtime.digitListeners.add(onDigit);
  lifetime.addEventListener('abort', onEnd, { once: true });
  if (!insideTransfer) listenForSilence();
  const finished = session.untilReset(active.saved).then((recording) => {
    cleanUp();
    if (!recording) return undefined;
    const maxMs = maxSeconds * 1000;
    reason ??= (recording.durationMs ?? 0) >= maxMs * 0.99 ? 'max-duration' : 'stopped';
    return { recording, reason };
  });
  return { recording: active.recording, stop, finished };
}

/**
 * After a `<Record>`'s file is saved: starts the transcription when asked (its `transcription`
 * event is POSTed as JSON to `transcribeCallbackUrl` once done) and GETs `requestUrl` with the
 * `recording` event. False when that request failed and the call was ended.
 */
export async function reportRecording(
  session: BxmlSession,
  attributes: RecordAttributes,
  recording: RecordingRecord,
  entry: BxmlVerbTraceEntry,
): Promise<boolean> {
  const { context, call, user } = session;
  const transcribeUrl = attributes.transcribeCallbackUrl;
  if (attributes.transcribe && transcribeUrl && recording.format === 'wav') {
    const { transcription, done } = startTranscription(context, user, recording, {
      events: false,
    });
    traceResult(session.context, session.call, entry, { transcriptionId: transcription.id });
    void session.untilReset(done).then(async (completed) => {
      if (!completed || !session.current()) return;
      const answer = await session.deliver({
        url: transcribeUrl,
        method: 'POST',
        body: transcriptionEventBody(context, user, completed),
      });
      if (!answer.ok) session.logRequestFailure('transcription', transcribeUrl, answer);
    });
  }
  const requestUrl = attributes.requestUrl;
  if (!requestUrl) return true;
  const answer = await session.deliver({
    url: requestUrl,
    method: 'GET',
    ...(attributes.requestUrlTimeout !== undefined
      ? { timeoutMs: attributes.requestUrlTimeout }
      : {}),
    body: recordingEventBody(context, user, call, recording),
  });
  if (answer.ok) return true;
  if (session.alive()) {
    session.requestFailed('recording', requestUrl, answer);
    return false;
  }
  session.logRequestFailure('recording', requestUrl, answer);
  return true;
}

/**
 * `<Record>`: records the caller until silence, a terminating digit, `maxDuration` or
 * hang-up; the file lands in media (`{callId}-{n}.wav|mp3`), then `requestUrl` gets the
 * `recording` event (its answer is not executed) and the next verb runs.
 */
export async function runRecord(
  verb: RecordVerb,
  { session, entry }: VerbContext,
): Promise<VerbStep> {
  const started = startRecordVerb(session, verb.attributes, false);
  if (!started) {
    traceResult(session.context, session.call, entry, {
      reason: 'the call is already being recorded',
    });
    return { next: 'verb', outcome: 'skipped' };
  }
  traceResult(session.context, session.call, entry, {
    recordingId: started.recording.id,
    mediaName: started.recording.mediaName,
  });
  const finished = await started.finished;
  if (!finished) return STOP;
  traceResult(session.context, session.call, entry, {
    reason: finished.reason,
    recordedMs: finished.recording.durationMs ?? 0,
  });
  const reported = await reportRecording(session, verb.attributes, finished.recording, entry);
  return reported && session.alive() ? NEXT : STOP;
}
