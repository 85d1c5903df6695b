import type { BxmlResponse } from '@bw/bxml';
import type { CallbackDelivery, CallbackResult } from '../callbacks';
import type { EmulatorContext } from '../context';
import type { ErrorDetail } from '../errors';
import { redactUrlPasswords } from '../redaction';
import type { UserState } from '../state';
import { logUserError } from '../user-errors';
import { checkDocumentText } from './bxml-document';
import type { BxmlDocumentSource } from './bxml-trace';
import { ownerOfCall } from './call-runtimes';
import { traceCall } from './events';
import { endCall, hasEnded } from './lifecycle';
import type { CallRecord } from './voice-state';

/** A document being executed on a call. */
export interface BxmlDocument {
  readonly response: BxmlResponse;
  /** 1 for the answer's document, then one more for each document that replaced it. */
  readonly number: number;
  readonly source: BxmlDocumentSource;
  /** The URL it came from (with its credentials): relative `requestUrl`s resolve against it. */
  readonly baseUrl: string;
}

/** What asking for a document gave. */
export type DocumentOutcome =
  | { kind: 'document'; document: BxmlDocument }
  /** A 2xx answer with an empty body: no BXML. */
  | { kind: 'empty' }
  /** The request or the document was refused (the call was ended), or the call is gone. */
  | { kind: 'stopped' };

/** Why a session ended the call, for the trace's `bxml-end` entry. */
export type SessionEndReason = 'hangup' | 'end-of-document' | 'transfer-complete' | 'error';

/** Most validator problems copied into an error-log entry. */
const MAX_LOGGED_PROBLEMS = 10;

/**
 * One call's BXML execution: the call, its owner, the reset generation it started in, and the
 * operations every verb needs — ordered requests, documents read and checked, simulated
 * pauses, and ending the call with a trace entry (and an error-log entry on failure).
 */
export class BxmlSession {
  readonly context: EmulatorContext;
  readonly user: UserState;
  readonly call: CallRecord;
  /** The callback engine's generation at the start: a reset makes the session stale. */
  readonly generation: number;
  /** Set once the session ended the call or traced why it stopped. */
  ended = false;
  /** Set when the call was ended because of a refused request or document. */
  failed = false;
  #documents = 0;

  constructor(context: EmulatorContext, user: UserState, call: CallRecord) {
    this.context = context;
    this.user = user;
    this.call = call;
    this.generation = context.callbacks.generation;
  }

  /** Aborted when the call ends. */
  get signal(): AbortSignal {
    return this.context.callRuntimes.runtime(this.call).lifetime.signal;
  }

  /** True while the call is up and the emulator was not reset since the session began. */
  alive(): boolean {
    return !hasEnded(this.call) && this.current();
  }

  /** True while the call still belongs to this emulator run (no reset since). */
  current(): boolean {
    return (
      this.context.callbacks.generation === this.generation &&
      ownerOfCall(this.context, this.call) === this.user
    );
  }

  /** Waits `simulatedMs`; false when the call ended or the emulator was reset meanwhile. */
  async pause(simulatedMs: number, signal: AbortSignal = this.signal): Promise<boolean> {
    try {
      await this.context.clock.sleep(simulatedMs, signal);
    } catch {
      // Aborted (the call ended, or `signal` fired) or cancelled by a reset.
    }
    return this.alive();
  }

  /**
   * Sends a request in order with the call's events (it waits until the earlier ones were
   * answered, and later ones wait for it unless `holdsLater` is false). Failures are not
   * logged here: the caller knows what they mean.
   */
  deliver(
    delivery: Omit<CallbackDelivery, 'userId' | 'generation' | 'failure'>,
    holdsLater = true,
  ): Promise<CallbackResult> {
    const runtime = this.context.callRuntimes.runtime(this.call);
    const sent = runtime.chain.then(() =>
      this.context.callbacks.deliver({
        ...delivery,
        userId: this.call.userId,
        generation: this.generation,
        failure: false,
      }),
    );
    if (holdsLater) runtime.chain = sent.catch(() => undefined);
    return sent;
  }

  /**
   * GETs `url` with an event's fields as the query and reads the BXML it answers. A failed
   * request (non-2xx, timeout, network error) ends the call with an error-log entry.
   */
  async fetchDocument(
    source: Exclude<BxmlDocumentSource, 'answer'>,
    url: string,
    timeoutMs: number | undefined,
    body: Record<string, unknown>,
  ): Promise<DocumentOutcome> {
    const result = await this.deliver({
      url,
      method: 'GET',
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      body,
    });
    if (!this.alive()) return { kind: 'stopped' };
    if (!result.ok) {
      this.requestFailed(source, url, result);
      return { kind: 'stopped' };
    }
    return this.readDocument(source, result.text ?? '', url);
  }

  /** Logs and traces a failed request of a verb, then ends the call. */
  requestFailed(
    source: BxmlDocumentSource | 'recording' | 'transfer',
    url: string,
    result: CallbackResult,
  ): void {
    const why = redactUrlPasswords(
      result.attempts.map((attempt) => attempt.error ?? 'failed').join('; '),
    );
    this.fail(source, url, {
      category: 'unavailable',
      code: 'bxml-request-failed',
      message: `The ${source} request of call ${this.call.id} to ${redactUrlPasswords(url)} failed (${why || 'no answer'})`,
    });
  }

