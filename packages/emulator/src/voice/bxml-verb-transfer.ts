import type { PlayAudioVerb, RecordVerb, SpeakSentenceVerb, TransferVerb } from '@bw/bxml';
import type { EmulatorContext } from '../context';
import { playAudioVerb } from './bxml-audio';
import { NEXT, STOP, type VerbContext, type VerbStep } from './bxml-step';
import { traceResult } from './bxml-trace';
import { reportRecording, startRecordVerb } from './bxml-verb-record';
import { callEventBody, logCallEvent } from './events';
import { awaitAnswer, awaitEnd, createOutboundCall, endCall, hasEnded } from './lifecycle';
import { checkTransferCallerId, connectCalls } from './transfer';
import type { CallRecord } from './voice-state';

/** Seconds a transfer leg rings by default (reference §3.2). */
export const BXML_TRANSFER_CALL_TIMEOUT = 60;

/**
 * `<Transfer>`: a new leg rings at each destination (`transferTo` and the `<PhoneNumber>`s);
 * the first to answer wins and the others are cancelled. Nested `<SpeakSentence>`/`<PlayAudio>`
 * play to the callee, then the calls are bridged (a nested `<Record>` records the bridged call).
 * When the callee hangs up, `transferComplete` is sent to `requestUrl` and the document it
 * answers continues the caller's call; without `requestUrl` or BXML the caller is hung up.
 * When no leg answers, the next verb runs. Legs send no callbacks of their own.
 */
export async function runTransfer(verb: TransferVerb, at: VerbContext): Promise<VerbStep> {
  const { session, entry, document } = at;
  const { context, call, user } = session;
  const attributes = verb.attributes;
  const destinations: string[] = [];
  const prompts: Array<SpeakSentenceVerb | PlayAudioVerb> = [];
  let recordVerb: RecordVerb | undefined;
  if (attributes.transferTo !== undefined) destinations.push(attributes.transferTo);
  for (const child of verb.children) {
    if (child.verb === 'PhoneNumber') destinations.push(child.text);
    else if (child.verb === 'Record') recordVerb ??= child;
    else prompts.push(child);
  }
  const callerId = attributes.transferCallerId ?? call.from;
  try {
    checkTransferCallerId(context, user, call, callerId);
  } catch (error) {
    session.fail('transfer', '', {
      category: 'bad-request',
      code: 'validation-error',
      message: `<Transfer> on call ${call.id}: ${(error as Error).message}`,
    });
    return STOP;
  }
  if (destinations.length === 0) return NEXT;

  call.state = 'transferring';
  const legs = destinations.map((to) =>
    createOutboundCall(context, user, {
      from: callerId,
      to,
      callTimeout: attributes.callTimeout ?? BXML_TRANSFER_CALL_TIMEOUT,
      transferredFrom: call.id,
    }),
  );
  for (const leg of legs) {
    call.transferLegs.push(leg.id);
    logCallEvent(context, call, 'transfer', leg.id);
  }
  traceResult(context, call, entry, { legs: legs.map((leg) => leg.id) });
  const winner = await session.untilReset(
    Promise.race([firstToAnswer(context, legs), awaitEnd(context, call).then(() => undefined)]),
  );
  if (!session.current()) return STOP;
  if (call.state === 'transferring') call.state = 'active';
  for (const leg of legs) {
    if (leg !== winner) {
      endCall(context, leg, leg.state === 'started' ? 'ORIGINATOR_CANCEL' : 'NORMAL_CLEARING');
    }
  }
  if (!session.alive()) {
    if (winner) endCall(context, winner, 'NORMAL_CLEARING');
    return STOP;
  }
  traceResult(context, call, entry, { answeredBy: winner?.id ?? null });
  if (!winner) return NEXT;

  for (const prompt of prompts) {
    const played = await playAudioVerb(context, winner, prompt, { source: 'bxml-transfer' });
    if (played === 'ended') break;
  }
  if (!session.alive()) {
    endCall(context, winner, 'NORMAL_CLEARING');
    return STOP;
  }
  if (!hasEnded(winner)) {
    const recording = recordVerb
      ? startRecordVerb(session, recordVerb.attributes, true)
      : undefined;
    if (recording) traceResult(context, call, entry, { recordingId: recording.recording.id });
    const endedFirst = await session.untilReset(connectCalls(context, call, winner));
    if (!endedFirst) return STOP;
    if (endedFirst === call) endCall(context, winner, 'NORMAL_CLEARING');
    if (recording && recordVerb) {
      recording.stop('transfer-ended');
      const finished = await recording.finished;
      if (!finished) return STOP;
      const reported = await reportRecording(
        session,
        recordVerb.attributes,
        finished.recording,
        entry,
      );
      if (!reported) return STOP;
    }
    if (endedFirst === call || !session.alive()) return STOP;
  }

  // The callee hung up: the caller's call goes on only if `requestUrl` answers with BXML.
  const requestUrl = attributes.requestUrl;
  if (requestUrl === undefined) {
    session.end('transfer-complete');
    return STOP;
  }
  const body = callEventBody(
    context,
    call,
    'transferComplete',
    { from: winner.from, to: winner.to, callState: 'active' },
    attributes.tag,
  );
  traceResult(context, call, entry, { transferComplete: true });
  const fetched = await session.fetchDocument(
    'transferComplete',
    resolveUrl(requestUrl, document.baseUrl),
    attributes.requestUrlTimeout,
    body,
  );
  if (fetched.kind === 'document') return { next: 'replace', document: fetched.document };
  if (fetched.kind === 'empty') session.end('transfer-complete');
  return STOP;
}

/** `requestUrl` may be relative to the document's URL (reference §3.2). */
function resolveUrl(url: string, base: string): string {
  try {
    return new URL(url, base).toString();
  } catch {
    return url;
  }
}

/** Resolves with the first leg to answer, or `undefined` once none can. */
function firstToAnswer(
  context: EmulatorContext,
  legs: readonly CallRecord[],
): Promise<CallRecord | undefined> {
  return new Promise((resolve) => {
    let unanswered = legs.length;
    for (const leg of legs) {
      void awaitAnswer(context, leg).then((outcome) => {
        if (outcome === 'answered') resolve(leg);
        else if (--unanswered === 0) resolve(undefined);
      });
    }
  });
}
