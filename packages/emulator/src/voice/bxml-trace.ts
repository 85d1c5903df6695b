import type { BxmlVerb } from '@bw/bxml';
import type { EmulatorContext } from '../context';
import { redactUrlPasswords } from '../redaction';
import { traceCall } from './events';
import type { CallRecord, TraceEntry } from './voice-state';

/** Where a BXML document came from: the answer event, or the request of a verb. */
export type BxmlDocumentSource = 'answer' | 'gather' | 'redirect' | 'transferComplete';

/**
 * How a verb ended.
 * - `running`: not yet.
 * - `completed`: it ran; the document goes on with the next verb.
 * - `replaced`: it fetched a new document, which replaces the rest of this one.
 * - `call-ended`: the call ended during the verb (either side hung up, or `<Hangup>`).
 * - `failed`: its request or the document it fetched was refused; the call was ended and the
 *   error log says why.
 * - `skipped`: not executed (a verb the platform removed, or a verb after `<Redirect>`).
 */
export type BxmlVerbOutcome =
  | 'running'
  | 'completed'
  | 'replaced'
  | 'call-ended'
  | 'failed'
  | 'skipped';

/** A nested verb as the trace shows it. */
export interface BxmlTracedChild {
  verb: string;
  attributes: Record<string, unknown>;
  text?: string;
}

/**
 * One executed BXML verb in a call's trace (`GET /_emulator/calls/{callId}/trace?type=verb`).
 * The entry is added when the verb starts and completed in place when it ends.
 */
export interface BxmlVerbTraceEntry extends TraceEntry {
  type: 'verb';
  /** 1 for the document the answer returned, then 2, 3 … for each document that replaced it. */
  document: number;
  /** Position of the verb in its document's `<Response>`, from 0. */
  index: number;
  /** `SpeakSentence`, `Gather` … */
  verb: string;
  /** The verb's attributes as parsed (credentials in URLs removed). */
  attributes: Record<string, unknown>;
  /** Text content (sentence, audio URL, digits). */
  text?: string;
  /** Nested verbs (Gather prompts; Transfer numbers, prompts and recording). */
  children?: BxmlTracedChild[];
  /** When the verb started and ended (real time, ISO-8601). */
  startedAt: string;
  endedAt?: string;
  /** Simulated milliseconds the verb took (real time × `speed`). */
  durationMs?: number;
  outcome: BxmlVerbOutcome;
  /**
   * What the verb did, by verb: `Gather` → `gatherId`, `digits`, `reason`, `terminatingDigit`,
   * `requested` (the `gather` request was sent); `Record` → `recordingId`, `mediaName`,
   * `recordedMs`, `reason`, `transcriptionId`; `Transfer` → `legs`, `answeredBy`,
   * `transferComplete`; `SpeakSentence`/`PlayAudio` → `playback`; a skipped or failed verb →
   * `reason`.
   */
  result?: Record<string, unknown>;
}

/** A document the engine started to execute, or an empty answer. */
export interface BxmlDocumentTraceEntry extends TraceEntry {
  type: 'bxml-document';
  document: number;
  source: BxmlDocumentSource;
  /** The URL that answered (credentials removed). */
  url: string;
  /** Number of verbs in its `<Response>`; 0 and `empty: true` for an empty answer body. */
  verbs: number;
  empty?: boolean;
  /** Verbs after a `<Redirect>` that were dropped (never executed). */
  dropped?: number;
}

/** Why BXML execution ended the call or stopped. */
export interface BxmlEndTraceEntry extends TraceEntry {
  type: 'bxml-end';
  /**
   * `hangup` (the `<Hangup>` verb), `end-of-document` (nothing left to run; the call is hung
   * up 30 s later), `transfer-complete` (the callee hung up and no document followed),
   * `call-ended` (the call ended while BXML ran), `error` (see the `bxml-error` entry).
   */
  reason: 'hangup' | 'end-of-document' | 'transfer-complete' | 'call-ended' | 'error';
}

/** A refused document or failed request. */
export interface BxmlErrorTraceEntry extends TraceEntry {
  type: 'bxml-error';
  source: BxmlDocumentSource | 'recording' | 'transfer';
  url?: string;
  /** The code of the error-log entry (`invalid-bxml`, `bxml-request-failed` …). */
  code: string;
  message: string;
  /** Problems found by the validator, as `path: message`. */
  problems?: string[];
}

/** The attributes with the password of every URL in them redacted. */
export function traceableAttributes(attributes: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    copy[name] = typeof value === 'string' ? redactUrlPasswords(value) : value;
  }
  return copy;
}

function tracedChild(verb: BxmlVerb): BxmlTracedChild {
  const child: BxmlTracedChild = {
    verb: verb.verb,
    attributes: traceableAttributes(verb.attributes),
  };
  if ('text' in verb) child.text = redactUrlPasswords(verb.text);
  return child;
}

/** Adds the entry of a starting verb to the call's trace and returns it for completion. */
export function traceVerbStart(
  context: EmulatorContext,
  call: CallRecord,
  document: number,
  index: number,
  verb: BxmlVerb,
): BxmlVerbTraceEntry {
  const fields: Record<string, unknown> = {
    document,
    index,
    verb: verb.verb,
    attributes: traceableAttributes(verb.attributes),
  };
  if ('text' in verb) fields.text = redactUrlPasswords(verb.text);
  if ('children' in verb) fields.children = verb.children.map(tracedChild);
  fields.startedAt = new Date().toISOString();
  fields.outcome = 'running';
  traceCall(context, call, 'verb', fields);
  return call.trace[call.trace.length - 1] as BxmlVerbTraceEntry;
}

/** Completes a verb's trace entry: end time, simulated duration and outcome. */
export function traceVerbEnd(
  context: EmulatorContext,
  call: CallRecord,
  entry: BxmlVerbTraceEntry,
  outcome: Exclude<BxmlVerbOutcome, 'running'>,
): void {
  const now = Date.now();
  entry.endedAt = new Date(now).toISOString();
  entry.durationMs = Math.round((now - Date.parse(entry.startedAt)) * context.clock.speed);
  entry.outcome = outcome;
  context.callRuntimes.traces.ended(call, entry);
}

/** Adds `fields` to the result of the verb (`entry`, in `call`'s trace). */
export function traceResult(
  context: EmulatorContext,
  call: CallRecord,
  entry: BxmlVerbTraceEntry,
  fields: Record<string, unknown>,
): void {
  entry.result = { ...entry.result, ...fields };
  context.callRuntimes.traces.changed(call, entry);
}