  /**
   * Reads the answer to the `answer` event. A failed delivery was logged by the call model
   * already; the call is ended without BXML.
   */
  readAnswer(result: CallbackResult): DocumentOutcome {
    const last = result.attempts[result.attempts.length - 1];
    const url =
      (last?.attempt === 'fallback' ? this.call.fallbackUrl : this.call.callbackUrl) ??
      result.url ??
      '';
    if (!result.ok) {
      this.fail('answer', url, {
        category: 'unavailable',
        code: 'callback-delivery-failed',
        message: `The answer event of call ${this.call.id} got no BXML (${last?.error ?? 'failed'})`,
        logged: true,
      });
      return { kind: 'stopped' };
    }
    return this.readDocument('answer', result.text ?? '', url);
  }

  /**
   * Reads a document (checked by {@link checkDocumentText}). An empty body is no document. A
   * document that does not parse or validate ends the call with an `invalid-bxml` error-log
   * entry; verbs cut off after a `<Redirect>` are counted as `dropped` in the trace.
   */
  readDocument(source: BxmlDocumentSource, text: string, url: string): DocumentOutcome {
    if (text.trim() === '') {
      if (source === 'answer') {
        traceCall(this.context, this.call, 'bxml-document', {
          document: 0,
          source,
          url: redactUrlPasswords(url),
          verbs: 0,
          empty: true,
        });
      }
      return { kind: 'empty' };
    }
    const checked = checkDocumentText(text);
    if (!checked.ok) {
      const { problems } = checked;
      const details: ErrorDetail[] = problems
        .slice(0, MAX_LOGGED_PROBLEMS)
        .map((value) => ({ name: 'problem', value }));
      this.fail(source, url, {
        category: 'bad-request',
        code: 'invalid-bxml',
        message: `The BXML document for call ${this.call.id} from ${redactUrlPasswords(url)} is invalid: ${problems[0] ?? 'unknown problem'}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`,
        details,
        problems,
      });
      return { kind: 'stopped' };
    }
    const { response, dropped } = checked;
    this.#documents += 1;
    const document: BxmlDocument = { response, number: this.#documents, source, baseUrl: url };
    traceCall(this.context, this.call, 'bxml-document', {
      document: document.number,
      source,
      url: redactUrlPasswords(url),
      verbs: response.children.length,
      ...(dropped > 0 ? { dropped } : {}),
    });
    return { kind: 'document', document };
  }

  /**
   * Ends the call because BXML execution cannot go on: traces a `bxml-error` entry, logs a
   * user error (unless `logged` says the callback engine did), traces `bxml-end`, hangs up.
   */
  fail(
    source: BxmlDocumentSource | 'recording' | 'transfer',
    url: string,
    error: {
      category: string;
      code: string;
      message: string;
      details?: ErrorDetail[];
      problems?: string[];
      logged?: boolean;
    },
  ): void {
    if (!this.current()) return;
    this.failed = true;
    traceCall(this.context, this.call, 'bxml-error', {
      source,
      ...(url ? { url: redactUrlPasswords(url) } : {}),
      code: error.code,
      message: error.message,
      ...(error.problems ? { problems: error.problems } : {}),
    });
    if (!error.logged) {
      logUserError(this.context, this.user, {
        category: error.category,
        code: error.code,
        message: error.message,
        details: [
          { name: 'callId', value: this.call.id },
          ...(url ? [{ name: 'requestUrl', value: redactUrlPasswords(url) }] : []),
          ...(error.details ?? []),
        ],
      });
    }
    this.end('error');
  }

  /** Traces why BXML stopped and hangs the call up (`NORMAL_CLEARING`) if it is still up. */
  end(reason: SessionEndReason): void {
    if (this.ended || !this.current()) return;
    this.ended = true;
    traceCall(this.context, this.call, 'bxml-end', { reason });
    endCall(this.context, this.call, 'NORMAL_CLEARING');
  }

  /** Traces that the call ended while BXML ran (the far end or the app hung up). */
  noteCallEnded(): void {
    if (this.ended || !this.current()) return;
    this.ended = true;
    traceCall(this.context, this.call, 'bxml-end', { reason: 'call-ended' });
  }

  /** Logs a user error about this call without ending it. */
  logError(category: string, code: string, message: string, url?: string): void {
    if (!this.current()) return;
    logUserError(this.context, this.user, {
      category,
      code,
      message,
      details: [
        { name: 'callId', value: this.call.id },
        ...(url ? [{ name: 'requestUrl', value: redactUrlPasswords(url) }] : []),
      ],
    });
  }

  /** Logs a failed request that does not end the call (nothing waited for its answer). */
  logRequestFailure(source: string, url: string, result: CallbackResult): void {
    const why = redactUrlPasswords(
      result.attempts.map((attempt) => attempt.error ?? 'failed').join('; '),
    );
    this.logError(
      'unavailable',
      'bxml-request-failed',
      `The ${source} request of call ${this.call.id} to ${redactUrlPasswords(url)} failed (${why || 'no answer'})`,
      url,
    );
  }

  /**
   * Settles with `promise`, or with `undefined` when the emulator is reset first (timers that
   * would have settled it are cancelled by a reset).
   */
  untilReset<T>(promise: Promise<T>): Promise<T | undefined> {
    if (this.context.callbacks.generation !== this.generation) return Promise.resolve(undefined);
    return this.context.untilReset(promise);
  }
}
