import type {
  PauseVerb,
  PlayAudioVerb,
  RedirectVerb,
  ResponseVerb,
  SendDtmfVerb,
  SpeakSentenceVerb,
} from '@bw/bxml';
import { playAudioVerb } from './bxml-audio';
import { NEXT, STOP, type VerbContext, type VerbStep } from './bxml-step';
import { traceResult } from './bxml-trace';
import { runGather } from './bxml-verb-gather';
import { runRecord } from './bxml-verb-record';
import { runTransfer } from './bxml-verb-transfer';
import { sendDtmfOut } from './digits';
import { callEventBody } from './events';

/** Removed from the platform in 2017 (reference §3.3); skipped with an error-log entry. */
const REMOVED_VERBS = new Set(['Call', 'Conference', 'SendMessage']);

/** Runs one top-level verb of a document. */
export function runVerb(verb: ResponseVerb, at: VerbContext): Promise<VerbStep> {
  switch (verb.verb) {
    case 'SpeakSentence':
    case 'PlayAudio':
      return runAudio(verb, at);
    case 'Pause':
      return runPause(verb, at);
    case 'SendDtmf':
      return runSendDtmf(verb, at);
    case 'Gather':
      return runGather(verb, at);
    case 'Record':
      return runRecord(verb, at);
    case 'Redirect':
      return runRedirect(verb, at);
    case 'Transfer':
      return runTransfer(verb, at);
    case 'Hangup':
      at.session.end('hangup');
      return Promise.resolve(STOP);
    default:
      return Promise.resolve(skipRemoved(verb.verb, at));
  }
}

async function runAudio(
  verb: SpeakSentenceVerb | PlayAudioVerb,
  { session, entry }: VerbContext,
): Promise<VerbStep> {
  const outcome = await playAudioVerb(session.context, session.call, verb, { source: 'bxml' });
  traceResult(session.context, session.call, entry, { playback: outcome });
  return outcome === 'ended' ? STOP : NEXT;
}

async function runPause(verb: PauseVerb, { session }: VerbContext): Promise<VerbStep> {
  const seconds = verb.attributes.length ?? 1;
  return (await session.pause(seconds * 1000)) ? NEXT : STOP;
}

async function runSendDtmf(verb: SendDtmfVerb, { session }: VerbContext): Promise<VerbStep> {
  await sendDtmfOut(session.context, session.call, verb.text);
  return session.alive() ? NEXT : STOP;
}

/**
 * `<Redirect>`: GET `requestUrl` with the `redirect` event; the document it answers replaces
 * the current one (verbs after `<Redirect>` never run). An empty answer ends the document.
 */
async function runRedirect(verb: RedirectVerb, { session }: VerbContext): Promise<VerbStep> {
  const { context, call } = session;
  const body = callEventBody(context, call, 'redirect', {
    from: call.from,
    to: call.to,
    callState: 'active',
  });
  const fetched = await session.fetchDocument(
    'redirect',
    verb.attributes.requestUrl,
    verb.attributes.requestUrlTimeout,
    body,
  );
  if (fetched.kind === 'document') return { next: 'replace', document: fetched.document };
  return fetched.kind === 'empty' ? { next: 'end-of-document' } : STOP;
}

function skipRemoved(name: string, { session, entry }: VerbContext): VerbStep {
  const reason = REMOVED_VERBS.has(name)
    ? `<${name}> was removed from BXML in 2017; the emulator does not run it`
    : `<${name}> is not a verb the emulator runs`;
  traceResult(session.context, session.call, entry, { reason });
  session.logError('bad-request', 'unsupported-bxml-verb', `${reason} (call ${session.call.id})`);
  return { next: 'verb', outcome: 'skipped' };
}
