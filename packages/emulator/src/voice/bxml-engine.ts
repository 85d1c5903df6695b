import type { CallbackResult } from '../callbacks';
import type { EmulatorContext, RoutePlugin } from '../context';
import { type BxmlDocument, BxmlSession } from './bxml-session';
import type { VerbStep } from './bxml-step';
import { type BxmlVerbOutcome, traceVerbEnd, traceVerbStart } from './bxml-trace';
import { runVerb } from './bxml-verbs';
import { observeCalls, ownerOfCall } from './call-runtimes';
import { hasEnded } from './lifecycle';
import type { CallRecord } from './voice-state';

/**
 * Simulated ms between the end of a document and the hang-up (reference §3.1: a call whose
 * document ends after SpeakSentence, PlayAudio or SendDtmf is disconnected ~30 s later; a
 * Gather whose request brings no BXML is hung up after 30 s).
 */
export const BXML_END_OF_DOCUMENT_MS = 30_000;

/**
 * Runs BXML on every call whose callbacks use `GET` (the application's or the create
 * request's `callbackHttpMethod`): when such a call is answered, the body of its `answer`
 * callback is the document to execute. An empty body leaves the call to REST control.
 * Installed once per emulator, by the {@link bxmlEngine} plugin.
 */
export function installBxmlEngine(context: EmulatorContext): void {
  observeCalls(context, {
    answered(observed, call, answerDelivery) {
      if (call.callbackHttpMethod !== 'GET' || !call.callbackUrl) return;
      void runAnsweredCall(observed, call, answerDelivery);
    },
  });
}

/** Registers the BXML call engine on the emulator (it serves no routes of its own). */
export const bxmlEngine: RoutePlugin = (_app, context) => {
  installBxmlEngine(context);
};

async function runAnsweredCall(
  context: EmulatorContext,
  call: CallRecord,
  answerDelivery: Promise<CallbackResult | undefined>,
): Promise<void> {
  const user = ownerOfCall(context, call);
  if (!user) return;
  const session = new BxmlSession(context, user, call);
  const answer = await answerDelivery;
  if (!answer || !session.alive()) return;
  const first = session.readAnswer(answer);
  if (first.kind !== 'document') return;
  try {
    await runDocuments(session, first.document);
  } catch (error) {
    // A defect of the engine must not leave a call running a half-executed document.
    session.fail(first.document.source, '', {
      category: 'backend',
      code: 'internal-error',
      message: `BXML execution of call ${call.id} failed: ${(error as Error).message}`,
    });
  }
}

/** Executes documents one after the other until the call ends or nothing is left to run. */
async function runDocuments(session: BxmlSession, first: BxmlDocument): Promise<void> {
  let document = first;
  for (;;) {
    const step = await runDocument(session, document);
    if (step.next === 'replace') {
      document = step.document;
      continue;
    }
    if (step.next === 'end-of-document') await endOfDocument(session);
    else if (hasEnded(session.call)) session.noteCallEnded();
    return;
  }
}

/** Runs a document's verbs in order; the step of the verb that ended it. */
async function runDocument(session: BxmlSession, document: BxmlDocument): Promise<VerbStep> {
  const verbs = document.response.children;
  for (let index = 0; index < verbs.length; index++) {
    if (!session.alive()) return { next: 'stop' };
    const verb = verbs[index];
    if (!verb) break;
    const entry = traceVerbStart(session.context, session.call, document.number, index, verb);
    const step = await runVerb(verb, {
      session,
      document,
      entry,
      last: index === verbs.length - 1,
    });
    traceVerbEnd(session.context, session.call, entry, outcomeOf(session, step));
    if (step.next !== 'verb') return step;
  }
  return { next: 'end-of-document' };
}

function outcomeOf(session: BxmlSession, step: VerbStep): Exclude<BxmlVerbOutcome, 'running'> {
  switch (step.next) {
    case 'verb':
      return step.outcome === 'running' ? 'completed' : step.outcome;
    case 'replace':
      return 'replaced';
    case 'end-of-document':
      return 'completed';
    case 'stop':
      return session.failed ? 'failed' : 'call-ended';
  }
}

/** Nothing left to run: the call is hung up {@link BXML_END_OF_DOCUMENT_MS} later. */
async function endOfDocument(session: BxmlSession): Promise<void> {
  if (!session.alive()) {
    session.noteCallEnded();
    return;
  }
  if (await session.pause(BXML_END_OF_DOCUMENT_MS)) session.end('end-of-document');
  else if (hasEnded(session.call)) session.noteCallEnded();
}
