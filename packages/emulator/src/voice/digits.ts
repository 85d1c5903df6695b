import type { ClockTimer } from '../clock';
import type { EmulatorContext } from '../context';
import { validationError } from '../errors';
import { callEventBody, emitCallEvent, logCallEvent, traceCall } from './events';
import { dtmfDurationMs } from './timing';
import type { CallRecord } from './voice-state';

/** Longest `dtmfOut`. */
export const MAX_DTMF_OUT = 92;
const DTMF_OUT = /^[0-9A-D#*,wW]+$/;
const DTMF_DIGIT = /^[0-9A-D#*]$/;

/** Checks a `dtmfOut` string (≤ 92 characters of `0-9 A-D * # , w W`); throws a 400. */
export function checkDtmfOut(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw validationError(
      "The 'dtmf' resource property 'dtmfOut' is required but was not specified",
    );
  }
  if (value.length > MAX_DTMF_OUT) {
    throw validationError(
      `The 'dtmf' resource property 'dtmfOut' exceeds the limit of ${MAX_DTMF_OUT}`,
    );
  }
  if (!DTMF_OUT.test(value)) {
    throw validationError(
      "The 'dtmf' resource property 'dtmfOut' may only contain 0-9, A-D, *, #, ',', w and W",
    );
  }
  return value;
}

/**
 * Sends DTMF tones to the far end: recorded in the call's events (`dtmf-out`) and trace.
 * Resolves after the tones' simulated length (the BXML `<SendDtmf>` waits for it).
 */
export async function sendDtmfOut(
  context: EmulatorContext,
  call: CallRecord,
  dtmfOut: string,
): Promise<void> {
  const durationMs = dtmfDurationMs(dtmfOut);
  logCallEvent(context, call, 'dtmf-out', dtmfOut);
  traceCall(context, call, 'dtmf-out', { digits: dtmfOut, durationMs });
  await context.clock.sleep(durationMs).catch(() => undefined);
}

/** Checks far-end digits (`0-9 A-D * #`, at least one); throws a 400. */
export function checkFarEndDigits(value: unknown): string {
  if (typeof value !== 'string' || value === '' || ![...value].every((d) => DTMF_DIGIT.test(d))) {
    throw validationError('digits must be a non-empty string of 0-9, A-D, * and #');
  }
  return value;
}

/**
 * The far end presses `digits`, one after the other: each one is traced, logged, sent as a
 * `dtmf` event and handed to the call's digit listeners (gathers, BXML), in that order.
 */
export function receiveDigits(context: EmulatorContext, call: CallRecord, digits: string): void {
  const runtime = context.callRuntimes.runtime(call);
  for (const digit of digits) {
    traceCall(context, call, 'dtmf-in', { digit });
    logCallEvent(context, call, 'dtmf', digit);
    emitCallEvent(context, call, callEventBody(context, call, 'dtmf', { dtmfDigit: digit }));
    for (const listener of [...runtime.digitListeners]) listener(digit);
  }
}

/** Why a digit collection ended; `stopped` when it was ended on request. */
export type CollectReason =
  | 'max-digits'
  | 'terminating-digit'
  | 'inter-digit-timeout'
  | 'hung-up'
  | 'stopped';

/** The result of a digit collection. */
export interface CollectResult {
  digits: string;
  reason: CollectReason;
  /** The terminating digit pressed (not part of `digits`). */
  terminatingDigit?: string;
}

/** Options of {@link collectDigits}. */
export interface CollectOptions {
  maxDigits: number;
  /** Any of these ends the collection (empty: none). */
  terminatingDigits: string;
  /** Simulated ms of silence, from the timer start or the last digit, that end it. */
  interDigitTimeoutMs: number;
  /** Start the inter-digit timer now (default); false waits for `startTimer()` (after a prompt). */
  startTimer?: boolean;
  /** Called for the first digit (barge-in: stop the prompt). */
  onFirstDigit?: () => void;
  /** Called synchronously when the collection ends, before `result` settles. */
  onDone?: (result: CollectResult) => void;
}

/** A digit collection in progress ("collect digits"). */
export interface DigitCollection {
  readonly result: Promise<CollectResult>;
  /** Digits so far. */
  readonly digits: string;
  /** Starts the inter-digit timer if it is not running yet. */
  startTimer(): void;
  /** Ends the collection now with `reason` (default `stopped`). */
  stop(reason?: CollectReason): void;
}

/**
 * Collects far-end digits on a call until `maxDigits`, a terminating digit, the inter-digit
 * timeout or the call's end. Used by REST gathers and the BXML `<Gather>`. Under an auto-press
 * policy the far end presses its digits `afterMs` simulated ms after the collection starts.
 */
export function collectDigits(
  context: EmulatorContext,
  call: CallRecord,
  options: CollectOptions,
): DigitCollection {
  const runtime = context.callRuntimes.runtime(call);
  let digits = '';
  let finished = false;
  let timer: ClockTimer | undefined;
  let timerStarted = false;
  let scriptedPress: ClockTimer | undefined;
  let settle: (result: CollectResult) => void = () => {};
  const result = new Promise<CollectResult>((resolve) => {
    settle = resolve;
  });

  const finish = (reason: CollectReason, terminatingDigit?: string) => {
    if (finished) return;
    finished = true;
    timer?.cancel();
    scriptedPress?.cancel();
    runtime.digitListeners.delete(onDigit);
    runtime.lifetime.signal.removeEventListener('abort', onEnd);
    const outcome: CollectResult = { digits, reason };
    if (terminatingDigit !== undefined) outcome.terminatingDigit = terminatingDigit;
    try {
      options.onDone?.(outcome);
    } finally {
      settle(outcome);
    }
  };
  const armTimer = () => {
    timer?.cancel();
    timer = context.clock.schedule(options.interDigitTimeoutMs, () =>
      finish('inter-digit-timeout'),
    );
  };
  const onDigit = (digit: string) => {
    if (finished) return;
    if (digits === '') options.onFirstDigit?.();
    if (options.terminatingDigits.includes(digit)) {
      finish('terminating-digit', digit);
      return;
    }
    digits += digit;
    if (digits.length >= options.maxDigits) {
      finish('max-digits');
      return;
    }
    timerStarted = true;
    armTimer();
  };
  const onEnd = () => finish('hung-up');

  if (runtime.lifetime.signal.aborted) {
    queueMicrotask(onEnd);
  } else {
    runtime.digitListeners.add(onDigit);
    runtime.lifetime.signal.addEventListener('abort', onEnd, { once: true });
    // Scheduled before the inter-digit timer: a press due first runs first, however late.
    const policy = context.callRuntimes.autoPress;
    if (policy !== 'never') {
      scriptedPress = context.clock.schedule(policy.afterMs, () => {
        if (!finished) receiveDigits(context, call, policy.digits);
      });
    }
    if (options.startTimer !== false) {
      timerStarted = true;
      armTimer();
    }
  }
  return {
    result,
    get digits() {
      return digits;
    },
    startTimer() {
      if (finished || timerStarted) return;
      timerStarted = true;
      armTimer();
    },
    stop(reason = 'stopped') {
      finish(reason);
    },
  };
}
