import { type Clock, ClockEntry } from '../clock';
import type { EmulatorContext } from '../context';

/** Simulated durations of media on a call, in ms (divided by `speed` in real time). */
export const MEDIA_TIMING = Object.freeze({
  /** Text-to-speech: time per character of the sentence (about 150 words a minute). */
  speechMsPerChar: 60,
  /** Shortest sentence. */
  minSpeechMs: 500,
  /** Every audio file plays this long (the emulator never downloads it). */
  fileMs: 3000,
  /** One DTMF tone sent out, gap included. */
  dtmfToneMs: 100,
  /** `,` or `w` in `dtmfOut`. */
  dtmfShortPauseMs: 500,
  /** `W` in `dtmfOut`. */
  dtmfLongPauseMs: 1000,
  /** A conference join or leaving tone. */
  toneMs: 500,
  /** From the end of a recording to its file being saved. */
  recordingSaveMs: 500,
  /** From a transcription request to its text. */
  transcriptionMs: 5000,
});

/** Simulated ms it takes to speak `sentence`. */
export function speechDurationMs(sentence: string): number {
  return Math.max(MEDIA_TIMING.minSpeechMs, sentence.length * MEDIA_TIMING.speechMsPerChar);
}

/** Simulated ms it takes to send `dtmfOut` (tones and pauses). */
export function dtmfDurationMs(dtmfOut: string): number {
  let total = 0;
  for (const char of dtmfOut) {
    if (char === ',' || char === 'w') total += MEDIA_TIMING.dtmfShortPauseMs;
    else if (char === 'W') total += MEDIA_TIMING.dtmfLongPauseMs;
    else total += MEDIA_TIMING.dtmfToneMs;
  }
  return total;
}

/**
 * How a timed run ended: played to the end, stopped by a request (or replaced), interrupted
 * without events (the call ended), or cancelled by an emulator reset/close.
 */
export type PlaybackOutcome = 'done' | 'stopped' | 'interrupted' | 'cancelled';

/** A timed run in progress (audio, a tone …). */
export interface TimedRun {
  /** Settles once with how the run ended. */
  readonly outcome: Promise<PlaybackOutcome>;
  /** Ends the run now (no-op once ended); returns whether this call ended it. */
  end(outcome: PlaybackOutcome): boolean;
  /** True once ended. */
  readonly ended: boolean;
}

/**
 * Runs for `durationMs` of simulated time (forever, in rounds of `durationMs`, when `loop`),
 * then calls `onEnd` once, synchronously with whatever ended it — so events emitted by
 * `onEnd` keep their order relative to the events of the code that stopped the run.
 */
export function runTimed(
  context: EmulatorContext,
  durationMs: number,
  loop: boolean,
  onEnd: (outcome: PlaybackOutcome) => void,
): TimedRun {
  const run = new Timed(context.clock, Math.max(1, durationMs), loop, onEnd);
  context.clock.start(run, run.round);
  return run;
}

/** A {@link runTimed} run: one clock entry, started again for each round of a loop. */
class Timed extends ClockEntry implements TimedRun {
  ended = false;
  readonly outcome: Promise<PlaybackOutcome>;
  #settle: (outcome: PlaybackOutcome) => void = () => {};

  constructor(
    clock: Clock,
    readonly round: number,
    readonly loop: boolean,
    readonly onEnd: (outcome: PlaybackOutcome) => void,
  ) {
    super(clock);
    this.outcome = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  override fire(): void {
    if (this.loop && !this.ended) this.clock.start(this, this.round);
    else this.end('done');
  }

  override cancelled(): void {
    this.end('cancelled');
  }

  end(result: PlaybackOutcome): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.clock.take(this);
    try {
      this.onEnd(result);
    } finally {
      this.#settle(result);
    }
    return true;
  }
}
