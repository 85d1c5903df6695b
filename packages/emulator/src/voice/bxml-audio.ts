import type { PlayAudioVerb, SpeakSentenceVerb } from '@bw/bxml';
import { STOPPED } from '../clock';
import type { EmulatorContext } from '../context';
import { type CallMedia, playOnCall } from './audio';
import type { TimedRun } from './timing';
import type { CallRecord } from './voice-state';

/**
 * How an audio verb ended: played to the end, stopped (a digit barged in, a REST request
 * stopped it, or `abort` fired), or the call ended (or the emulator was reset).
 */
export type AudioVerbOutcome = 'done' | 'stopped' | 'ended';

/** Options of {@link playAudioVerb}. */
export interface PlayAudioVerbOptions {
  /** For the trace: `bxml`, `bxml-gather`, `bxml-transfer`. */
  source: string;
  /** Stops the audio (and any pause between repeats) when it fires. */
  abort?: AbortSignal;
  /** Called with each run as it starts, so a caller can stop it. */
  onRun?: (run: TimedRun) => void;
}

function mediaOf(verb: SpeakSentenceVerb | PlayAudioVerb): CallMedia {
  if (verb.verb === 'PlayAudio') return { kind: 'playback', fileUrl: verb.text };
  const { gender, locale, voice } = verb.attributes;
  return {
    kind: 'speak',
    sentence: verb.text,
    ...(gender !== undefined ? { gender } : {}),
    ...(locale !== undefined ? { locale } : {}),
    ...(voice !== undefined ? { voice } : {}),
  };
}

/**
 * Plays a `<SpeakSentence>` or `<PlayAudio>` on `call` for its simulated length, through the
 * call model (traced, in the call's event log) but without `speak`/`playback` callbacks: BXML
 * audio verbs have none. `<PlayAudio>` plays `repeatCount` times with `delayBeforeRepeat`
 * seconds of silence in between.
 */
export async function playAudioVerb(
  context: EmulatorContext,
  call: CallRecord,
  verb: SpeakSentenceVerb | PlayAudioVerb,
  options: PlayAudioVerbOptions,
): Promise<AudioVerbOutcome> {
  const media = mediaOf(verb);
  const rounds = verb.verb === 'PlayAudio' ? (verb.attributes.repeatCount ?? 1) : 1;
  const delayMs = verb.verb === 'PlayAudio' ? (verb.attributes.delayBeforeRepeat ?? 0) * 1000 : 0;
  const volume = verb.attributes.volume;
  const lifetime = context.callRuntimes.runtime(call).lifetime.signal;
  for (let round = 0; round < rounds; round++) {
    if (lifetime.aborted) return 'ended';
    if (options.abort?.aborted) return 'stopped';
    if (round > 0 && delayMs > 0 && !(await silence(context, delayMs, lifetime, options.abort))) {
      return options.abort?.aborted && !lifetime.aborted ? 'stopped' : 'ended';
    }
    const run = playOnCall(context, call, media, {
      events: false,
      source: options.source,
      ...(volume !== undefined ? { volume } : {}),
    });
    options.onRun?.(run);
    const stop = () => run.end('stopped');
    options.abort?.addEventListener('abort', stop, { once: true });
    const outcome = await run.outcome;
    options.abort?.removeEventListener('abort', stop);
    if (outcome === 'interrupted' || outcome === 'cancelled') return 'ended';
    if (outcome === 'stopped') return 'stopped';
  }
  return 'done';
}

/** Waits `ms` of simulated time; false when `lifetime` or `abort` fired first, or on reset. */
async function silence(
  context: EmulatorContext,
  ms: number,
  lifetime: AbortSignal,
  abort: AbortSignal | undefined,
): Promise<boolean> {
  // Both signals end the wait (AbortSignal.any is missing from early Node 20 releases).
  const either = new AbortController();
  const forward = () => either.abort(STOPPED);
  lifetime.addEventListener('abort', forward, { once: true });
  abort?.addEventListener('abort', forward, { once: true });
  try {
    if (lifetime.aborted || abort?.aborted) return false;
    await context.clock.sleep(ms, either.signal);
    return true;
  } catch {
    return false;
  } finally {
    lifetime.removeEventListener('abort', forward);
    abort?.removeEventListener('abort', forward);
  }
}
