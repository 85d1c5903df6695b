import type { CallbackRecord } from './callbacks';
import type { FaultRule } from './faults';
import type { DeliveryFailureRule } from './messaging/delivery';
import type { RateLimitConfig, RateLimitRefusals } from './rate-limits';
import type { AutoAnswerPolicy } from './voice/auto-answer';
import type { AutoPressPolicy } from './voice/auto-press';
import type { BxmlVerbTraceEntry } from './voice/bxml-trace';
import type { TraceEntry } from './voice/voice-state';

/** Thrown by {@link EmulatorControl} when the control API answers with an error. */
export class EmulatorControlError extends Error {
  override readonly name = 'EmulatorControlError';
  /** HTTP status of the answer (0 when no answer came). */
  readonly status: number;
  /** The error `code` of the body, when there is one. */
  readonly code: string | undefined;

  constructor(message: string, status: number, code?: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** An inbound message to inject. */
export interface InboundMessageInput {
  /** The sender (any E.164 number). */
  from: string;
  /** An owned number; its application's `incomingMessageUrl` gets the event. */
  to: string;
  text?: string;
  /** Media URLs (makes it an MMS). */
  media?: string[];
}

/** An inbound call to place: from any number to an owned one. */
export interface InboundCallInput {
  /** The caller (E.164 or `sip:user@host`). */
  from: string;
  /** An owned number; its application's `incomingCallUrl` gets `incomingcall`. */
  to: string;
}

/** A call's id and state after a control action. */
export interface CallControlResult {
  callId: string;
  state: string;
}

/** Options of {@link EmulatorControl.trace}. */
export interface TraceOptions {
  /** Only entries of this type (or these types): `verb`, `bxml-document`, `speak`, `state` … */
  type?: string | readonly string[];
}

/** Options of {@link EmulatorControl.waitForTrace}. */
export interface WaitForTraceOptions extends TraceOptions {
  /** Give up after this many ms (default 5000). */
  timeout?: number;
}

/** Options of {@link EmulatorControl.waitForCallback}. */
export interface WaitForCallbackOptions {
  /** Give up after this many ms (default 5000). */
  timeout?: number;
  /** Only look at records newer than this id (default: all records). */
  since?: string;
}

/**
 * Typed client of the emulator's `/_emulator` control API, for tests, sample apps and demos.
 * Needs no credentials.
 */
export class EmulatorControl {
  /** Base URL of the emulator (`http://127.0.0.1:PORT`). */
  readonly url: string;

  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
  }

  /** Injects an inbound SMS/MMS to an owned number. */
  inboundMessage(input: InboundMessageInput): Promise<{ messageId: string }> {
    return this.request('POST', '/_emulator/messages/inbound', input);
  }

  /**
   * Makes the carrier refuse outbound messages to the rules' destinations from now on (replacing
   * earlier rules; a reset removes them): the delivery receipt says `not-delivered` with the
   * rule's `deliveryCode`, and is sent for `receiptRequested` `error` as well as `all`.
   */
  async setDeliveryFailures(rules: DeliveryFailureRule[]): Promise<void> {
    await this.request('POST', '/_emulator/messages/delivery-failures', rules);
  }

  /** Removes every delivery-failure rule: deliveries succeed again. */
  async clearDeliveryFailures(): Promise<void> {
    await this.request('DELETE', '/_emulator/messages/delivery-failures');
  }

  /** Places an inbound call to an owned number (`incomingcall`, then `answer` if the app auto-answers). */
  inboundCall(input: InboundCallInput): Promise<{ callId: string }> {
    return this.request('POST', '/_emulator/calls/inbound', input);
  }

  /** The far end answers a ringing outbound call. */
  answerCall(callId: string): Promise<CallControlResult> {
    return this.callAction(callId, 'answer');
  }

  /** The far end rejects a ringing outbound call (`hangup` with `CALL_REJECTED`). */
  rejectCall(callId: string): Promise<CallControlResult> {
    return this.callAction(callId, 'reject');
  }

  /** The far end is busy (`hangup` with `USER_BUSY`). */
  busyCall(callId: string): Promise<CallControlResult> {
    return this.callAction(callId, 'busy');
  }

  /**
   * The network cannot complete a ringing outbound call: `hangup` with `UNALLOCATED_NUMBER` (the
   * number is not in service, the default) or `NORMAL_TEMPORARY_FAILURE`.
   */
  failCall(
    callId: string,
    cause: 'UNALLOCATED_NUMBER' | 'NORMAL_TEMPORARY_FAILURE' = 'UNALLOCATED_NUMBER',
  ): Promise<CallControlResult> {
    return this.callAction(callId, 'fail', { cause });
  }

  /** The far end hangs up. */
  hangupCall(callId: string): Promise<CallControlResult> {
    return this.callAction(callId, 'hangup');
  }

  /** The far end presses `digits` (`0-9 A-D * #`), one `dtmf` event each. */
  sendDtmf(callId: string, digits: string): Promise<CallControlResult> {
    return this.callAction(callId, 'dtmf', { digits });
  }

  /**
   * Everything that happened on a call, oldest first: audio, tones, digits, state changes,
   * BXML documents and verbs. `{ type: 'verb' }` keeps only the executed BXML verbs.
   */
  trace(callId: string, options: { type: 'verb' }): Promise<BxmlVerbTraceEntry[]>;
  trace(callId: string, options?: TraceOptions): Promise<TraceEntry[]>;
  trace(callId: string, options: TraceOptions = {}): Promise<TraceEntry[]> {
    const type = options.type === undefined ? undefined : [options.type].flat().join(',');
    return this.request(
      'GET',
      `/_emulator/calls/${encodeURIComponent(callId)}/trace${query({ type })}`,
    );
  }

  /** Sets how outbound calls are answered from now on (a reset restores the start option). */
  async setAutoAnswer(policy: AutoAnswerPolicy): Promise<void> {
    await this.request('POST', '/_emulator/calls/auto-answer', { policy });
  }

  /**
   * Sets what the far end presses by itself from now on when a gather (REST or BXML) starts
   * listening: `{ digits, afterMs }` presses `digits` `afterMs` simulated ms after each gather
   * starts, as {@link sendDtmf} would; `'never'` stops it. A reset restores the start option.
   */
  async setAutoPress(policy: AutoPressPolicy): Promise<void> {
    await this.request('POST', '/_emulator/calls/auto-press', { policy });
  }

  private callAction(callId: string, action: string, body?: unknown): Promise<CallControlResult> {
    return this.request('POST', `/_emulator/calls/${encodeURIComponent(callId)}/${action}`, body);
  }

  /** Every callback attempt the emulator made (Authorization redacted), oldest first. */
  callbacks(options: { since?: string; userId?: string } = {}): Promise<CallbackRecord[]> {
    return this.request('GET', `/_emulator/callbacks${query(options)}`);
  }

  /**
   * Resolves with the first callback record (old or new) that satisfies `predicate`;
   * rejects when none has arrived within `timeout` ms. Long-polls the server, so it reacts
   * as soon as a callback is sent.
   */
  async waitForCallback(
    predicate: (record: CallbackRecord) => boolean,
    options: WaitForCallbackOptions = {},
  ): Promise<CallbackRecord> {
    const timeout = options.timeout ?? 5000;
    return this.firstMatch<CallbackRecord>(
      async (since, wait) => {
        const records = await this.request<CallbackRecord[]>(
          'GET',
          `/_emulator/callbacks${query({ since, wait: String(wait) })}`,
        );
        return { items: records, cursor: records.at(-1)?.id ?? since };
      },
      predicate,
      options.since,
      timeout,
      [`No matching callback within ${timeout} ms`, 'callback-wait-timeout'],
    );
  }

  /** Replaces the fault-injection rules. */
  async setFaults(rules: FaultRule[]): Promise<void> {
    await this.request('POST', '/_emulator/faults', rules);
  }

  /** Removes every fault-injection rule. */
  async clearFaults(): Promise<void> {
    await this.request('DELETE', '/_emulator/faults');
  }

  /** Replaces the rate-limit configuration (`{}` turns every limit off). */
  async setRateLimits(config: RateLimitConfig): Promise<void> {
    await this.request('POST', '/_emulator/rate-limits', config);
  }

  /**
   * How many requests the rate limits refused, per code (`message-rate-limit-per-tn`,
   * `message-rate-limit-overall`, `call-rate-limit`, `rate-limit-reached`), since they were last
   * set or the emulator was reset.
   */
  rateLimitRefusals(): Promise<RateLimitRefusals> {
    return this.request('GET', '/_emulator/rate-limits/refusals');
  }

  /**
   * Restores the start state: resources, callbacks, timers, faults and rate limits; removes
   * delivery-failure rules.
   */
  async reset(): Promise<void> {
    await this.request('POST', '/_emulator/reset');
  }

  /** A JSON snapshot of a user's resources (default: the first user). */
  state(userId?: string): Promise<Record<string, unknown>> {
    return this.request('GET', `/_emulator/state${query({ userId })}`);
  }

  /**
   * Resolves with the first entry of a call's trace (old or new) that satisfies `predicate`,
   * e.g. the menu's `Gather` while it is `running`; rejects when none has appeared within
   * `timeout` ms. Long-polls the server, so it reacts as soon as the trace changes — an entry
   * added, a verb ended or got a result.
   */
  waitForTrace(
    callId: string,
    predicate: (entry: BxmlVerbTraceEntry) => boolean,
    options: WaitForTraceOptions & { type: 'verb' },
  ): Promise<BxmlVerbTraceEntry>;
  waitForTrace(
    callId: string,
    predicate: (entry: TraceEntry) => boolean,
    options?: WaitForTraceOptions,
  ): Promise<TraceEntry>;
  async waitForTrace(
    callId: string,
    predicate: (entry: never) => boolean,
    options: WaitForTraceOptions = {},
  ): Promise<TraceEntry> {
    const timeout = options.timeout ?? 5000;
    const type = options.type === undefined ? undefined : [options.type].flat().join(',');
    const path = `/_emulator/calls/${encodeURIComponent(callId)}/trace`;
    return this.firstMatch<TraceEntry>(
      async (after, wait) => {
        // The first read answers at once; later ones wait for the trace to change.
        const { parsed, response } = await this.send(
          'GET',
          `${path}${query({ type, after, wait: String(after === undefined ? 0 : wait) })}`,
        );
        const version = response.headers.get('x-emulator-trace-version') ?? '0';
        return { items: parsed as TraceEntry[], cursor: version };
      },
      predicate as (entry: TraceEntry) => boolean,
      undefined,
      timeout,
      [`No matching trace entry on call ${callId} within ${timeout} ms`, 'trace-wait-timeout'],
    );
  }

  /**
   * The long-poll loop of the `waitFor…` methods: `read(cursor, waitMs)` answers the items so
   * far (waiting up to `waitMs` for new ones) and where to go on from; the first item that
   * satisfies `predicate` wins, and after `timeout` ms the wait fails with `failure`.
   */
  private async firstMatch<T>(
    read: (
      cursor: string | undefined,
      waitMs: number,
    ) => Promise<{ items: T[]; cursor: string | undefined }>,
    predicate: (item: T) => boolean,
    start: string | undefined,
    timeout: number,
    [message, code]: [message: string, code: string],
  ): Promise<T> {
    const deadline = Date.now() + timeout;
    let cursor = start;
    for (;;) {
      // Whole milliseconds: the server refuses a fractional `wait` (a `timeout` of 1491.5).
      const page = await read(cursor, Math.max(0, Math.ceil(deadline - Date.now())));
      const found = page.items.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() >= deadline) throw new EmulatorControlError(message, 0, code);
      cursor = page.cursor;
    }
  }

  /** Sends one control request; JSON in, JSON out. For subclasses and extensions. */
  protected async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.send(method, path, body)).parsed as T;
  }

  private async send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ parsed: unknown; response: Response }> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, init);
    } catch (error) {
      throw new EmulatorControlError(
        `Emulator control request ${method} ${path} failed: ${(error as Error).message}`,
        0,
      );
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const failure = parsed as { code?: string; message?: string } | undefined;
      throw new EmulatorControlError(
        `Emulator control request ${method} ${path} answered ${response.status}: ${failure?.message ?? text}`,
        response.status,
        failure?.code,
      );
    }
    return { parsed, response };
  }
}

function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
