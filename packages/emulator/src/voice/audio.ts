import type { EmulatorContext } from '../context';
import { apiError, validationError } from '../errors';
import { redactUrlPasswords } from '../redaction';
import {
  isHttpUrl,
  type JsonObject,
  objectBody,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
} from '../validation';
import type { StoppablePlayback } from './call-runtimes';
import { callEventBody, emitCallEvent, logCallEvent, traceCall } from './events';
import { MEDIA_TIMING, runTimed, speechDurationMs, type TimedRun } from './timing';
import type { CallRecord } from './voice-state';

/** Longest sentence. */
export const MAX_SENTENCE_LENGTH = 1000;
const GENDERS = ['female', 'male'] as const;
const LOCALES = [
  'en_US',
  'en_UK',
  'es',
  'es_MX',
  'fr',
  'fr_FR',
  'de',
  'de_DE',
  'it',
  'it_IT',
] as const;
const VOICES = [
  'susan',
  'kate',
  'julie',
  'dave',
  'paul',
  'bridget',
  'simon',
  'esperanza',
  'violeta',
  'jorge',
  'jolie',
  'bernard',
  'katrin',
  'stefan',
  'paola',
  'luca',
] as const;

/** What to say or play. */
export type CallMedia =
  | { kind: 'speak'; sentence: string; gender?: string; locale?: string; voice?: string }
  | { kind: 'playback'; fileUrl: string };

/** A checked audio object (`POST …/audio`, `whisperAudio`, a gather `prompt`). */
export type AudioRequest =
  | {
      action: 'play';
      media: CallMedia;
      loopEnabled: boolean;
      tag?: string;
      volume?: number;
    }
  /** `sentence: ""` stops speech, `fileUrl: ""` stops a file. */
  | { action: 'stop'; kind: 'speak' | 'playback' };

/** Checks an audio object (reference §1.5.3); throws the 400s. */
export function parseAudio(raw: unknown, resource = 'audio'): AudioRequest {
  const body = objectBody(raw);
  const sentence = optionalString(body, 'sentence', resource);
  const fileUrl = optionalString(body, 'fileUrl', resource);
  if (sentence !== undefined && fileUrl !== undefined && sentence !== '' && fileUrl !== '') {
    throw validationError(
      `The '${resource}' resource properties 'sentence' and 'fileUrl' cannot be used together`,
    );
  }
  if (sentence === undefined && fileUrl === undefined) {
    throw apiError(
      400,
      'bad-request',
      'missing-property',
      `The '${resource}' resource property 'sentence' or 'fileUrl' is required but was not specified`,
    );
  }
  if (sentence === '' && !fileUrl) return { action: 'stop', kind: 'speak' };
  if (fileUrl === '' && !sentence) return { action: 'stop', kind: 'playback' };
  const loopEnabled = optionalBoolean(body, 'loopEnabled', resource) ?? false;
  const tag = optionalString(body, 'tag', resource);
  const volume = optionalInteger(body, 'volume', resource);
  if (volume !== undefined && (volume < -4 || volume > 4)) {
    throw validationError(`The '${resource}' resource property 'volume' must be between -4 and 4`);
  }
  const extras = {
    loopEnabled,
    ...(tag !== undefined ? { tag } : {}),
    ...(volume !== undefined ? { volume } : {}),
  };
  if (sentence) {
    if (sentence.length > MAX_SENTENCE_LENGTH) {
      throw validationError(
        `The '${resource}' resource property 'sentence' exceeds the limit of ${MAX_SENTENCE_LENGTH}`,
      );
    }
    return { action: 'play', media: speakMedia(body, sentence, resource), ...extras };
  }
  const url = fileUrl as string;
  if (!isHttpUrl(url)) {
    throw validationError(
      `The '${resource}' resource property 'fileUrl' ${redactUrlPasswords(url)} is not a valid URL`,
    );
  }
  return { action: 'play', media: { kind: 'playback', fileUrl: url }, ...extras };
}

