import { Inbox, type ListenOptions, listen } from '@bw/app-kit';
import { voice } from '@bw/sdk';

/** Options of {@link callAndSpeak}. */
export interface CallAndSpeakOptions {
  /** The client that places and controls the call. */
  voice: voice.VoiceClient;
  /** An owned number, E.164. */
  from: string;
  /** Who is called: E.164 or `sip:user@host`. */
  to: string;
  /** What is said once the call is answered. Default `"Hello From Bandwidth. Goodbye."`. */
  sentence?: string;
  /** Seconds the far end may ring (API default 60). */
  callTimeout?: number;
  /** Where the callback server listens. Default: a free local port. */
  callbackServer?: ListenOptions;
  /** Give up on any one step (answer, speech, hang-up) after this many ms. Default 60000. */
  stepTimeoutMs?: number;
  /** Sees every call event as it arrives. */
  onEvent?: (event: voice.VoiceEvent) => void;
}

/** What happened to the call. */
export interface CallAndSpeakResult {
  callId: string;
  /** Whether the far end answered. */
  answered: boolean;
  /** Whether the sentence was spoken to its end. */
  spoken: boolean;
  /** The hang-up cause (`NORMAL_CLEARING` when this app hung up after speaking). */
  cause: string | undefined;
  /** Every event of the call, in the order received. */
  events: voice.VoiceEvent[];
}

type CallEvent = Extract<voice.VoiceEvent, { callId: string }>;

/**
 * Calls `to`; when the `answer` event arrives, speaks the sentence; when the `speak` event says
 * `done`, hangs up; resolves once the `hangup` event arrives. If the call is not answered (no
 * answer, busy, rejected) it resolves with `answered: false` and the cause.
 */
export async function callAndSpeak(options: CallAndSpeakOptions): Promise<CallAndSpeakResult> {
  const timeoutMs = options.stepTimeoutMs ?? 60_000;
  const sentence = options.sentence ?? 'Hello From Bandwidth. Goodbye.';
  const inbox = new Inbox<voice.VoiceEvent>();
  const handler = voice.createVoiceCallbackHandler({
    // Answer every callback at once; the flow below reacts to the events in order.
    onEvent: (event) => {
      inbox.push(event);
      options.onEvent?.(event);
    },
  });
  const server = await listen(handler.node, options.callbackServer);
  try {
    const callId = await options.voice.createCall({
      from: options.from,
      to: options.to,
      callTimeout: options.callTimeout,
      callbackUrl: `${server.url}/call-events`,
    });
    const ofThisCall = (event: voice.VoiceEvent): event is CallEvent =>
      'callId' in event && event.callId === callId;
    const ended = (event: voice.VoiceEvent) => ofThisCall(event) && event.eventType === 'hangup';
    const result = (answered: boolean, spoken: boolean, hangup: voice.VoiceEvent) => ({
      callId,
      answered,
      spoken,
      cause: hangup.eventType === 'hangup' ? hangup.cause : undefined,
      events: inbox.received.filter(ofThisCall),
    });

    const first = await inbox.next(
      (event) => ofThisCall(event) && ['answer', 'hangup', 'timeout'].includes(event.eventType),
      { timeoutMs, what: `call ${callId} to be answered` },
    );
    if (first.eventType !== 'answer') {
      const hangup =
        first.eventType === 'hangup'
          ? first
          : await inbox.next(ended, { timeoutMs, what: `the hangup of call ${callId}` });
      return result(false, false, hangup);
    }

    await options.voice.speakSentenceToCall(callId, sentence);
    const speech = await inbox.next(
      (event) =>
        ended(event) ||
        (ofThisCall(event) && event.eventType === 'speak' && event.status === 'done'),
      { timeoutMs, what: `the speech on call ${callId} to finish` },
    );
    if (speech.eventType === 'hangup') return result(true, false, speech);

    await options.voice.hangupCall(callId);
    const hangup = await inbox.next(ended, { timeoutMs, what: `the hangup of call ${callId}` });
    return result(true, true, hangup);
  } finally {
    await server.close();
  }
}
