import type { BxmlDocument, BxmlSession } from './bxml-session';
import type { BxmlVerbOutcome, BxmlVerbTraceEntry } from './bxml-trace';

/** What the engine does after a verb. */
export type VerbStep =
  /** Run the next verb of the document. */
  | { next: 'verb'; outcome: BxmlVerbOutcome }
  /** Run this document instead of the rest of the current one. */
  | { next: 'replace'; document: BxmlDocument }
  /** Nothing more to run: the end-of-document rule applies. */
  | { next: 'end-of-document' }
  /** Execution is over (the call ended, or the session ended it). */
  | { next: 'stop' };

/** What a verb runner gets besides the verb. */
export interface VerbContext {
  readonly session: BxmlSession;
  readonly document: BxmlDocument;
  /** The verb's trace entry (add details with `traceResult`). */
  readonly entry: BxmlVerbTraceEntry;
  /** True when no verb follows in the document. */
  readonly last: boolean;
}

/** Continue with the next verb. */
export const NEXT: VerbStep = { next: 'verb', outcome: 'completed' };
/** Stop: the call is over. */
export const STOP: VerbStep = { next: 'stop' };