function speakMedia(body: JsonObject, sentence: string, resource: string): CallMedia {
  const media: CallMedia = { kind: 'speak', sentence };
  const gender = optionalString(body, 'gender', resource);
  if (gender !== undefined) media.gender = oneOf(gender, GENDERS, resource, 'gender');
  const locale = optionalString(body, 'locale', resource);
  if (locale !== undefined) media.locale = oneOf(locale, LOCALES, resource, 'locale');
  const voice = optionalString(body, 'voice', resource);
  if (voice !== undefined) media.voice = oneOf(voice, VOICES, resource, 'voice');
  return media;
}

/** Options of {@link playOnCall}. */
export interface PlayOnCallOptions {
  /** Repeat until stopped. */
  loop?: boolean;
  /** Echoed in the `speak`/`playback` events instead of the call's tag. */
  tag?: string;
  /** Send `speak`/`playback` callbacks (default true); the call's event log is kept either way. */
  events?: boolean;
  /** Where the audio came from, for the trace (`call`, `bridge`, `member`, `gather-prompt` …). */
  source?: string;
  volume?: number;
}

/**
 * Plays speech or a file on a call for its simulated length, replacing whatever played
 * (which ends with its `done` event). Sends `speak`/`playback` `started` now and `done` at the
 * end or when stopped; a hang-up ends it without an event. The returned run's `outcome`
 * settles when it ends — "play audio and await done".
 */
export function playOnCall(
  context: EmulatorContext,
  call: CallRecord,
  media: CallMedia,
  options: PlayOnCallOptions = {},
): TimedRun {
  const runtime = context.callRuntimes.runtime(call);
  runtime.playback?.stop();
  const events = options.events !== false;
  const loop = options.loop ?? false;
  const durationMs =
    media.kind === 'speak' ? speechDurationMs(media.sentence) : MEDIA_TIMING.fileMs;
  const { kind, ...described } = media;
  traceCall(context, call, kind, {
    ...described,
    durationMs,
    loop,
    source: options.source ?? 'call',
    ...(options.tag !== undefined ? { tag: options.tag } : {}),
    ...(options.volume !== undefined ? { volume: options.volume } : {}),
  });
  logCallEvent(context, call, kind, 'start');
  if (events)
    emitCallEvent(context, call, audioEventBody(context, call, kind, 'started', options.tag));
  let handle: StoppablePlayback | undefined;
  const run = runTimed(context, durationMs, loop, (outcome) => {
    if (runtime.playback === handle) runtime.playback = undefined;
    if (outcome === 'interrupted' || outcome === 'cancelled') return;
    logCallEvent(context, call, kind, 'done');
    if (outcome === 'stopped') traceCall(context, call, `${kind}-stopped`);
    if (events)
      emitCallEvent(context, call, audioEventBody(context, call, kind, 'done', options.tag));
  });
  handle = { kind, stop: (silent) => void run.end(silent ? 'interrupted' : 'stopped') };
  runtime.playback = handle;
  return run;
}

/** Stops what plays on the call if it is of `kind` (`done` event sent); false if nothing did. */
export function stopOnCall(
  context: EmulatorContext,
  call: CallRecord,
  kind: 'speak' | 'playback',
): boolean {
  const playback = context.callRuntimes.runtime(call).playback;
  if (!playback || playback.kind !== kind) return false;
  playback.stop();
  return true;
}

/** Carries out a checked audio request on a call (play, or stop with `""`). */
export function applyAudioToCall(
  context: EmulatorContext,
  call: CallRecord,
  audio: AudioRequest,
  source = 'call',
): void {
  if (audio.action === 'stop') {
    stopOnCall(context, call, audio.kind);
    return;
  }
  playOnCall(context, call, audio.media, {
    loop: audio.loopEnabled,
    source,
    ...(audio.tag !== undefined ? { tag: audio.tag } : {}),
    ...(audio.volume !== undefined ? { volume: audio.volume } : {}),
  });
}

/** The `speak` / `playback` event of a call (reference §2.2). */
export function audioEventBody(
  context: EmulatorContext,
  call: CallRecord,
  kind: 'speak' | 'playback',
  status: 'started' | 'done',
  tag: string | undefined,
): Record<string, unknown> {
  const fields: Record<string, unknown> = { status };
  if (kind === 'speak') fields.state = status === 'started' ? 'PLAYBACK_START' : 'PLAYBACK_STOP';
  return callEventBody(context, call, kind, fields, tag);
}
