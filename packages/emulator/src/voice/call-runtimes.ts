import type { CallbackResult } from '../callbacks';
import type { ClockTimer } from '../clock';
import type { EmulatorContext } from '../context';
import type { UserState } from '../state';
import type { AutoAnswerPolicy } from './auto-answer';
import type { AutoPressPolicy } from './auto-press';
import type { TimedRun } from './timing';
import { TraceWatches } from './trace-watch';
import {
  type CallRecord,
  type ConferenceRecord,
  type HangupCause,
  type MemberRecord,
  voiceState,
} from './voice-state';

/**
 * Hooks into every call's life, for engines built on top of the call model (the BXML engine
 * registers one). Observers are called synchronously, in registration order; an observer
 * that throws is ignored so it cannot break the call.
 */
export interface CallObserver {
  /** A call was created (outbound, inbound or a transfer leg), still `started`. */
  created?(context: EmulatorContext, call: CallRecord): void;
  /**
   * A call became `active`. `answerDelivery` settles with the delivery result of its `answer`
   * event (for a `GET` call, `text` holds the BXML document the app answered), or `undefined`
   * when the call has no callback URL.
   */
  answered?(
    context: EmulatorContext,
    call: CallRecord,
    answerDelivery: Promise<CallbackResult | undefined>,
  ): void;
  /** A call ended (`completed` or `rejected`); `call.cause` says why. */
  ended?(context: EmulatorContext, call: CallRecord): void;
}

/** How ringing ended, for {@link CallRuntime.answerWaiters}. */
export type AnswerOutcome = 'answered' | 'rejected' | 'busy' | 'timeout' | 'hung-up';

/** Something that plays on a call and can be cut short. */
export interface StoppablePlayback {
  readonly kind: 'speak' | 'playback';
  /** Ends it now; `silent` sends no `done` event (hang-up, reset). */
  stop(silent?: boolean): void;
}

/** Run-time companions of a call record (timers, waiters, media); never rendered. */
export interface CallRuntime {
  /** Delivery chain: each event waits for the previous one (per-call ordering). */
  chain: Promise<unknown>;
  /** Ringing timers (auto-answer, `callTimeout`), cancelled once the call leaves `started`. */
  ringTimers: ClockTimer[];
  playback?: StoppablePlayback;
  /** The REST gather in progress, if any. */
  gatherId?: string;
  /** Stops the REST gather in progress. */
  endGather?: () => void;
  /** Stops the recording in progress, if any. */
  stopRecording?: () => void;
  /** Called for every far-end digit, in order. */
  digitListeners: Set<(digit: string) => void>;
  answerWaiters: Array<(outcome: AnswerOutcome) => void>;
  endWaiters: Array<(cause: HangupCause) => void>;
  /** Aborted when the call ends: pass its signal to long-running flows on the call. */
  lifetime: AbortController;
  /** Number of recordings made so far (names `{callId}-{n}`). */
  recordingCount: number;
}

/**
 * The run-time companions of an emulator's calls and conferences (what a record cannot hold:
 * timers, waiters, media in progress, delivery chains), the far end's auto-answer and
 * auto-press policies and the call observers. One per emulator: `context.callRuntimes`.
 */
export class CallRuntimes {
  /** The auto-answer policy in force (reset restores the start option). */
  autoAnswer: AutoAnswerPolicy;
  /** What the far end presses when a gather starts (reset restores the start option). */
  autoPress: AutoPressPolicy;
  readonly observers = new Set<CallObserver>();
  /** Versions of every call's trace, and who waits for the next change. */
  readonly traces = new TraceWatches();
  readonly #calls = new WeakMap<CallRecord, CallRuntime>();
  /** The conference-wide audio playing in each conference. */
  readonly conferencePlaybacks = new WeakMap<
    ConferenceRecord,
    { kind: 'speak' | 'playback'; run: TimedRun }
  >();
  /** The `interpret_digits` key handler of each conference member. */
  readonly memberKeys = new WeakMap<MemberRecord, (digit: string) => void>();

  constructor(autoAnswer: AutoAnswerPolicy, autoPress: AutoPressPolicy) {
    this.autoAnswer = autoAnswer;
    this.autoPress = autoPress;
  }

  /** After a reset: the start policies again (the records of the old run are gone). */
  reset(autoAnswer: AutoAnswerPolicy, autoPress: AutoPressPolicy): void {
    this.autoAnswer = autoAnswer;
    this.autoPress = autoPress;
  }

  /** The run-time data of a call (created on first use). */
  runtime(call: CallRecord): CallRuntime {
    let runtime = this.#calls.get(call);
    if (!runtime) {
      runtime = {
        chain: Promise.resolve(),
        ringTimers: [],
        digitListeners: new Set(),
        answerWaiters: [],
        endWaiters: [],
        lifetime: new AbortController(),
        recordingCount: 0,
      };
      this.#calls.set(call, runtime);
    }
    return runtime;
  }

  /** Calls `notify` on every observer, ignoring observers that throw. */
  notify(notify: (observer: CallObserver) => void): void {
    for (const observer of this.observers) {
      try {
        notify(observer);
      } catch {
        // An observer's failure is its own; the call goes on.
      }
    }
  }
}

/**
 * Registers hooks into every call of this emulator; returns a function that removes them.
 * This is how the BXML engine learns that a call was answered.
 */
export function observeCalls(context: EmulatorContext, observer: CallObserver): () => void {
  const { observers } = context.callRuntimes;
  observers.add(observer);
  return () => {
    observers.delete(observer);
  };
}

/** The user a call belongs to, or undefined after a reset removed it. */
export function ownerOfCall(context: EmulatorContext, call: CallRecord): UserState | undefined {
  const user = context.store.users.get(call.userId);
  return user?.slot(voiceState).calls.get(call.id) === call ? user : undefined;
}
