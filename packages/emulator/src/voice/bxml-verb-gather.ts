import type { GatherVerb } from '@bw/bxml';
import { STOPPED } from '../clock';
import { playAudioVerb } from './bxml-audio';
import { NEXT, STOP, type VerbContext, type VerbStep } from './bxml-step';
import { traceResult } from './bxml-trace';
import { collectDigits } from './digits';
import { callEventBody } from './events';
import { claimGatherSlot, completeGather, createGather } from './gathers';

/** BXML `<Gather>` defaults (reference §3.2). */
export const BXML_GATHER_DEFAULTS = Object.freeze({
  maxDigits: 128,
  /** Seconds. */
  interDigitTimeout: 5,
  terminatingDigits: '#',
  /** Milliseconds. */
  requestUrlTimeout: 30_000,
});

/**
 * `<Gather>`: plays its prompts (a first digit stops them), then collects far-end digits until
 * `maxDigits`, a terminating digit or `interDigitTimeout` seconds of silence after the prompts.
 * No digits: the next verb runs. Digits: the `gather` event is sent to `requestUrl` and the
 * document it answers replaces the current one — unless the Gather is not the last verb, in
 * which case the event is sent and the next verb runs without waiting for the answer. The
 * gather is also a gather resource (`GET /calls/{callId}/gather/{gatherId}`).
 */
export async function runGather(
  verb: GatherVerb,
  { session, entry, last }: VerbContext,
): Promise<VerbStep> {
  const { context, call, user } = session;
  const attributes = verb.attributes;
  const gather = createGather(context, user, call, {
    maxDigits: attributes.maxDigits ?? BXML_GATHER_DEFAULTS.maxDigits,
    interDigitTimeout: attributes.interDigitTimeout ?? BXML_GATHER_DEFAULTS.interDigitTimeout,
    terminatingDigits: attributes.terminatingDigits ?? BXML_GATHER_DEFAULTS.terminatingDigits,
    ...(attributes.tag !== undefined ? { tag: attributes.tag } : {}),
  });
  traceResult(context, call, entry, { gatherId: gather.id });

  const prompts = new AbortController();
  const collection = collectDigits(context, call, {
    maxDigits: gather.maxDigits,
    terminatingDigits: gather.terminatingDigits,
    interDigitTimeoutMs: gather.interDigitTimeout * 1000,
    startTimer: false,
    onFirstDigit: () => prompts.abort(STOPPED),
    onDone: () => prompts.abort(STOPPED),
  });
  // While no REST gather runs, this one answers `POST …/gather/{id}` `{state: completed}` too.
  claimGatherSlot(context, call, gather, () => collection.stop());
  for (const prompt of verb.children) {
    if (prompts.signal.aborted) break;
    const played = await playAudioVerb(context, call, prompt, {
      source: 'bxml-gather',
      abort: prompts.signal,
    });
    if (played !== 'done') break;
  }
  collection.startTimer();
  const result = await session.untilReset(collection.result);
  if (!result) return STOP;

  completeGather(context, call, gather, result);
  traceResult(context, call, entry, {
    digits: result.digits,
    reason: result.reason,
    ...(result.terminatingDigit !== undefined ? { terminatingDigit: result.terminatingDigit } : {}),
  });
  if (result.reason === 'hung-up' || !session.alive()) return STOP;
  if (result.digits === '' || result.reason === 'stopped') return NEXT;

  const body = callEventBody(
    context,
    call,
    'gather',
    {
      state: 'completed',
      digits: result.digits,
      reason: result.reason,
      ...(result.terminatingDigit !== undefined
        ? { terminatingDigit: result.terminatingDigit }
        : {}),
      gatherId: gather.id,
    },
    attributes.tag,
  );
  const timeoutMs = attributes.requestUrlTimeout ?? BXML_GATHER_DEFAULTS.requestUrlTimeout;
  traceResult(context, call, entry, { requested: true });
  if (!last) {
    // The next verb runs at once (and later events do not wait for this request); whatever
    // it answers is not executed.
    void session
      .deliver({ url: attributes.requestUrl, method: 'GET', timeoutMs, body }, false)
      .then((answer) => {
        if (!answer.ok) session.logRequestFailure('gather', attributes.requestUrl, answer);
      });
    return NEXT;
  }
  const fetched = await session.fetchDocument('gather', attributes.requestUrl, timeoutMs, body);
  if (fetched.kind === 'document') return { next: 'replace', document: fetched.document };
  // No BXML came back: nothing more to run (the call hangs up 30 s later).
  return fetched.kind === 'empty' ? { next: 'end-of-document' } : STOP;
}
